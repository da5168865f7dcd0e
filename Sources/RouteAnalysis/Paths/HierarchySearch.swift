/// Queries of a ``ContractionHierarchy``: a forward search from the sources over upward edges and
/// a backward search from the targets over upward edges reversed; each side stops when its heap
/// top reaches the best meeting cost, and the meeting path is unpacked into graph arcs. Nodes
/// reached more cheaply from a higher node are not expanded ("stall on demand", Geisberger 2008).
/// Exact (same costs as Dijkstra). Not thread-safe: one per task.
public struct HierarchySearch: Sendable {
    /// The hierarchy searched.
    public let hierarchy: ContractionHierarchy
    var forward: SearchSide
    var backward: SearchSide

    /// Prepares work arrays (about 40 bytes per node).
    public init(hierarchy: ContractionHierarchy) {
        self.hierarchy = hierarchy
        forward = SearchSide(nodeCount: hierarchy.graph.nodeCount)
        backward = SearchSide(nodeCount: hierarchy.graph.nodeCount)
    }

    /// Least-cost path between two nodes for the hierarchy's weight.
    /// - Throws: ``RouteAnalysisError/disconnected(fromIndex:toIndex:)`` when no path exists;
    ///   ``RouteAnalysisError/invalidParameter(_:)`` for a node out of range.
    public mutating func shortestPath(from source: Int, to target: Int) throws -> GraphPath {
        let g = hierarchy.graph
        try g.checkNode(source); try g.checkNode(target)
        guard let p = path(from: [SearchEndpoint(node: source)], to: [SearchEndpoint(node: target)])
        else { throw RouteAnalysisError.disconnected(fromIndex: 0, toIndex: 1) }
        return GraphPath(source: source, target: target, weight: hierarchy.weight, cost: p.cost, arcs: p.arcs)
    }

    /// Least cost between two nodes without building the path (infinity when unreachable).
    public mutating func cost(from source: Int, to target: Int) -> Double {
        meet(from: [SearchEndpoint(node: source)], to: [SearchEndpoint(node: target)]).cost
    }

    /// Least-cost path between endpoint sets (costs included), or nil when none is reachable.
    public mutating func path(from sources: [SearchEndpoint], to targets: [SearchEndpoint]) -> EndpointPath? {
        let (best, meetNode) = meet(from: sources, to: targets)
        guard meetNode >= 0 else { return nil }
        let h = hierarchy
        var up: [Int32] = []
        var v = meetNode
        while forward.parentOf(v) >= 0 {
            let e = forward.parentOf(v); up.append(e); v = Int(h.edgeTail[Int(e)])
        }
        let first = v
        var arcs: [Int] = []
        for e in up.reversed() { h.unpack(Int(e), into: &arcs) }
        v = meetNode
        while backward.parentOf(v) >= 0 {
            let e = backward.parentOf(v); h.unpack(Int(e), into: &arcs); v = Int(h.edgeHead[Int(e)])
        }
        return EndpointPath(cost: best, sourceNode: first, targetNode: v, arcs: arcs)
    }

    mutating func meet(from sources: [SearchEndpoint], to targets: [SearchEndpoint]) -> (cost: Double, node: Int) {
        var forward = self.forward.take(), backward = self.backward.take()
        defer { self.forward = forward; self.backward = backward }
        forward.reset(); backward.reset()
        var best = Double.infinity
        var meetNode = -1
        let h = hierarchy
        h.upStart.withUnsafeBufferPointer { upStart in
        h.upHead.withUnsafeBufferPointer { upHead in
        h.upCost.withUnsafeBufferPointer { upCost in
        h.upEdge.withUnsafeBufferPointer { upEdge in
        h.downStart.withUnsafeBufferPointer { downStart in
        h.downTail.withUnsafeBufferPointer { downTail in
        h.downCost.withUnsafeBufferPointer { downCost in
        h.downEdge.withUnsafeBufferPointer { downEdge in
        forward.withView { f in
        backward.withView { b in
            for s in sources { f.relax(s.node, s.cost, via: -1) }
            for t in targets { b.relax(t.node, t.cost, via: -1) }
            for s in sources {
                let total = f.costOf(s.node) + b.costOf(s.node)
                if total < best { best = total; meetNode = s.node }
            }
            var forwardOpen = true, backwardOpen = true
            while forwardOpen || backwardOpen {
                if forwardOpen && f.minKey >= best { forwardOpen = false }
                if backwardOpen && b.minKey >= best { backwardOpen = false }
                if forwardOpen && (!backwardOpen || f.minKey <= b.minKey) {
                    guard let (v, c) = f.popSettled() else { forwardOpen = false; continue }
                    // stall on demand: a higher node reaching v more cheaply means v is not on a shortest up-path
                    var stalled = false
                    for k in Int(downStart[v]) ..< Int(downStart[v + 1]) where f.costOf(Int(downTail[k])) + downCost[k] < c {
                        stalled = true; break
                    }
                    if stalled { continue }
                    for k in Int(upStart[v]) ..< Int(upStart[v + 1]) {
                        let u = Int(upHead[k])
                        let nc = c + upCost[k]
                        if f.relax(u, nc, via: upEdge[k]) {
                            let total = nc + b.costOf(u)
                            if total < best { best = total; meetNode = u }
                        }
                    }
                } else if backwardOpen {
                    guard let (v, c) = b.popSettled() else { backwardOpen = false; continue }
                    var stalled = false
                    for k in Int(upStart[v]) ..< Int(upStart[v + 1]) where b.costOf(Int(upHead[k])) + upCost[k] < c {
                        stalled = true; break
                    }
                    if stalled { continue }
                    for k in Int(downStart[v]) ..< Int(downStart[v + 1]) {
                        let u = Int(downTail[k])
                        let nc = c + downCost[k]
                        if b.relax(u, nc, via: downEdge[k]) {
                            let total = nc + f.costOf(u)
                            if total < best { best = total; meetNode = u }
                        }
                    }
                }
            }
        }}}}}}}}}}
        return (best, meetNode)
    }
}
