import Foundation
import GeoCore
import GeoFormats
import RouteAnalysis

/// The Swift side of Benchmarks/routing.sh: builds a graph (the reference generator's "big"
/// graph from routing_spec.json, or ca_roads.shp), times plain Dijkstra, bidirectional Dijkstra,
/// A* and bidirectional A* (``GoalBound``) and contraction-hierarchy queries (and the hierarchy's preprocessing) over the spec's
/// od_pair_rule pairs, and prints one JSON object. `--edges-out FILE` writes the graph's edge list
/// (JSON: n, edges [u, v, length_m, time_s, oneway]) and the pairs for the Python peers.
///
/// Usage: `routing big --spec routing_spec.json [--pairs 1000] [--seed 2827] [--edges-out F]`
///        `routing shapefile --shp ca_roads.shp [...]`
enum RoutingBenchmark {
    static func run(_ args: [String]) throws {
        func option(_ name: String) -> String? {
            args.firstIndex(of: name).flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil }
        }
        let kind = args.first ?? "big"
        let pairCount = Int(option("--pairs") ?? "1000") ?? 1000
        let seed = UInt64(option("--seed") ?? "2827") ?? 2827
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        var report: [String: Any] = ["graph": kind]
        let graph: RoadGraph
        switch kind {
        case "big":
            let spec = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: option("--spec") ?? "routing_spec.json")))
            guard let p = (spec as? [String: Any])?["big"] as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
            func d(_ k: String) -> Double { (p[k] as? NSNumber)?.doubleValue ?? .nan }
            func u(_ k: String) -> UInt64 { (p[k] as? NSNumber)?.uint64Value ?? 0 }
            let gen = SyntheticGridNetwork(rows: Int(d("R")), columns: Int(d("C")), spacing: d("S"), x0: d("X0"), y0: d("Y0"),
                                           jitter: d("JIT"), seedXY: u("SEED_XY"), seedDrop: u("SEED_DROP"),
                                           dropPercent: u("DROP_PCT"), highwayEvery: Int(d("HIGHWAY_EVERY")),
                                           highwayKmh: d("SPEED_HIGHWAY_KMH"), localKmh: d("SPEED_LOCAL_KMH"))
            var built: RoadGraph?
            report["generate_s"] = seconds(try clock.measure { built = try gen.graph() })
            guard let g = built else { return }
            graph = g
            report["spec_totals_match"] = g.nodeCount == Int(d("nodes")) && g.edgeCount == Int(d("edges"))
                && abs(g.edgeLength.reduce(0, +) - d("total_length_m")) <= 1e-9 * d("total_length_m")
                && abs(g.edgeTime.reduce(0, +) - d("total_time_s")) <= 1e-9 * d("total_time_s")
        default:
            let path = option("--shp") ?? "Shapefiles/ca_roads.shp"
            var layer = FeatureCollection()
            report["read_s"] = seconds(try clock.measure { layer = try ShapefileReader(path: path).readAll() })
            var built: RoadGraph?
            report["build_s"] = seconds(try clock.measure { built = try RoadGraph.build(from: layer) })
            guard let g = built else { return }
            graph = g
            if let n = Int(option("--scale-lines") ?? "") { report["national_build"] = try nationalBuild(lines: n) }
        }
        let s = graph.summary
        report["nodes"] = s.nodes; report["edges"] = s.edges; report["components"] = s.componentSizes.count
        report["largest_component"] = s.largestComponent; report["dangling_ends"] = s.danglingEnds
        let pairs = SyntheticGridNetwork.odPairs(count: pairCount, nodeCount: graph.nodeCount, seed: seed)
        report["pairs"] = pairs.count; report["seed"] = seed
        if let out = option("--edges-out") {
            let edges = (0 ..< graph.edgeCount).map { e -> [Any] in
                [Int(graph.edgeFrom[e]), Int(graph.edgeTo[e]), graph.edgeLength[e], graph.edgeTime[e], graph.edgeOneWay[e]]
            }
            let json = try JSONSerialization.data(withJSONObject: ["n": graph.nodeCount, "edges": edges,
                                                                 "pairs": pairs.map { [$0.0, $0.1] }])
            try json.write(to: URL(fileURLWithPath: out))
        }
        for weight in RouteWeight.allCases {
            var r: [String: Any] = [:]
            var dj = DijkstraSearch(graph: graph)
            var sums = [Double](repeating: 0, count: 3)
            var unreachable = 0
            // per-pair costs of each method (infinity when unreachable), compared pair by pair below
            var costs = [[Double]](repeating: [Double](repeating: .infinity, count: pairs.count), count: 6)
            r["dijkstra_ms"] = seconds(clock.measure {
                for (i, (a, b)) in pairs.enumerated() {
                    if let p = try? dj.shortestPath(from: a, to: b, weight: weight) { sums[0] += p.cost; costs[0][i] = p.cost } else { unreachable += 1 }
                }
            }) * 1000 / Double(pairs.count)
            var bi = BidirectionalSearch(graph: graph)
            r["bidirectional_ms"] = seconds(clock.measure {
                for (i, (a, b)) in pairs.enumerated() {
                    if let p = try? bi.shortestPath(from: a, to: b, weight: weight) { sums[1] += p.cost; costs[1][i] = p.cost }
                }
            }) * 1000 / Double(pairs.count)
            var bound: GoalBound?
            r["goal_bound_s"] = seconds(clock.measure { bound = GoalBound(graph: graph, weight: weight) })
            r["astar_ms"] = seconds(clock.measure {
                for (i, (a, b)) in pairs.enumerated() {
                    if let p = try? dj.shortestPath(from: a, to: b, weight: weight, bound: bound) { costs[4][i] = p.cost }
                }
            }) * 1000 / Double(pairs.count)
            r["bidirectional_astar_ms"] = seconds(clock.measure {
                for (i, (a, b)) in pairs.enumerated() {
                    if let p = try? bi.shortestPath(from: a, to: b, weight: weight, bound: bound) { costs[5][i] = p.cost }
                }
            }) * 1000 / Double(pairs.count)
            var ch: ContractionHierarchy?
            r["ch_build_s"] = seconds(clock.measure { ch = ContractionHierarchy(graph: graph, weight: weight) })
            guard let ch else { continue }
            r["ch_shortcuts"] = ch.shortcutCount
            var hs = HierarchySearch(hierarchy: ch)
            r["ch_ms"] = seconds(clock.measure {
                for (i, (a, b)) in pairs.enumerated() {
                    if let p = try? hs.shortestPath(from: a, to: b) { sums[2] += p.cost; costs[2][i] = p.cost }
                }
            }) * 1000 / Double(pairs.count)
            var costOnly = 0.0
            r["ch_cost_only_ms"] = seconds(clock.measure {
                for (i, (a, b)) in pairs.enumerated() {
                    let c = hs.cost(from: a, to: b); costs[3][i] = c; if c.isFinite { costOnly += c }
                }
            }) * 1000 / Double(pairs.count)
            r["sum_cost"] = sums[0]
            r["unreachable"] = unreachable
            // every pair: bidirectional, hierarchy path and cost, A* and bidirectional A* equal Dijkstra (rel 1e-9)
            var mismatches = 0
            for i in pairs.indices {
                let d = costs[0][i]
                for m in 1 ... 5 where !(d == costs[m][i] || abs(costs[m][i] - d) <= 1e-9 * max(d, 1)) { mismatches += 1 }
            }
            r["pairs_differing_from_dijkstra"] = mismatches
            r["all_equal"] = mismatches == 0
            report[weight.rawValue] = r
        }
        let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys, .prettyPrinted])
        print(String(decoding: data, as: UTF8.self))
    }

    /// Build time of a lon/lat line layer of `lines` two-point lines on a jittered grid in
    /// Central Asia (about 1.1 km spacing): the builder at national scale.
    static func nationalBuild(lines: Int) throws -> [String: Any] {
        let side = Int((Double(lines) / 2).squareRoot()) + 1
        var features: [Feature] = []
        features.reserveCapacity(2 * side * side)
        func p(_ i: Int, _ j: Int) -> Coordinate {
            let id = UInt64(i * side + j)
            return Coordinate(60 + Double(j) * 0.013 + 0.004 * SyntheticGridNetwork.unit(id * 2),
                              38 + Double(i) * 0.01 + 0.003 * SyntheticGridNetwork.unit(id * 2 + 1))
        }
        for i in 0 ..< side {
            for j in 0 ..< side {
                if j + 1 < side { features.append(Feature(geometry: .lineString(LineString([p(i, j), p(i, j + 1)])), properties: ["type": .string("Road")])) }
                if i + 1 < side { features.append(Feature(geometry: .lineString(LineString([p(i, j), p(i + 1, j)])), properties: ["type": .string("Road")])) }
            }
        }
        let clock = ContinuousClock()
        var g: RoadGraph?
        let t = clock.measure { g = try? RoadGraph.build(from: FeatureCollection(features: features)) }
        return ["lines": features.count, "edges": g?.edgeCount ?? -1, "nodes": g?.nodeCount ?? -1,
                "build_s": Double(t.components.seconds) + Double(t.components.attoseconds) * 1e-18]
    }
}
