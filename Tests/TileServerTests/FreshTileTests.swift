import Foundation
import Hummingbird
import HummingbirdTesting
import IncidentStore
import MapRenderer
import MapStyle
import GeoProjection
import TestSupport
import Testing
import TileCache
@testable import TileServer

/// Caches that are never stale: a tile's key and ETag change when a data file its style draws
/// is edited under a running server (within the style-reload interval), and the tile URLs the
/// server hands out carry the style's fingerprint (`?v=`), which alone allows long caching.
@Suite struct FreshTileTests {
    /// A server over its own styles folder (`fresh.json`: a white background, and a red fill
    /// of `area.shp` plus a black line of `lines.geojson`, both in its own data folder;
    /// `area.json`: the same without the line, a basemap-only style).
    struct Fixture {
        let directory: URL
        let styles: URL
        let data: URL
        let server: TileServer

        static let style = """
            {"version": 8, "name": "Fresh",
             "sources": {"area": {"type": "shapefile", "path": "area.shp"},
                         "lines": {"type": "geojson", "path": "lines.geojson"}},
             "layers": [{"id": "bg", "type": "background", "paint": {"background-color": "#ffffff"}},
                        {"id": "area", "type": "fill", "source": "area", "paint": {"fill-color": "#d00000"}},
                        {"id": "lines", "type": "line", "source": "lines", "paint": {"line-color": "#000000", "line-width": 6}}]}
            """

        static let areaStyle = """
            {"version": 8, "name": "Area", "sources": {"area": {"type": "shapefile", "path": "area.shp"}},
             "layers": [{"id": "bg", "type": "background", "paint": {"background-color": "#ffffff"}},
                        {"id": "area", "type": "fill", "source": "area", "paint": {"fill-color": "#d00000"}}]}
            """

        init() async throws {
            directory = try Tool.temporaryDirectory("bordermap-fresh")
            styles = directory.appendingPathComponent("styles")
            data = directory.appendingPathComponent("data")
            for d in [styles, data] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
            try Data(Self.style.utf8).write(to: styles.appendingPathComponent("fresh.json"))
            try Data(Self.areaStyle.utf8).write(to: styles.appendingPathComponent("area.json"))
            try Self.copyShapefile("ca_admin0_countries", to: data.appendingPathComponent("area"))
            try Self.writeLine([[70, 45], [85, 50]], to: data.appendingPathComponent("lines.geojson"))
            let store = try SQLiteIncidentStore(path: directory.appendingPathComponent("incidents.sqlite").path)
            var config = ServerConfiguration(stylesDirectory: styles, dataDirectory: data)
            config.port = 0
            config.dataVersionPollSeconds = 0.2
            config.styleReloadSeconds = 0.3
            server = try await TileServer(configuration: config, store: store)
        }

        /// Copies the repository's shapefile `name` (every part) to `target` plus each extension.
        static func copyShapefile(_ name: String, to target: URL) throws {
            for part in ["shp", "shx", "dbf", "prj", "cpg"] {
                let bytes = try Data(contentsOf: ServerFixture.data.appendingPathComponent("\(name).\(part)"))
                try bytes.write(to: target.appendingPathExtension(part))
            }
        }

