import Foundation
import RouteAnalysis
import TestSupport
import Testing

/// Hierarchy and bidirectional answers against plain Dijkstra on many pairs of a synthetic graph
/// built with the reference generator; the generator itself is checked against the spec totals.
@Suite struct ContractionRandomPairsTests {
    static func spec(_ name: String) throws -> [String: Any] {
        let root = try #require(try ReferenceFiles.json("routing_spec.json") as? [String: Any])
        return try #require(root[name] as? [String: Any])
    }

    static func generator(_ p: [String: Any], rows: Int? = nil, columns: Int? = nil) -> SyntheticGridNetwork {
        func d(_ k: String) -> Double { (p[k] as? NSNumber)?.doubleValue ?? .nan }
        func u(_ k: String) -> UInt64 { (p[k] as? NSNumber)?.uint64Value ?? 0 }
        return SyntheticGridNetwork(rows: rows ?? Int(d("R")), columns: columns ?? Int(d("C")), spacing: d("S"),
                                    x0: d("X0"), y0: d("Y0"), jitter: d("JIT"), seedXY: u("SEED_XY"),
                                    seedDrop: u("SEED_DROP"), dropPercent: u("DROP_PCT"),
                                    highwayEvery: Int(d("HIGHWAY_EVERY")), highwayKmh: d("SPEED_HIGHWAY_KMH"),
                                    localKmh: d("SPEED_LOCAL_KMH"))
    }

    @Test func generatorRebuildsTheListedSmallGraph() throws {
        let g = try Self.generator(Self.spec("small")).graph()
        let listed = try SmallReferenceGraph.graph()
        #expect(g.nodeCount == listed.nodeCount && g.edgeCount == listed.edgeCount)
        #expect(abs(g.edgeLength.reduce(0, +) - 17258527.530106306) <= 1e-9 * 17258527.530106306)
        // same edges (the file lists them in its own order): compare by end-node pair
        var listedTime: [[Int32]: Double] = [:]
        for e in 0 ..< listed.edgeCount { listedTime[[listed.edgeFrom[e], listed.edgeTo[e]].sorted()] = listed.edgeTime[e] }
        for e in 0 ..< g.edgeCount {
            let t = try #require(listedTime[[g.edgeFrom[e], g.edgeTo[e]].sorted()], "edge \(g.edgeFrom[e])-\(g.edgeTo[e])")
            #expect(abs(g.edgeTime[e] - t) <= 1e-9 * t)
        }
    }

    @Test func generatorMatchesBigTotals() throws {
        let p = try Self.spec("big")
        let g = try Self.generator(p).graph()
        #expect(g.nodeCount == 104_976)
        #expect(g.edgeCount == 198_693)
        #expect(abs(g.edgeLength.reduce(0, +) - 1638353030.819363) <= 1e-9 * 1638353030.819363)
        #expect(abs(g.edgeTime.reduce(0, +) - 114555633.43180633) <= 1e-9 * 114555633.43180633)
        #expect(g.edgeClass.filter { $0 == 1 }.count == 12907)
        #expect(g.componentSizes.count == 2 && g.componentSizes[0] == 104_975)
    }

    @Test(arguments: RouteWeight.allCases)
    func hierarchyEqualsDijkstraOnRandomPairs(weight: RouteWeight) throws {
        // a reduced-size graph of the big generator (40 x 40) keeps the test fast
        let g = try Self.generator(Self.spec("big"), rows: 40, columns: 40).graph()
        let ch = ContractionHierarchy(graph: g, weight: weight)
        var hs = HierarchySearch(hierarchy: ch)
        var dj = DijkstraSearch(graph: g)
        var bi = BidirectionalSearch(graph: g)
        for (s, t) in SyntheticGridNetwork.odPairs(count: 200, nodeCount: g.nodeCount, seed: 0xB0B) {
            let d = try? dj.shortestPath(from: s, to: t, weight: weight)
            let h = try? hs.shortestPath(from: s, to: t)
            let b = try? bi.shortestPath(from: s, to: t, weight: weight)
            #expect((d == nil) == (h == nil) && (d == nil) == (b == nil), "\(s)->\(t) reachability")
            if let d, let h, let b {
                #expect(abs(h.cost - d.cost) <= 1e-9 * max(d.cost, 1), "hierarchy \(s)->\(t)")
                #expect(abs(b.cost - d.cost) <= 1e-9 * max(d.cost, 1), "bidirectional \(s)->\(t)")
            }
        }
    }
}
