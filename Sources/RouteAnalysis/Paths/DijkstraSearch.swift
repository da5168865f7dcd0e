/// Dijkstra search on a ``RoadGraph`` (4-ary heap, lazy deletion), reusing its work arrays
/// between queries: a query touches only the nodes it settles (generation stamps, no clearing).
/// Given a ``GoalBound`` it runs A* (Hart, Nilsson & Raphael 1968): the heap key is cost plus
/// the bound to the nearest target, which settles far fewer nodes and stays exact because the
/// bound is admissible and consistent.
///
/// O((V + E) log V) per query; exact. Not thread-safe: give each task its own value.
public struct DijkstraSearch: Sendable {
    /// The graph searched.
    public let graph: RoadGraph
    var side: SearchSide
    var targetStamp: [UInt32]
    var targetCost: [Double]

    /// Nodes reached by the last query (a measure of its work).
    public var reachedCount: Int { side.touched.count }

    /// Prepares work arrays for `graph` (about 40 bytes per node).
    public init(graph: RoadGraph) {
        self.graph = graph
        side = SearchSide(nodeCount: graph.nodeCount)
        targetStamp = [UInt32](repeating: 0, count: graph.nodeCount)
        targetCost = [Double](repeating: .infinity, count: graph.nodeCount)
    }

    /// Least-cost path from node `source` to node `target`.
    /// - Parameters:
    ///   - weight: `.length` (metres) or `.time` (seconds).
    ///   - closed: edges that may not be used, or nil.
    ///   - bound: a lower bound for `weight` (A*), or nil for plain Dijkstra.
    /// - Throws: ``RouteAnalysisError/disconnected(fromIndex:toIndex:)`` (indices 0 and 1) when no
    ///   path exists; ``RouteAnalysisError/invalidParameter(_:)`` for a node out of range or a bound
    ///   made for another weight.
    public mutating func shortestPath(from source: Int, to target: Int, weight: RouteWeight = .length,
                                      closed: EdgeSet? = nil, bound: GoalBound? = nil) throws -> GraphPath {
        try graph.checkNode(source); try graph.checkNode(target)
        try bound?.check(weight)
        guard let p = path(from: [SearchEndpoint(node: source)], to: [SearchEndpoint(node: target)],
                           weight: weight, closed: closed, bound: bound)
        else { throw RouteAnalysisError.disconnected(fromIndex: 0, toIndex: 1) }
        return GraphPath(source: source, target: target, weight: weight, cost: p.cost, arcs: p.arcs)
    }

    /// Least-cost path from any source endpoint to any target endpoint (costs of both included),
    /// or nil when none is reachable. Endpoint nodes must be valid; `bound` (A*) must be made for
    /// `weight` (a bound for another weight is ignored).
    public mutating func path(from sources: [SearchEndpoint], to targets: [SearchEndpoint], weight: RouteWeight,
                              closed: EdgeSet? = nil, bound: GoalBound? = nil) -> EndpointPath? {
        let goal = bound.flatMap { $0.weight == weight ? SearchPotential(bound: $0, toward: targets) : nil } ?? .zero
        var side = self.side.take()
        defer { self.side = side }
        side.reset(goal: goal)
        let gen = side.generation
        for t in targets {
            if targetStamp[t.node] != gen || t.cost < targetCost[t.node] { targetStamp[t.node] = gen; targetCost[t.node] = t.cost }
        }
        var best = Double.infinity
        var bestNode = -1
        targetStamp.withUnsafeBufferPointer { stamp in
        targetCost.withUnsafeBufferPointer { tcost in
        graph.withAdjacency(backward: false, costs: graph.costs(weight)) { adj in
        side.withView { view in
            for s in sources { view.relax(s.node, s.cost, via: -1) }
            while view.minKey < best, let (v, c) = view.popSettled() {
                if stamp[v] == gen, c + tcost[v] < best { best = c + tcost[v]; bestNode = v }
                view.expand(v, c, adj, closed: closed)
            }
        }}}}
        guard bestNode >= 0 else { return nil }
        let arcs = Self.traceBack(side, graph, to: bestNode, backward: false)
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
        var side = self.side.take()
        defer { self.side = side }
        side.reset()
        var out: [SettledNode] = []
        graph.withAdjacency(backward: backward, costs: graph.costs(weight)) { adj in
        side.withView { view in
            for s in sources where s.cost <= limit { view.relax(s.node, s.cost, via: -1) }
            while let (v, c) = view.popSettled() {
                out.append(SettledNode(node: v, cost: c, parentArc: Int(view.slots[v].parent)))
                view.expand(v, c, adj, closed: closed, limit: limit)
            }
        }}
        return out
    }

    /// Arcs from the search's source to `node`, in travel order.
    static func traceBack(_ side: SearchSide, _ graph: RoadGraph, to node: Int, backward: Bool) -> [Int] {
        var arcs: [Int] = []
        var v = node
        while side.parentOf(v) >= 0 {
            let a = Int(side.parentOf(v))
            arcs.append(a)
            let ends = graph.endpoints(ofArc: a)
            v = backward ? ends.head : ends.tail
        }
        if !backward { arcs.reverse() }
        return arcs
    }
}

extension GoalBound {
    /// Throws when the bound was made for another weight.
    func check(_ w: RouteWeight) throws {
        guard weight == w else {
            throw RouteAnalysisError.invalidParameter("goal bound is for \(weight.rawValue), the query is by \(w.rawValue)")
        }
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