        /// Writes a GeoJSON FeatureCollection of one line through `points` (lon, lat).
        static func writeLine(_ points: [[Double]], to url: URL) throws {
            let coordinates = points.map { "[\($0[0]),\($0[1])]" }.joined(separator: ",")
            let text = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},\
                "geometry":{"type":"LineString","coordinates":[\(coordinates)]}}]}
                """
            try Data(text.utf8).write(to: url)
        }

        func withRouter<T: Sendable>(_ body: @Sendable @escaping (any TestClientProtocol) async throws -> T) async throws -> T {
            try await server.application().test(.router) { client in try await body(client) }
        }
    }

    /// Tile 4/11/5 spans 67.5-90 E, 41.0-55.8 N: most of Kazakhstan.
    static let tile = "/tiles/fresh/4/11/5.png"

    /// Asks for `uri` until its ETag is no longer `old` (the style watcher checks every 0.3 s;
    /// the limit is generous for a loaded machine) and returns the last answer.
    static func waitForNewETag(_ client: any TestClientProtocol, _ uri: String, old: String?) async throws -> TestResponse {
        let deadline = Date().addingTimeInterval(60)
        while true {
            let r = try await client.execute(uri: uri, method: .get)
            if r.headers[.eTag] != old || Date() > deadline { return r }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    @Test func aShapefileRewrittenUnderARunningServerGivesNewETagsAndPixels() async throws {
        let fixture = try await Fixture()
        try await fixture.withRouter { client in
            let before = try await client.execute(uri: Self.tile, method: .get)
            #expect(before.status == .ok)
            let etag = try #require(before.headers[.eTag])
            let version = try #require(try await client.execute(uri: "/health", method: .get).json()["styles_version"] as? String)
            // Asked again, the tile is the cached one.
            #expect(try await client.execute(uri: Self.tile, method: .get, headers: [.ifNoneMatch: etag]).status == .notModified)

            // Another file's data under the same name: the lakes instead of the countries.
            try Fixture.copyShapefile("ca_lakes", to: fixture.data.appendingPathComponent("area"))
            let after = try await Self.waitForNewETag(client, Self.tile, old: etag)
            #expect(after.status == .ok)
            #expect(after.headers[.eTag] != etag, "the ETag did not change within 60 s of the shapefile edit")
            #expect(after.bytes != before.bytes)
            // The tile served is the one the new data draws, not a cached one.
            let renderer = try MapRenderer(styleFile: fixture.styles.appendingPathComponent("fresh.json"), dataDirectory: fixture.data)
            let supplied = try await AnalysisLayerData(store: fixture.server.store, dataDirectory: fixture.data).supplied(
                for: renderer, bounds: renderer.dataQueryBounds(for: try Viewport(tile: try TileCoordinate(z: 4, x: 11, y: 5), pixelRatio: 1)), zoom: 4,
                dataVersion: 0)
            #expect(after.bytes == (try renderer.renderTilePNG(try TileCoordinate(z: 4, x: 11, y: 5), supplied: supplied)))
            // A client revalidating its old copy gets the new tile, not 304.
            let revalidated = try await client.execute(uri: Self.tile, method: .get, headers: [.ifNoneMatch: etag])
            #expect(revalidated.status == .ok && revalidated.bytes == after.bytes)
            // The viewer's poll sees that a style changed.
            let health = try await client.execute(uri: "/health", method: .get).json()
            #expect(health["styles_version"] as? String != version)
        }
    }

    @Test func aGeoJSONFileRewrittenUnderARunningServerGivesNewETagsAndPixels() async throws {
        let fixture = try await Fixture()
        try await fixture.withRouter { client in
            let before = try await client.execute(uri: Self.tile, method: .get)
            let etag = try #require(before.headers[.eTag])
            // GeoJSON is read per render, but the tile is cached under its key: the key must change.
            try Fixture.writeLine([[70, 50], [85, 44]], to: fixture.data.appendingPathComponent("lines.geojson"))
            let after = try await Self.waitForNewETag(client, Self.tile, old: etag)
            #expect(after.headers[.eTag] != etag, "the ETag did not change within 60 s of the GeoJSON edit")
            #expect(after.status == .ok && after.bytes != before.bytes)
        }
    }

    @Test func tileURLsHandedOutCarryTheFingerprint() async throws {
        let fixture = try await Fixture()
        try await fixture.withRouter { client in
            let styles = try #require(try await client.execute(uri: "/styles", method: .get).json()["styles"] as? [[String: Any]])
            let hash = try #require(styles.first { $0["name"] as? String == "fresh" }?["hash"] as? String)
            // The fingerprint the server uses is the one `bordermap seed` computes for the same files.
            let styleFile = fixture.styles.appendingPathComponent("fresh.json")
            let inputs = AnalysisLayerData.inputs(of: try Style.load(contentsOf: styleFile).style,
                                                  styleDirectory: fixture.styles, dataDirectory: fixture.data)
            #expect(hash == StyleFingerprint.hex(inputs.fingerprint()))
            #expect(inputs.dataFiles.contains(fixture.data.appendingPathComponent("area.dbf").path))
            #expect(inputs.dataFiles.contains(fixture.data.appendingPathComponent("lines.geojson").path))
            #expect((styles.first { $0["name"] as? String == "fresh" }?["tiles"] as? String)?.hasSuffix("/tiles/fresh/{z}/{x}/{y}.png?v=\(hash)") == true)
            let tileJSON = try await client.execute(uri: "/tiles/fresh.json", method: .get).json()
            #expect((tileJSON["tiles"] as? [String])?.first?.hasSuffix("/tiles/fresh/{z}/{x}/{y}.png?v=\(hash)") == true, "\(tileJSON)")
            let wmts = try await client.execute(uri: "/wmts/1.0.0/WMTSCapabilities.xml", method: .get).text
            #expect(wmts.contains("/tiles/fresh/{TileMatrix}/{TileCol}/{TileRow}.png?v=\(hash)\""), "\(wmts)")

            // Any v serves the same tile; only the current one makes a basemap tile long-lived
            // (`fresh` draws a GeoJSON file, read per render: its tiles stay short-lived).
            let areaHash = try #require(styles.first { $0["name"] as? String == "area" }?["hash"] as? String)
            let areaTile = "/tiles/area/4/11/5.png"
            let plain = try await client.execute(uri: areaTile, method: .get)
            let current = try await client.execute(uri: areaTile + "?v=\(areaHash)", method: .get)
            let stale = try await client.execute(uri: areaTile + "?v=0123456789abcdef", method: .get)
            #expect(plain.headers[.cacheControl] == "public, max-age=86400")
            #expect(current.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(stale.headers[.cacheControl] == "public, max-age=86400")
            #expect(current.bytes == plain.bytes && stale.bytes == plain.bytes)
            #expect(Set([plain, current, stale].map { $0.headers[.eTag] }).count == 1)
            let freshTile = try await client.execute(uri: Self.tile + "?v=\(hash)", method: .get)
            #expect(freshTile.headers[.cacheControl] == "public, max-age=5")

            // After an edit the documents hand out the new fingerprint.
            try Fixture.copyShapefile("ca_lakes", to: fixture.data.appendingPathComponent("area"))
            _ = try await Self.waitForNewETag(client, areaTile, old: plain.headers[.eTag])
            let newStyles = try #require(try await client.execute(uri: "/styles", method: .get).json()["styles"] as? [[String: Any]])
            let newHash = newStyles.first { $0["name"] as? String == "area" }?["hash"] as? String
            #expect(newHash != nil && newHash != areaHash)
            let again = try await client.execute(uri: "/tiles/area.json", method: .get).json()
            #expect((again["tiles"] as? [String])?.first?.hasSuffix("?v=\(newHash ?? "")") == true)
            let old = try await client.execute(uri: areaTile + "?v=\(areaHash)", method: .get)
            #expect(old.headers[.cacheControl] == "public, max-age=86400", "a stale v is not cached for long")
        }
    }

    @Test func incidentTilesStayShortLivedWhateverTheirVersion() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        try await fixture.withRouter { client in
            let styles = try #require(try await client.execute(uri: "/styles", method: .get).json()["styles"] as? [[String: Any]])
            let live = try #require(styles.first { $0["name"] as? String == "situation-room" }?["hash"] as? String)
            // The viewer's form: fingerprint, then the data version.
            let tile = try await client.execute(uri: "/tiles/situation-room/4/11/6.png?v=\(live)-0&layers=heatmap", method: .get)
            #expect(tile.status == .ok)
            #expect(tile.headers[.cacheControl] == "public, max-age=5")
            let base = try #require(styles.first { $0["name"] as? String == "basemap" }?["hash"] as? String)
            let basemap = try await client.execute(uri: "/tiles/basemap/4/11/6.png?v=\(base)-7", method: .get)
            #expect(basemap.headers[.cacheControl] == "public, max-age=31536000, immutable")
        }
    }
}
