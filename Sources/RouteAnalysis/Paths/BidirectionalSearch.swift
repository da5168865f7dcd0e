/// Bidirectional Dijkstra on a ``RoadGraph``: a forward search from the sources over outgoing
/// arcs and a backward search from the targets over incoming arcs, alternating on the smaller
/// heap top, stopped when the two tops together reach the best meeting cost (exact).
///
/// Typically settles about half the nodes plain Dijkstra does; with a ``GoalBound`` (bidirectional
/// A*) far fewer. Not thread-safe: one per task.
public struct BidirectionalSearch: Sendable {
    /// The graph searched.
    public let graph: RoadGraph
    var forward: SearchSide
    var backward: SearchSide

    /// Nodes reached by the last query, both sides together (a measure of its work).
    public var reachedCount: Int { forward.touched.count + backward.touched.count }

    /// Prepares work arrays for `graph` (about 40 bytes per node).
    public init(graph: RoadGraph) {
        self.graph = graph
        forward = SearchSide(nodeCount: graph.nodeCount)
        backward = SearchSide(nodeCount: graph.nodeCount)
    }

    /// Least-cost path from node `source` to node `target`; same contract as
    /// ``DijkstraSearch/shortestPath(from:to:weight:closed:bound:)`` (with a bound: bidirectional A*).
    public mutating func shortestPath(from source: Int, to target: Int, weight: RouteWeight = .length,
                                      closed: EdgeSet? = nil, bound: GoalBound? = nil) throws -> GraphPath {
        try graph.checkNode(source); try graph.checkNode(target)
        try bound?.check(weight)
        guard let p = path(from: [SearchEndpoint(node: source)], to: [SearchEndpoint(node: target)],
                           weight: weight, closed: closed, bound: bound)
        else { throw RouteAnalysisError.disconnected(fromIndex: 0, toIndex: 1) }
        return GraphPath(source: source, target: target, weight: weight, cost: p.cost, arcs: p.arcs)
    }

    /// Least-cost path between endpoint sets (costs included), or nil when none is reachable;
    /// `bound` (bidirectional A*) must be made for `weight` (a bound for another weight is ignored).
    public mutating func path(from sources: [SearchEndpoint], to targets: [SearchEndpoint], weight: RouteWeight,
                              closed: EdgeSet? = nil, bound: GoalBound? = nil) -> EndpointPath? {
        path(from: sources, to: targets, costs: graph.costs(weight), closed: closed,
             bound: bound?.weight == weight ? bound : nil)
    }

    /// Least-cost path with explicit per-edge costs (`costs[edge]`, >= 0), for penalised searches.
    /// - Parameter bound: a lower bound valid for these costs (for example the bound of a weight
    ///   whose costs these only raise), or nil.
    ///
    /// With a bound the two sides use the averaged potentials `p_f = (h_t - h_s) / 2` and
    /// `p_b = -p_f` (Ikeda et al. 1994; Goldberg & Harrelson 2005), both consistent, so the sum of
    /// the two heap tops is a lower bound on any path not yet found and the stopping rule below is exact.
    public mutating func path(from sources: [SearchEndpoint], to targets: [SearchEndpoint], costs w: [Double],
                              closed: EdgeSet? = nil, bound: GoalBound? = nil) -> EndpointPath? {
        var forward = self.forward.take(), backward = self.backward.take()
        defer { self.forward = forward; self.backward = backward }
        if let bound {
            forward.reset(goal: SearchPotential(bound: bound, toward: targets, away: sources, averaged: true))
            backward.reset(goal: SearchPotential(bound: bound, toward: sources, away: targets, averaged: true))
        } else {
            forward.reset(); backward.reset()
        }
        var best = Double.infinity
        var meet = -1
        let g = graph
        g.withAdjacency(backward: false, costs: w) { out in
        g.withAdjacency(backward: true, costs: w) { inc in
        forward.withView { f in
        backward.withView { b in
            for s in sources { f.relax(s.node, s.cost, via: -1) }
            for t in targets { b.relax(t.node, t.cost, via: -1) }
            for s in sources where f.costOf(s.node) + b.costOf(s.node) < best {
                best = f.costOf(s.node) + b.costOf(s.node); meet = s.node
            }
            while true {
                let fTop = f.minKey, bTop = b.minKey
                if fTop + bTop >= best || (fTop == .infinity && bTop == .infinity) { break }
                if fTop <= bTop {
                    guard let (v, c) = f.popSettled() else { continue }
                    f.expand(v, c, out, closed: closed) { u, nc in
                        let total = nc + b.costOf(u)
                        if total < best { best = total; meet = u }
                    }
                } else {
                    guard let (v, c) = b.popSettled() else { continue }
                    b.expand(v, c, inc, closed: closed) { u, nc in
                        let total = nc + f.costOf(u)
                        if total < best { best = total; meet = u }
                    }
                }
            }
        }}}}
        guard meet >= 0 else { return nil }
        var head: [Int] = []
        var v = meet
        while forward.parentOf(v) >= 0 {
            let a = Int(forward.parentOf(v)); head.append(a); v = g.endpoints(ofArc: a).tail
        }
        let first = v
        head.reverse()
        v = meet
        while backward.parentOf(v) >= 0 {
            let a = Int(backward.parentOf(v)); head.append(a); v = g.endpoints(ofArc: a).head
        }
        return EndpointPath(cost: best, sourceNode: first, targetNode: v, arcs: head)
    }
}
