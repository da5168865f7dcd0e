import Foundation
import GeoCore
import Testing
@testable import RouteAnalysis

/// Planar graphs in metres, so every expected density is the 1-D quartic formula by hand:
/// density(d) = 1000 · 15 / (16 r) · (1 − (d / r)²)² incidents per km, for d < r.
@Suite("Network kernel density along roads")
struct NetworkDensityTests {
    static func quartic(_ d: Double, _ r: Double) -> Double {
        guard d < r else { return 0 }
        let u = d / r
        return 1000 * 15 / (16 * r) * (1 - u * u) * (1 - u * u)
    }

    static func edge(_ a: Int, _ b: Int, _ length: Double) -> RoadEdge {
        RoadEdge(from: a, to: b, lengthMeters: length, timeSeconds: length / 20)
    }

    @Test("one straight road, one incident: density at distance d along the road is the 1-D quartic formula")
    func straightRoad() throws {
        let graph = try RoadGraph(coordinates: .planar, nodes: [Coordinate(0, 0), Coordinate(100_000, 0)],
                                  edges: [Self.edge(0, 1, 100_000)])
        // The incident stands 200 m off the road at 40.3 km.
        let r = try NetworkDensity.compute(graph: graph, incidents: [Coordinate(40_300, 200)], segmentLength: 1_000, radius: 10_000)
        #expect(r.lixels.count == 100)
        #expect(r.unsnappedIncidents.isEmpty)
        for l in r.lixels {
            let d = abs((Double(l.index) + 0.5) * 1_000 - 40_300)
            #expect(abs(l.densityPerKm - Self.quartic(d, 10_000)) < 1e-12, "lixel \(l.index)")
            #expect(l.incidentCount == (d < 10_000 ? 1 : 0))
            #expect(l.line.count == 2 && abs(l.line[0].x - Double(l.index) * 1_000) < 1e-6
                    && abs(l.line[1].x - Double(l.index + 1) * 1_000) < 1e-6 && l.line.allSatisfy { $0.y == 0 })
        }
        // The kernel integrates to one incident along the road (midpoint rule, 1 km pieces).
        let total = r.lixels.reduce(0) { $0 + $1.densityPerKm * $1.lengthMeters / 1000 }
        #expect(abs(total - 1) < 0.01)
        let f = try #require(r.features.first { $0["segment"] == .integer(40) })
        #expect(f["incident_count_within_radius"] == .integer(1))
        #expect(f["length_m"] == .double(1_000))
    }

    @Test("Y junction: distances through the junction node; the kernel is not split among branches")
    func yJunction() throws {
        // Centre C (node 0) with three 10 km arms to A (west), B (north-east), D (south-east).
        let nodes = [Coordinate(0, 0), Coordinate(-10_000, 0), Coordinate(5_000, 8_660.254037844386), Coordinate(5_000, -8_660.254037844386)]
        let graph = try RoadGraph(coordinates: .planar, nodes: nodes,
                                  edges: [Self.edge(0, 1, 10_000), Self.edge(0, 2, 10_000), Self.edge(3, 0, 10_000)])
        // Incident on arm A, 3 km from C. Radius 5 km, 1 km pieces.
        let r = try NetworkDensity.compute(graph: graph, incidents: [Coordinate(-3_000, 50)], segmentLength: 1_000, radius: 5_000)
        func density(_ edge: Int, _ piece: Int) throws -> Double {
            try #require(r.lixels.first { $0.edge == edge && $0.index == piece }).densityPerKm
        }
        // Arm A (edge 0, from C): midpoint m km from C is |m − 3| km from the incident.
        for k in 0..<10 { #expect(abs(try density(0, k) - Self.quartic(abs(Double(k) * 1000 + 500 - 3_000), 5_000)) < 1e-12) }
        // Arm B (edge 1, from C): 3 km to C, then m: pieces at 3.5 km and 4.5 km; none beyond.
        #expect(abs(try density(1, 0) - Self.quartic(3_500, 5_000)) < 1e-12)   // 0.1875 · (1 − 0.49)² = 0.04876875
        #expect(abs(try density(1, 0) - 0.04876875) < 1e-12)
        #expect(abs(try density(1, 1) - Self.quartic(4_500, 5_000)) < 1e-12)   // 0.1875 · (1 − 0.81)² = 0.00676875
        #expect(try density(1, 2) == 0)
        // Arm D (edge 2 runs D → C, so its piece 9 is the one touching C): same values mirrored.
        #expect(abs(try density(2, 9) - 0.04876875) < 1e-12)
        #expect(abs(try density(2, 8) - 0.00676875) < 1e-12)
        #expect(try density(2, 7) == 0)
    }

    @Test("a one-way edge is followed in its direction only; far incidents are listed, not counted")
    func oneWayAndUnsnapped() throws {
        var oneWay = Self.edge(0, 1, 4_000)
        oneWay.oneWay = true
        let graph = try RoadGraph(coordinates: .planar, nodes: [Coordinate(0, 0), Coordinate(4_000, 0)], edges: [oneWay])
        let r = try NetworkDensity.compute(graph: graph, incidents: [Coordinate(2_000, 0), Coordinate(2_000, 9_000)],
                                           segmentLength: 1_000, radius: 3_000, snapLimit: 1_000)
        #expect(r.unsnappedIncidents == [1])
        #expect(r.lixels.map(\.densityPerKm)[0...1] == [0, 0], "upstream of the incident")
        #expect(abs(r.lixels[2].densityPerKm - Self.quartic(500, 3_000)) < 1e-12)
        #expect(abs(r.lixels[3].densityPerKm - Self.quartic(1_500, 3_000)) < 1e-12)
        #expect(throws: RouteAnalysisError.self) { try NetworkDensity.compute(graph: graph, incidents: [], radius: 0) }
    }
}
