import Foundation
import Hummingbird
import HummingbirdTesting
import PNGCodec
import Testing
@testable import TileServer

/// Tiles: images, ETags and 304s, cache headers per layer kind, and caching that follows the
/// incident data and the style without ever serving a stale tile.
@Suite struct TileRouteTests {
    @Test func tilesArePNGsOfTheRightSizeWithValidators() async throws {
        let fixture = try await ServerFixture()
        try await fixture.withRouter { client in
            let tile = try await client.execute(uri: "/tiles/situation-room/5/22/12.png", method: .get)
            #expect(tile.status == .ok)
            #expect(tile.headers[.contentType] == "image/png")
            let image = try PNGDecoder().decode(tile.bytes)
            #expect(image.width == 256 && image.height == 256)
            let retina = try await client.execute(uri: "/tiles/situation-room/5/22/12@2x.png", method: .get)
            #expect(try PNGDecoder().decode(retina.bytes).width == 512)
            let etag = try #require(tile.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            #expect(retina.headers[.eTag] != etag)
            // A matching If-None-Match (also weak, also in a list) gets 304 with no body.
            for value in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
                let again = try await client.execute(uri: "/tiles/situation-room/5/22/12.png", method: .get, headers: [.ifNoneMatch: value])
                #expect(again.status == .notModified, "\(value)")
                #expect(again.body.readableBytes == 0)
                #expect(again.headers[.eTag] == etag)
            }
            let stale = try await client.execute(uri: "/tiles/situation-room/5/22/12.png", method: .get, headers: [.ifNoneMatch: "\"stale\""])
            #expect(stale.status == .ok)
        }
    }

    @Test func cacheControlIsLongForBasemapsAndShortForIncidentLayers() async throws {
        let fixture = try await ServerFixture()
        try await fixture.withRouter { client in
            let base = try await client.execute(uri: "/tiles/basemap/4/11/6.png", method: .get)
            let live = try await client.execute(uri: "/tiles/situation-room/4/11/6.png", method: .get)
            #expect(base.headers[.cacheControl] == "public, max-age=86400")
            #expect(live.headers[.cacheControl] == "public, max-age=5")
        }
    }

    @Test func aNewIncidentChangesOnlyIncidentTilesAndShowsAtOnce() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        try await fixture.withRouter { client in
            let path = "/tiles/situation-room/7/89/48.png", basePath = "/tiles/basemap/7/89/48.png"
            let before = try await client.execute(uri: path, method: .get)
            let baseBefore = try await client.execute(uri: basePath, method: .get)
            // Tile 7/89/48 spans about 70.3-73.1 E, 38.8-40.9 N; put a seizure in its middle.
            let csv = "date;lat;lon;category\n2025-03-01;39.9;71.7;seizure\n"
            let post = try await client.execute(uri: "/incidents", method: .post,
                                                headers: [.authorization: "Bearer \(ServerFixture.writeToken)", .contentType: "text/csv"],
                                                body: ByteBuffer(string: csv))
            #expect(post.status == .created, "\(post.text)")
            let after = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: before.headers[.eTag] ?? ""])
            #expect(after.status == .ok)
            #expect(after.headers[.eTag] != before.headers[.eTag])
            let old = try PNGDecoder().decode(before.bytes), new = try PNGDecoder().decode(after.bytes)
            // The incident's pixel: x = (71.7/360 + 0.5) * 2^7 * 256 - 89 * 256, y from the Mercator formula.
            let worldX: Double = (71.7 + 180) / 360 * 128
            let px = Int((worldX - 89) * 256)
            let latRad: Double = 39.9 * Double.pi / 180
            let mercatorY: Double = log(tan(latRad) + 1 / cos(latRad))
            let worldY: Double = (1 - mercatorY / Double.pi) / 2 * 128
            let py = Int((worldY - 48) * 256)
            let dot = try #require(new.color(x: px, y: py))
            #expect(dot.r > 220 && dot.g < 110 && dot.b < 110, "seizure red expected, got \(dot)")
            #expect(old.color(x: px, y: py) != dot)
            // The basemap does not draw incidents: same key, still valid.
            let baseAfter = try await client.execute(uri: basePath, method: .get, headers: [.ifNoneMatch: baseBefore.headers[.eTag] ?? ""])
            #expect(baseAfter.status == .notModified)
        }
    }

    @Test func anEditedStyleIsServedWithinSecondsWithNewKeys() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        try await fixture.withRouter { client in
            let path = "/tiles/basemap/3/5/2.png"
            let before = try await client.execute(uri: path, method: .get)
            let file = fixture.styles.appendingPathComponent("basemap.json")
            var text = try String(contentsOf: file, encoding: .utf8)
            text = text.replacingOccurrences(of: "\"name\":\"Basemap\"", with: "\"name\":\"Basemap (edited)\"")
            #expect(text.contains("Basemap (edited)"))
            try text.write(to: file, atomically: true, encoding: .utf8)
            var changed = false
            for _ in 0..<50 where !changed {
                try await Task.sleep(for: .milliseconds(100))
                let now = try await client.execute(uri: path, method: .get)
                changed = now.headers[.eTag] != before.headers[.eTag]
            }
            #expect(changed, "the edited style's tiles kept their old ETag for 5 s")
        }
    }

    @Test func identicalConcurrentRequestsRenderOnce() async throws {
        let fixture = try await ServerFixture()
        try await fixture.withRouter { client in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await client.execute(uri: "/tiles/situation-room/6/44/23.png", method: .get).body.readableBytes }
                }
                let sizes = try await group.reduce(into: Set<Int>()) { $0.insert($1) }
                #expect(sizes.count == 1)
            }
            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            #expect(metrics.contains("bordermap_tile_render_seconds_count 1\n"), "\(metrics)")
        }
    }

    @Test func aFullRenderQueueAnswers503WithRetryAfter() async throws {
        let fixture = try await ServerFixture { $0.renderThreads = 1; $0.renderQueueLimit = 1 }
        try await fixture.withRouter { client in
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for x in 0..<8 {
                    group.addTask {
                        let r = try await client.execute(uri: "/tiles/situation-room/7/\(80 + x)/48.png", method: .get)
                        return (r.status.code, r.headers[.retryAfter])
                    }
                }
                return try await group.reduce(into: [(Int, String?)]()) { $0.append($1) }
            }
            let refused = statuses.filter { $0.0 == 503 }
            #expect(!refused.isEmpty && refused.count < 8, "\(statuses)")
            #expect(refused.allSatisfy { $0.1 == "2" })
            #expect(statuses.allSatisfy { $0.0 == 200 || $0.0 == 503 })
            // The server keeps serving afterwards.
            #expect(try await client.execute(uri: "/tiles/situation-room/7/80/48.png", method: .get).status == .ok)
        }
    }
}
