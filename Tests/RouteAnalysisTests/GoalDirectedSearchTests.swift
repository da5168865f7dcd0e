import Foundation
import GeoCore
import RouteAnalysis
import TestSupport
import Testing

/// A* and bidirectional A* (``GoalBound``) against plain Dijkstra on many pairs, and the bound
/// itself against hand-worked values. networkx comparisons are in GraphNetworkxOracleTests.
@Suite struct GoalDirectedSearchTests {
    static func compareWithDijkstra(_ g: RoadGraph, pairs: [(Int, Int)], closed: EdgeSet?) throws {
        for weight in RouteWeight.allCases {
            let bound = GoalBound(graph: g, weight: weight)
            var dj = DijkstraSearch(graph: g), astar = DijkstraSearch(graph: g), bi = BidirectionalSearch(graph: g)
            for (s, t) in pairs {
                let d = try? dj.shortestPath(from: s, to: t, weight: weight, closed: closed)
                let a = try? astar.shortestPath(from: s, to: t, weight: weight, closed: closed, bound: bound)
                let b = try? bi.shortestPath(from: s, to: t, weight: weight, closed: closed, bound: bound)
                #expect((d == nil) == (a == nil) && (d == nil) == (b == nil), "\(weight) \(s)->\(t) reachability")
                if let d, let a, let b {
                    #expect(abs(a.cost - d.cost) <= 1e-9 * max(d.cost, 1), "A* \(weight) \(s)->\(t)")
                    #expect(abs(b.cost - d.cost) <= 1e-9 * max(d.cost, 1), "bidirectional A* \(weight) \(s)->\(t)")
                    // the path returned really costs what is reported
                    let w = g.costs(weight)
                    #expect(abs(b.arcs.reduce(0) { $0 + w[$1 >> 1] } - b.cost) <= 1e-9 * max(d.cost, 1))
                    #expect(bound.estimate(s, t) <= d.cost * (1 + 1e-12), "bound \(weight) \(s)->\(t)")
                }
            }
        }
    }

    @Test func reducedBigGraphRandomPairs() throws {
        let g = try ContractionRandomPairsTests.generator(ContractionRandomPairsTests.spec("big"), rows: 60, columns: 60).graph()
        let pairs = SyntheticGridNetwork.odPairs(count: 300, nodeCount: g.nodeCount, seed: 0xA57A)
        try Self.compareWithDijkstra(g, pairs: pairs, closed: nil)
        try Self.compareWithDijkstra(g, pairs: pairs, closed: EdgeSet(edgeCount: g.edgeCount, edges: stride(from: 1, to: g.edgeCount, by: 5)))
    }

    @Test func naturalEarthRoadsRandomPairs() throws {
        let g = try GraphNetworkxOracleTests.caRoads()
        #expect(g.coordinates == .lonLat)
        let pairs = SyntheticGridNetwork.odPairs(count: 300, nodeCount: g.nodeCount, seed: 0xA57B)
        try Self.compareWithDijkstra(g, pairs: pairs, closed: nil)
        try Self.compareWithDijkstra(g, pairs: pairs, closed: EdgeSet(edgeCount: g.edgeCount, edges: stride(from: 2, to: g.edgeCount, by: 9)))
    }

    /// Hand-worked: a planar path 0 -(3-4-5 triangle)- 1 - 2 with lengths 5 and 10 m and times
    /// 1 s and 4 s. Length factor = min(5/5, 10/10) = 1; time factor = min(1/5, 4/10) = 0.2 s/m,
    /// each times (1 - 1e-9). Bound 0 -> 2: chord |(0,0)-(3,14)| = sqrt(205) m.
    @Test func planarBoundByHand() throws {
        let g = try RoadGraph(coordinates: .planar, nodes: [Coordinate(0, 0), Coordinate(3, 4), Coordinate(3, 14)],
                              edges: [RoadEdge(from: 0, to: 1, lengthMeters: 5, timeSeconds: 1),
                                      RoadEdge(from: 1, to: 2, lengthMeters: 10, timeSeconds: 4)])
        let length = GoalBound(graph: g, weight: .length), time = GoalBound(graph: g, weight: .time)
        #expect(abs(length.factor - (1 - 1e-9)) <= 1e-15)
        #expect(abs(time.factor - 0.2 * (1 - 1e-9)) <= 1e-15)
        #expect(abs(length.estimate(0, 2) - 205.0.squareRoot() * (1 - 1e-9)) <= 1e-12)
        var dj = DijkstraSearch(graph: g)
        #expect(throws: RouteAnalysisError.self) { try dj.shortestPath(from: 0, to: 2, weight: .time, bound: length) }
    }

    /// Lon/lat: one degree of longitude on the equator. The geodesic along the WGS 84 equator is
    /// a x 1 degree = 111,319.49 m; the bound puts the nodes on the sphere of radius b at reduced
    /// latitude 0, chord 2 b sin(0.5 degree) = 110,944.85 m (worked by hand), so the length factor
    /// for an edge of the true geodesic length is 111,319.49 / 110,944.85 = 1.003377.
    @Test func lonLatBoundByHand() throws {
        let geodesic = 6_378_137.0 * Double.pi / 180
        let g = try RoadGraph(coordinates: .lonLat, nodes: [Coordinate(0, 0), Coordinate(1, 0)],
                              edges: [RoadEdge(from: 0, to: 1, lengthMeters: geodesic, timeSeconds: 3600)])
        let b = GoalBound(graph: g, weight: .length)
        let chord = 2 * 6_356_752.314245 * sin(0.5 * Double.pi / 180)
        #expect(abs(chord - 110_944.85) <= 0.01)
        #expect(abs(b.estimate(0, 1) - chord * (geodesic / chord) * (1 - 1e-9)) <= 1e-6)
        #expect(abs(b.factor - 1.003377) <= 1e-6)
    }
}
