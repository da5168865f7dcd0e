import Foundation
import GeoFormats
import RouteAnalysis
import TestSupport
import Testing

/// Least costs against networkx (the oracle venv): our built edges are exported as an edge list
/// (JSON), networkx builds a DiGraph (two arcs per two-way edge, the cheaper of parallel arcs) and
/// answers `dijkstra_path_length` for each pair; plain Dijkstra, bidirectional and the hierarchy
/// must agree to 1e-9 relative, and agree on unreachable pairs. A* and bidirectional A* (planar
/// bound on the reference graph, sphere bound on the lon/lat Natural Earth roads) likewise, also
/// with closed edges.
@Suite struct GraphNetworkxOracleTests {
    static let script = """
    import json, sys, networkx as nx
    d = json.load(sys.stdin)
    out = {}
    for w in ("length", "time"):
        G = nx.DiGraph()
        G.add_nodes_from(range(d["n"]))
        for u, v, l, t, one in d["edges"]:
            c = l if w == "length" else t
            for a, b in ([(u, v)] if one else [(u, v), (v, u)]):
                if a == b: continue
                if not G.has_edge(a, b) or G[a][b]["c"] > c: G.add_edge(a, b, c=c)
        res = []
        for s, t in d["pairs"]:
            try: res.append(nx.dijkstra_path_length(G, s, t, weight="c"))
            except nx.NetworkXNoPath: res.append(None)
        out[w] = res
    print(json.dumps(out))
    """

    static func compare(_ g: RoadGraph, pairs: [(Int, Int)], closed: EdgeSet? = nil) throws {
        try #require(PythonOracle.unavailableReason == nil, "\(PythonOracle.unavailableReason ?? "")")
        // closed edges are left out of the list networkx sees
        let edges = (0 ..< g.edgeCount).filter { !(closed?.contains($0) ?? false) }.map { e -> [Any] in
            [Int(g.edgeFrom[e]), Int(g.edgeTo[e]), g.edgeLength[e], g.edgeTime[e], g.edgeOneWay[e]]
        }
        let input = try JSONSerialization.data(withJSONObject: ["n": g.nodeCount, "edges": edges, "pairs": pairs.map { [$0.0, $0.1] }])
        let answer = try #require(try PythonOracle.json(script: script, input: input) as? [String: [Any]])
        for weight in RouteWeight.allCases {
            let expected = try #require(answer[weight.rawValue])
            var dj = DijkstraSearch(graph: g), bi = BidirectionalSearch(graph: g)
            // the hierarchy cannot drop closed edges: it is checked only on the full graph
            var ch = closed == nil ? HierarchySearch(hierarchy: ContractionHierarchy(graph: g, weight: weight)) : nil
            let bound = GoalBound(graph: g, weight: weight)
            for (i, (s, t)) in pairs.enumerated() {
                let want = (expected[i] as? NSNumber)?.doubleValue
                var got = [(try? dj.shortestPath(from: s, to: t, weight: weight, closed: closed))?.cost,
                           (try? bi.shortestPath(from: s, to: t, weight: weight, closed: closed))?.cost,
                           (try? dj.shortestPath(from: s, to: t, weight: weight, closed: closed, bound: bound))?.cost,
                           (try? bi.shortestPath(from: s, to: t, weight: weight, closed: closed, bound: bound))?.cost]
                if ch != nil { got.append((try? ch?.shortestPath(from: s, to: t))?.cost) }
                for (name, cost) in zip(["dijkstra", "bidirectional", "A*", "bidirectional A*", "hierarchy"], got) {
                    if let want, let cost {
                        #expect(abs(cost - want) <= 1e-9 * max(want, 1), "\(name) \(weight) \(s)->\(t): \(cost) vs \(want)")
                    } else {
                        #expect(want == nil && cost == nil, "\(name) \(weight) \(s)->\(t): \(String(describing: cost)) vs \(String(describing: want))")
                    }
                }
            }
        }
    }

    @Test func smallReferenceGraphRandomPairs() throws {
        let g = try SmallReferenceGraph.graph()
        try Self.compare(g, pairs: SyntheticGridNetwork.odPairs(count: 150, nodeCount: g.nodeCount, seed: 0x5EED))
    }

    @Test func naturalEarthRoadsRandomPairs() throws {
        let g = try Self.caRoads()
        try Self.compare(g, pairs: SyntheticGridNetwork.odPairs(count: 150, nodeCount: g.nodeCount, seed: 0xCA))
    }

    static func caRoads() throws -> RoadGraph {
        let path = PythonOracle.repositoryRoot.appendingPathComponent("Shapefiles/ca_roads.shp").path
        return try RoadGraph.build(from: try ShapefileReader(path: path).readAll())
    }

    /// Every 7th edge closed (networkx gets the list without them): A* and bidirectional A* keep
    /// their bounds (computed on all edges) and stay exact.
    @Test func smallReferenceGraphWithClosedEdges() throws {
        let g = try SmallReferenceGraph.graph()
        try Self.compare(g, pairs: SyntheticGridNetwork.odPairs(count: 150, nodeCount: g.nodeCount, seed: 0xC105),
                         closed: EdgeSet(edgeCount: g.edgeCount, edges: stride(from: 0, to: g.edgeCount, by: 7)))
    }

    @Test func naturalEarthRoadsWithClosedEdges() throws {
        let g = try Self.caRoads()
        try Self.compare(g, pairs: SyntheticGridNetwork.odPairs(count: 150, nodeCount: g.nodeCount, seed: 0xC106),
                         closed: EdgeSet(edgeCount: g.edgeCount, edges: stride(from: 3, to: g.edgeCount, by: 11)))
    }
}
