import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
@testable import TileServer

/// Static maps do bounded work for anyone who can reach the port: a device-pixel limit checked
/// before any canvas exists, and their own small render queue that never holds up tiles.
@Suite(.serialized) struct StaticMapLimitTests {
    @Test func deviceMapsOverTheLimitAre400BeforeRendering() async throws {
        let fixture = try await ServerFixture(incidents: 0) { $0.maxStaticDevicePixels = 1_000_000 }
        try await fixture.withRouter { client in
            // 800 × 600 at 2x is 1,920,000 device pixels: refused; at 1x (480,000) drawn.
            let big = try await client.execute(uri: "/static/basemap/66,36,76,44/800x600@2x.png", method: .get)
            #expect(big.status == .badRequest, "\(big.text)")
            #expect(big.text.contains("1920000 device pixels") && big.text.contains("limit of 1000000"), "\(big.text)")
            let fine = try await client.execute(uri: "/static/basemap/66,36,76,44/800x600.png", method: .get)
            #expect(fine.status == .ok)
        }
        // The default admits a print-size report of 3500 × 2500 device pixels and refuses 4096² at 2x.
        let defaults = ServerConfiguration(stylesDirectory: ServerFixture.data, dataDirectory: ServerFixture.data)
        #expect(3500 * 2500 <= defaults.maxStaticDevicePixels && 8192 * 8192 > defaults.maxStaticDevicePixels)
    }

    @Test func staticMapsQueueApartAndAFullQueueIs503WhileTilesAreServed() async throws {
        let fixture = try await ServerFixture(incidents: 0) { $0.staticRenderThreads = 1; $0.staticQueueLimit = 0 }
        try await fixture.withRouter { client in
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for i in 0..<4 {
                    group.addTask {
                        let r = try await client.execute(uri: "/static/basemap/\(66 + i),36,76,44/1200x900.png", method: .get)
                        return (r.status.code, r.headers[.retryAfter])
                    }
                }
                // A tile while the static pool is busy: its own pool answers it.
                group.addTask {
                    let r = try await client.execute(uri: "/tiles/basemap/5/22/12.png", method: .get)
                    return (r.status.code + 1000, nil)
                }
                return try await group.reduce(into: [(Int, String?)]()) { $0.append($1) }
            }
            let maps = statuses.filter { $0.0 < 1000 }
            let refused = maps.filter { $0.0 == 503 }
            #expect(!refused.isEmpty && refused.count < 4, "\(statuses)")
            #expect(refused.allSatisfy { $0.1 == "2" })
            #expect(maps.allSatisfy { $0.0 == 200 || $0.0 == 503 })
            #expect(statuses.contains { $0.0 == 1200 }, "the tile is served: \(statuses)")
        }
    }

    /// The default static queue (4, one thread): of ten maps asked for at once, the one drawn
    /// and the four waiting are served, and the rest are 503 with `Retry-After: 2` — never
    /// fewer than five served (the queue holds four) and, while the first map is drawn, some
    /// refused. The other defaults of the bounded queues are pinned here too.
    @Test func theDefaultStaticQueueServesFiveAtOnceAndRefusesTheRest() async throws {
        let defaults = ServerConfiguration(stylesDirectory: ServerFixture.data, dataDirectory: ServerFixture.data)
        #expect(defaults.staticRenderThreads == 1 && defaults.staticQueueLimit == 4 && defaults.renderQueueLimit == 64)
        #expect(defaults.concurrentUploads == 2 && defaults.uploadQueueLimit == 8 && defaults.maxGeoJSONStreams == 16)
        let fixture = try await ServerFixture(incidents: 0)
        #expect(fixture.server.tiles.pool.queueLimit == 64)
        try await fixture.withRouter { client in
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for i in 0..<10 {
                    group.addTask {
                        let r = try await client.execute(uri: "/static/basemap/\(60 + i),35,80,45/1600x1200.png", method: .get)
                        return (r.status.code, r.headers[.retryAfter])
                    }
                }
                return try await group.reduce(into: [(Int, String?)]()) { $0.append($1) }
            }
            let served = statuses.filter { $0.0 == 200 }.count
            let refused = statuses.filter { $0.0 == 503 }
            #expect(served >= 5 && served + refused.count == 10, "\(statuses)")
            #expect(!refused.isEmpty && refused.allSatisfy { $0.1 == "2" }, "\(statuses)")
        }
    }

    @Test func mapsTakeWholeDaysSoWindowsCannotFloodTheCaches() async throws {
        let fixture = try await ServerFixture(incidents: 200)
        try await fixture.withRouter { client in
            for uri in ["/tiles/situation-room/7/89/48.png?from=2024-01-01T08:00:01Z",
                        "/static/situation-room/66,36,76,44/400x300.png?to=2024-06-30T23:59:59Z",
                        "/geojson/density?from=2023-01-01T00:00:00Z"] {
                let r = try await client.execute(uri: uri, method: .get)
                #expect(r.status == .badRequest && r.text.contains("whole days"), "\(uri): \(r.status) \(r.text)")
            }
            #expect(try await client.execute(uri: "/tiles/situation-room/7/89/48.png?from=2024-01-01", method: .get).status == .ok)
            // GeoJSON downloads are not cached: date-times stay allowed there.
            let download = try await client.execute(uri: "/geojson/incidents?from=2024-01-01T08:00:00Z", method: .get)
            #expect(download.status == .ok, "\(download.text.prefix(200))")
        }
    }
}
