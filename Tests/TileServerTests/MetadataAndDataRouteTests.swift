import Foundation
import Hummingbird
import HummingbirdTesting
import PNGCodec
import TestSupport
import Testing
@testable import TileServer

/// TileJSON, WMTS (read by GDAL's WMTS driver, which fetches our tiles through it), styles,
/// static maps, GeoJSON layers (read by OGR), uploads, health and metrics.
@Suite struct MetadataAndDataRouteTests {
    @Test func tileJSONIsVersion3WithATemplateThatWorks() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        try await fixture.withRouter { client in
            let r = try await client.execute(uri: "/tiles/situation-room.json", method: .get)
            #expect(r.status == .ok)
            let doc = try r.json()
            #expect(doc["tilejson"] as? String == "3.0.0")
            let tiles = try #require(doc["tiles"] as? [String])
            let version = try #require(doc["version"] as? String)
            #expect(tiles.count == 1 && tiles[0].hasSuffix("/tiles/situation-room/{z}/{x}/{y}.png?v=\(version)"), "\(tiles)")
            let bounds = try #require(doc["bounds"] as? [Double])
            #expect(bounds.count == 4 && bounds[0] < 60 && bounds[2] > 80 && bounds[1] < 35 && bounds[3] > 50)
            #expect(doc["minzoom"] as? Int == 0 && doc["maxzoom"] as? Int == 18)
            #expect((doc["attribution"] as? String ?? "").contains("Natural Earth"))
            // A Host header that is not a plain host name is not echoed into documents.
            #expect(PublicURL.isPlainHost("maps.example:8080") && PublicURL.isPlainHost("[::1]:8080"))
            #expect(!PublicURL.isPlainHost("evil\"><script>") && !PublicURL.isPlainHost("a/b") && !PublicURL.isPlainHost(""))
            let styles = try await client.execute(uri: "/styles", method: .get).json()
            let list = try #require(styles["styles"] as? [[String: Any]])
            #expect(list.compactMap { $0["name"] as? String } == ["basemap", "situation-room"])
            let legend = try #require(list[1]["legend"] as? [[String: Any]])
            #expect(legend.contains { ($0["label"] as? String) == "Incidents by category: seizure" && ($0["color"] as? String) == "#ff5252" })
        }
    }

    @Test func gdalReadsTheWMTSCapabilitiesAndTheTilesThroughThem() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        let dir = fixture.directory.path
        // GDAL's WMS/WMTS reader caches tiles in ./gdalwmscache unless told otherwise.
        let gdalEnvironment = ["GDAL_HTTP_TIMEOUT": "20", "GDAL_DEFAULT_WMS_CACHE_PATH": "\(dir)/gdalwmscache"]
        try await fixture.withLiveServer { _, port in
            let url = "http://127.0.0.1:\(port)/wmts/1.0.0/WMTSCapabilities.xml"
            let info = try await Tool.runOffPool(["gdalinfo", "WMTS:\(url),layer=basemap"], environment: gdalEnvironment)
            #expect(info.status == 0, "\(info.stderr)")
            // GoogleMapsCompatible at zoom 18: 2πR / 2^26 m per pixel; GDAL clips the raster to
            // the layer's WGS84BoundingBox, so its origin is the box's corner, not (-πR, πR).
            #expect(info.output.contains("Pixel Size = (0.5971642834"), "\(info.output.suffix(1500))")
            #expect(info.output.contains("Pseudo-Mercator"))
            // Read tile 6/44/23's area (an overview) through GDAL and compare it with our tile.
            let out = "\(dir)/wmts.png"
            let translate = try await Tool.runOffPool(["gdal_translate", "-q", "-of", "PNG", "-outsize", "256", "256",
                                          "-projwin", "7514065.628545966", "5635549.221409474", "8140237.764258127", "5009377.085697312",
                                          "WMTS:\(url),layer=basemap", out], environment: gdalEnvironment)
            #expect(translate.status == 0, "\(translate.stderr)")
            let viaGDAL = try PNGDecoder().decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: out))))
            let direct = try await Tool.runOffPool(["curl", "-s", "http://127.0.0.1:\(port)/tiles/basemap/6/44/23.png"])
            let ours = try PNGDecoder().decode([UInt8](direct.stdout))
            var differing = 0
            for y in stride(from: 8, to: 256, by: 16) {
                for x in stride(from: 8, to: 256, by: 16) {
                    guard let a = viaGDAL.color(x: x, y: y), let b = ours.color(x: x, y: y) else { continue }
                    if abs(Int(a.r) - Int(b.r)) + abs(Int(a.g) - Int(b.g)) + abs(Int(a.b) - Int(b.b)) > 24 { differing += 1 }
                }
            }
            #expect(differing <= 8, "\(differing) of 256 sample pixels differ between GDAL's WMTS read and tile 6/44/23")
        }
    }

    @Test func staticMapsHaveTheAskedSize() async throws {
        let fixture = try await ServerFixture(incidents: 500)
        try await fixture.withRouter { client in
            let bbox = try await client.execute(uri: "/static/situation-room/66,36,76,44/640x400.png?title=Fergana&legend=1", method: .get)
            #expect(bbox.status == .ok)
            let image = try PNGDecoder().decode(bbox.bytes)
            #expect(image.width == 640 && image.height == 400)
            let centered = try await client.execute(uri: "/static/basemap/69.3,41.3,6/300x200@2x.png", method: .get)
            let retina = try PNGDecoder().decode(centered.bytes)
            #expect(retina.width == 600 && retina.height == 400)
        }
    }

    @Test func geoJSONLayersOpenInOGRWithTheRightCounts() async throws {
        let fixture = try await ServerFixture(incidents: 12_000)
        let dir = fixture.directory.path
        let store = fixture.store
        try await fixture.withRouter { client in
            let bbox = "66,36,76,44"
            let r = try await client.execute(uri: "/geojson/incidents?bbox=\(bbox)&from=2022-01-01&to=2023-12-31", method: .get)
            #expect(r.status == .ok)
            #expect(r.headers[.contentType]?.hasPrefix("application/geo+json") == true)
            let file = "\(dir)/incidents.geojson"
            try Data(r.bytes).write(to: URL(fileURLWithPath: file))
            let expected = try await store.count(matching: .init(
                bbox: .init(minX: 66, minY: 36, maxX: 76, maxY: 44),
                from: ISO8601DateFormatter().date(from: "2022-01-01T00:00:00Z"), to: ISO8601DateFormatter().date(from: "2024-01-01T00:00:00Z")))
            #expect(expected > 100)
            let info = try await Tool.runOffPool(["ogrinfo", "-ro", "-so", "-al", file])
            #expect(info.status == 0, "\(info.stderr)")
            #expect(info.output.contains("Feature Count: \(expected)"), "\(info.output)")
            #expect(info.output.contains("category: String"))
            #expect(info.output.contains("quantity_kg: Real"))
            // All incidents, three pages of the store (`IncidentGeoJSONStream.pageSize`), in time order; GDAL reads them all.
            #expect(12_000 > 2 * IncidentGeoJSONStream.pageSize)
            let all = try await client.execute(uri: "/geojson/incidents", method: .get)
            let allFile = "\(dir)/all.geojson"
            try Data(all.bytes).write(to: URL(fileURLWithPath: allFile))
            let allInfo = try await Tool.runOffPool(["ogrinfo", "-ro", "-so", "-al", allFile])
            #expect(allInfo.status == 0, "\(allInfo.stderr)")
            #expect(allInfo.output.contains("Feature Count: 12000"), "\(allInfo.output)")
            let doc = try all.json()
            let features = try #require(doc["features"] as? [[String: Any]])
            #expect(features.count == 12_000)
            let times = features.compactMap { ($0["properties"] as? [String: Any])?["occurred_at"] as? String }
            #expect(times == times.sorted())
            let countries = try await client.execute(uri: "/geojson/ca_admin0_countries?bbox=60,30,75,45", method: .get)
            let cfile = "\(dir)/countries.geojson"
            try Data(countries.bytes).write(to: URL(fileURLWithPath: cfile))
            let cinfo = try await Tool.runOffPool(["ogrinfo", "-ro", "-so", "-al", cfile])
            #expect(cinfo.status == 0, "\(cinfo.stderr)")
            // Kazakhstan, Uzbekistan, Kyrgyzstan, Tajikistan, Turkmenistan and Afghanistan touch that box at least.
            let count = cinfo.output.split(separator: "\n").first { $0.hasPrefix("Feature Count: ") }.flatMap { Int($0.dropFirst(15)) } ?? 0
            #expect(count >= 6, "\(cinfo.output)")
        }
    }

    @Test func uploadsReportStoredDuplicateAndRejectedRows() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        let auth: HTTPFields = [.authorization: "Bearer \(ServerFixture.writeToken)", .contentType: "text/csv"]
        // Row 3 has no date; row 4 has Tashkent's latitude and longitude swapped (caught by the
        // country polygons); rows 2 and 5 are fine. Russian headers, decimal commas, dd.mm.yyyy.
        let csv = "дата;широта;долгота;категория\n01.03.2025 10:30;39,9;71,7;seizure\n;39,9;71,7;seizure\n02.03.2025;69,2;41,3;detention\n03.03.2025;37,2;68,8;crossing attempt\n"
        try await fixture.withRouter { client in
            let first = try await client.execute(uri: "/incidents", method: .post, headers: auth, body: ByteBuffer(string: csv))
            #expect(first.status == .created)
            let doc = try first.json()
            #expect(doc["stored"] as? Int == 2)
            #expect(doc["rejected"] as? Int == 2)
            let rows = (doc["rejections"] as? [[String: Any]] ?? []).compactMap { $0["row"] as? Int }
            #expect(rows == [3, 4], "\(first.text)")
            let again = try await client.execute(uri: "/incidents", method: .post, headers: auth, body: ByteBuffer(string: csv)).json()
            #expect(again["stored"] as? Int == 0 && again["duplicates"] as? Int == 2)
            let geojson = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","geometry":{"type":"Point","coordinates":[69.2,41.3]},"properties":{"date":"2025-04-01","category":"seizure","substance":"heroin","quantity_kg":2.5}},
             {"type":"Feature","geometry":{"type":"LineString","coordinates":[[69,41],[70,42]]},"properties":{"date":"2025-04-01"}}]}
            """
            let g = try await client.execute(uri: "/incidents", method: .post,
                                             headers: [.authorization: "Bearer \(ServerFixture.writeToken)", .contentType: "application/geo+json"],
                                             body: ByteBuffer(string: geojson)).json()
            #expect(g["stored"] as? Int == 1 && g["rejected"] as? Int == 1, "\(g)")
            #expect(try await fixture.store.count(matching: .all) == 3)
            let health = try await client.execute(uri: "/health", method: .get).json()
            #expect(health["data_version"] as? Int == 2)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            for name in ["bordermap_http_requests_total{route=\"/incidents\",status=\"201\"} 3", "bordermap_http_request_duration_seconds_bucket",
                         "bordermap_render_queue_depth 0", "bordermap_incident_data_version 2"] {
                #expect(metrics.text.contains(name), "\(name) missing")
            }
        }
    }
}
