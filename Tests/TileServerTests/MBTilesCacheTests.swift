import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
@testable import TileServer

/// The MBTiles file behind the memory cache: a restarted server serves what an earlier one
/// rendered, byte for byte, but never a tile whose incidents have changed since.
@Suite struct MBTilesCacheTests {
    @Test func whatTheServerWritesToTheFileIsBoundedByZoomAndBytes() async throws {
        let dir = try Tool.temporaryDirectory("bordermap-mbtiles-bound")
        let file = dir.appendingPathComponent("cache.mbtiles").path
        func stored() async throws -> [String] {
            try await Tool.runOffPool(["sqlite3", file, "SELECT zoom_level || '/' || tile_column FROM map ORDER BY 1"]).output
                .split(separator: "\n").map(String.init)
        }
        // Zooms up to 4 only, and room for about one basemap tile.
        let fixture = try await ServerFixture(incidents: 0) { $0.mbtilesPath = file; $0.mbtilesStoreMaxZoom = 4 }
        try await fixture.withRouter { (client: any TestClientProtocol) async throws in
            #expect(try await client.execute(uri: "/tiles/basemap/5/22/12.png", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/tiles/basemap/4/11/6.png", method: .get).status == .ok)
        }
        #expect(try await stored() == ["4/11"], "the z5 tile is served from memory, not written")
        let bytes = Int(try await Tool.runOffPool(["sqlite3", file, "SELECT sum(length(tile_data)) FROM map"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        let full = try await ServerFixture(incidents: 0) { $0.mbtilesPath = file; $0.mbtilesStoreMaxBytes = bytes + 10 }
        try await full.withRouter { (client: any TestClientProtocol) async throws in
            #expect(try await client.execute(uri: "/tiles/basemap/4/10/6.png", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/tiles/basemap/4/11/6.png", method: .get).status == .ok, "still read")
        }
        #expect(try await stored() == ["4/11"], "the file is full: nothing more is written")
    }

    @Test func aRestartedServerServesRenderedTilesFromTheFileButNeverStaleOnes() async throws {
        let dir = try Tool.temporaryDirectory("bordermap-mbtiles")
        let file = dir.appendingPathComponent("cache.mbtiles").path
        let first = try await ServerFixture(incidents: 300) { $0.mbtilesPath = file }
        let paths = ["/tiles/situation-room/5/22/12.png", "/tiles/basemap/5/22/12.png"]
        let rendered = try await first.withRouter { client in
            try await paths.asyncMap { try await client.execute(uri: $0, method: .get).bytes }
        }
        let stored = try await Tool.runOffPool(["sqlite3", file, "SELECT count(*) FROM map"])
        #expect(stored.output.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        // A second server over the same store and file, with an empty memory cache.
        var config = first.server.configuration
        config.mbtilesPath = file
        let second = try await TileServer(configuration: config, store: first.store)
        try await second.application().test(.router) { client in
            for (path, bytes) in zip(paths, rendered) {
                #expect(try await client.execute(uri: path, method: .get).bytes == bytes, "\(path)")
            }
            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            #expect(metrics.contains("bordermap_tile_cache_requests_total{tier=\"mbtiles\",result=\"hit\"} 2"), "\(metrics)")
            #expect(metrics.contains("bordermap_tile_render_seconds_count 0"))
            // A new incident: the incident style's stored tile is stale and is rendered anew; the basemap's is not.
            let post = try await client.execute(uri: "/incidents", method: .post,
                                                headers: [.authorization: "Bearer \(ServerFixture.writeToken)", .contentType: "text/csv"],
                                                body: ByteBuffer(string: "date,lat,lon,category\n2025-05-05,41.3,69.2,seizure\n"))
            #expect(post.status == .created)
            _ = try await client.execute(uri: paths[0], method: .get)
            _ = try await client.execute(uri: paths[1], method: .get)
            let after = try await client.execute(uri: "/metrics", method: .get).text
            #expect(after.contains("bordermap_tile_render_seconds_count 1"), "\(after)")
        }
    }
}

extension Sequence {
    func asyncMap<T: Sendable>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await transform(e)) }
        return out
    }
}
