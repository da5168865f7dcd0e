import Foundation
import Hummingbird
import HummingbirdTesting
import PNGCodec
import TestSupport
import Testing
@testable import TileServer

/// `/geojson/hotspots` and the viewer's layer toggles on tiles.
@Suite(.serialized) struct AnalysisRouteTests {
    @Test func hotspotCellsCountEveryIncidentAndGDALReadsThem() async throws {
        let fixture = try await ServerFixture(incidents: 2_000)
        let file = fixture.directory.appendingPathComponent("hotspots.geojson").path
        try await fixture.withRouter { client in
            let r = try await client.execute(uri: "/geojson/hotspots?hex=40km&distance=120km", method: .get)
            #expect(r.status == .ok, "\(r.text.prefix(300))")
            #expect(r.headers[.contentType]?.hasPrefix("application/geo+json") == true)
            let features = try #require(try r.json()["features"] as? [[String: Any]])
            let props = features.compactMap { $0["properties"] as? [String: Any] }
            #expect(props.reduce(0) { $0 + ($1["Join_Count"] as? Int ?? 0) } == 2_000, "every incident in one analysed cell")
            #expect(props.allSatisfy { (-3...3).contains($0["Gi_Bin"] as? Int ?? 99) })
            #expect(props.contains { ($0["Gi_Bin"] as? Int ?? 0) == 3 }, "the demo data has hot spots")
            try Data(r.bytes).write(to: URL(fileURLWithPath: file))
        }
        let info = try await Tool.runOffPool(["ogrinfo", "-ro", "-so", "-al", file])
        #expect(info.stdout.isEmpty == false)
        #expect(info.output.contains("Geometry: Polygon"), "\(info.output)")
        #expect(info.output.contains("GiZScore: Real"))
    }

    @Test func densityPolygonsAreClassedIsobandsThatGDALReads() async throws {
        let fixture = try await ServerFixture(incidents: 2_000)
        let file = fixture.directory.appendingPathComponent("density.geojson").path
        try await fixture.withRouter { client in
            let r = try await client.execute(uri: "/geojson/density?radius=40km&classes=quantile:4", method: .get)
            #expect(r.status == .ok, "\(r.text.prefix(300))")
            let props = try #require(try r.json()["features"] as? [[String: Any]]).compactMap { $0["properties"] as? [String: Any] }
            #expect(!props.isEmpty)
            #expect(Set(props.compactMap { $0["class"] as? Int }).isSubset(of: [2, 3, 4]), "the lowest class is left out")
            let inside = props.reduce(0) { $0 + ($1["incident_count"] as? Int ?? 0) }
            #expect(inside > 0 && inside <= 2_000)
            for p in props { #expect((p["value_min"] as? Double ?? 1) < (p["value_max"] as? Double ?? 0)) }
            try Data(r.bytes).write(to: URL(fileURLWithPath: file))
            let huge = try await client.execute(uri: "/geojson/density?cell=150m", method: .get)
            #expect(huge.status == .badRequest, "\(huge.text)")
            let badClasses = try await client.execute(uri: "/geojson/density?classes=golden:3", method: .get)
            #expect(badClasses.status == .badRequest, "\(badClasses.text)")
        }
        let info = try await Tool.runOffPool(["ogrinfo", "-ro", "-so", "-al", file])
        #expect(info.output.contains("Polygon"), "\(info.output)")
        #expect(info.output.contains("incident_count: Integer"))
    }

    @Test func oversizedOrContradictoryHotspotRequestsAre400() async throws {
        let fixture = try await ServerFixture(incidents: 500)
        try await fixture.withRouter { client in
            let tiny = try await client.execute(uri: "/geojson/hotspots?cell=10m", method: .get)
            #expect(tiny.status == .badRequest)
            #expect(tiny.text.contains("at least 100 m"), "\(tiny.text)")
            let many = try await client.execute(uri: "/geojson/hotspots?cell=200m", method: .get)
            #expect(many.status == .badRequest, "a 200 m fishnet over Central Asia is refused, not computed")
            #expect(many.text.contains("more than 1000000"), "\(many.text)")
            let both = try await client.execute(uri: "/geojson/hotspots?cell=10km&hex=10km", method: .get)
            #expect(both.status == .badRequest)
        }
    }

    @Test func layerTogglesShowHotSpotCellsAndHideTheRest() async throws {
        let fixture = try await ServerFixture(incidents: 2_000)
        try await fixture.withRouter { client in
            let tile = "/tiles/situation-room/6/44/24.png"
            let plain = try PNGDecoder().decode(try await client.execute(uri: tile, method: .get).bytes)
            let cells = try PNGDecoder().decode(try await client.execute(uri: tile + "?layers=hotspots", method: .get).bytes)
            let none = try PNGDecoder().decode(try await client.execute(uri: tile + "?layers=", method: .get).bytes)
            let base = try PNGDecoder().decode(try await client.execute(uri: "/tiles/basemap/6/44/24.png", method: .get).bytes)
            #expect(plain != cells)
            // With every analysis layer off, the tile is the basemap.
            #expect(none == base)
            // Hot spot cells show the style's Gi_Bin 3 red (#b2182b at 0.6 over the map).
            var reddish = 0
            for y in 0..<256 { for x in 0..<256 {
                if let c = cells.color(x: x, y: y), c.r > 100, c.g < 80, c.b < 80 { reddish += 1 }
            } }
            #expect(reddish > 500, "hot spot cells drawn: \(reddish) red pixels")
            let bad = try await client.execute(uri: tile + "?layers=roads", method: .get)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("unknown layer group 'roads'"))
        }
    }
}
