/// Plain Dijkstra search on a ``RoadGraph`` (binary heap, lazy deletion), reusing its work arrays
/// between queries: a query touches only the nodes it settles (generation stamps, no clearing).
///
/// O((V + E) log V) per query; exact. Not thread-safe: give each task its own value.
public struct DijkstraSearch: Sendable {
    /// The graph searched.
    public let graph: RoadGraph
    var cost: [Double]
    var parent: [Int32]
    var seen: [UInt32]
    var done: [UInt32]
    var generation: UInt32 = 0
    var heap = MinHeap()

    /// Prepares work arrays for `graph` (about 20 bytes per node).
    public init(graph: RoadGraph) {
        self.graph = graph
        let n = graph.nodeCount
        cost = [Double](repeating: .infinity, count: n)
        parent = [Int32](repeating: -1, count: n)
        seen = [UInt32](repeating: 0, count: n)
        done = [UInt32](repeating: 0, count: n)
    }

    mutating func nextGeneration() {
        if generation == UInt32.max {
            for i in seen.indices { seen[i] = 0; done[i] = 0 }
            generation = 0
        }
        generation += 1
        heap.removeAll()
    }

    /// Least-cost path from node `source` to node `target`.
    /// - Parameters:
    ///   - weight: `.length` (metres) or `.time` (seconds).
    ///   - closed: edges that may not be used, or nil.
    /// - Throws: ``RouteAnalysisError/disconnected(fromIndex:toIndex:)`` (indices 0 and 1) when no
    ///   path exists; ``RouteAnalysisError/invalidParameter(_:)`` for a node out of range.
    public mutating func shortestPath(from source: Int, to target: Int, weight: RouteWeight = .length,
                                      closed: EdgeSet? = nil) throws -> GraphPath {
        try graph.checkNode(source); try graph.checkNode(target)
        guard let p = path(from: [SearchEndpoint(node: source)], to: [SearchEndpoint(node: target)],
                           weight: weight, closed: closed)
        else { throw RouteAnalysisError.disconnected(fromIndex: 0, toIndex: 1) }
        return GraphPath(source: source, target: target, weight: weight, cost: p.cost, arcs: p.arcs)
    }

    /// Least-cost path from any source endpoint to any target endpoint (costs of both included),
    /// or nil when none is reachable. Endpoint nodes must be valid.
    public mutating func path(from sources: [SearchEndpoint], to targets: [SearchEndpoint], weight: RouteWeight,
                              closed: EdgeSet? = nil) -> EndpointPath? {
        var targetCost = [Int: Double]()
        for t in targets { targetCost[t.node] = min(targetCost[t.node] ?? .infinity, t.cost) }
        var best = Double.infinity
        var bestNode = -1
        run(sources: sources, weight: weight, limit: .infinity, closed: closed, backward: false) { node, c, _ in
            if c >= best { return false }
            if let tc = targetCost[node], c + tc < best { best = c + tc; bestNode = node }
            return true
        }
        guard bestNode >= 0 else { return nil }
        let arcs = traceBack(to: bestNode, backward: false)
        let first = arcs.first.map { graph.endpoints(ofArc: $0).tail } ?? bestNode
        return EndpointPath(cost: best, sourceNode: first, targetNode: bestNode, arcs: arcs)
    }

    /// Every node reachable within `limit` from the sources, in settling order (cost ascending).
    /// - Parameters:
    ///   - limit: largest cost settled, in the weight's unit (default: no limit).
    ///   - backward: search along incoming arcs (costs *to* the sources); `parentArc` is then the arc
    ///     leaving the node towards the sources.
    public mutating func settle(from sources: [SearchEndpoint], weight: RouteWeight, limit: Double = .infinity,
                                closed: EdgeSet? = nil, backward: Bool = false) -> [SettledNode] {
        var out: [SettledNode] = []
        run(sources: sources, weight: weight, limit: limit, closed: closed, backward: backward) { node, c, arc in
            out.append(SettledNode(node: node, cost: c, parentArc: arc))
            return true
        }
        return out
    }

    /// Arcs from the search's source to `node`, in travel order.
    func traceBack(to node: Int, backward: Bool) -> [Int] {
        var arcs: [Int] = []
        var v = node
        while parent[v] >= 0 {
            let a = Int(parent[v])
            arcs.append(a)
            let ends = graph.endpoints(ofArc: a)
            v = backward ? ends.head : ends.tail
        }
        if !backward { arcs.reverse() }
        return arcs
    }

    /// The search loop. `visit(node, cost, parentArc)` is called when a node is settled; returning false stops.
    mutating func run(sources: [SearchEndpoint], weight: RouteWeight, limit: Double, closed: EdgeSet?, backward: Bool,
                      visit: (Int, Double, Int) -> Bool) {
        nextGeneration()
        let gen = generation
        for s in sources where s.cost <= limit {
            if seen[s.node] != gen || s.cost < cost[s.node] {
                seen[s.node] = gen
                cost[s.node] = s.cost
                parent[s.node] = -1
                heap.push(s.cost, Int32(s.node))
            }
        }
        let w = graph.costs(weight)
        let start = backward ? graph.inStart : graph.outStart
        let arcs = backward ? graph.inArc : graph.outArc
        let other = backward ? graph.inTail : graph.outHead
        w.withUnsafeBufferPointer { w in
        start.withUnsafeBufferPointer { start in
        arcs.withUnsafeBufferPointer { arcs in
        other.withUnsafeBufferPointer { other in
            while !heap.isEmpty {
                let (c, v32) = heap.pop()
                let v = Int(v32)
                if done[v] == gen || c > cost[v] { continue }
                done[v] = gen
                if !visit(v, c, Int(parent[v])) { return }
                for k in Int(start[v]) ..< Int(start[v + 1]) {
                    let a = Int(arcs[k])
                    if let closed, closed.contains(a >> 1) { continue }
                    let u = Int(other[k])
                    let nc = c + w[a >> 1]
                    if nc > limit { continue }
                    if seen[u] != gen || nc < cost[u] {
                        seen[u] = gen
                        cost[u] = nc
                        parent[u] = Int32(a)
                        heap.push(nc, Int32(u))
                    }
                }
            }
        }}}}
    }
}

extension RoadGraph {
    /// Throws when `n` is not a node id.
    func checkNode(_ n: Int) throws {
        guard n >= 0, n < nodeCount else {
            throw RouteAnalysisError.invalidParameter("node \(n) is outside 0..<\(nodeCount)")
        }
    }

    /// Least-cost path between two nodes by plain Dijkstra (see ``DijkstraSearch``; for many
    /// queries keep one ``DijkstraSearch`` or use ``ContractionHierarchy``).
    /// - Throws: ``RouteAnalysisError/disconnected(fromIndex:toIndex:)`` when no path exists.
    public func shortestPath(from source: Int, to target: Int, weight: RouteWeight = .length,
                             closed: EdgeSet? = nil) throws -> GraphPath {
        var search = DijkstraSearch(graph: self)
        return try search.shortestPath(from: source, to: target, weight: weight, closed: closed)
    }
}
