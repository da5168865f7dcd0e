/// A node where a search starts (or ends) with a cost already paid: a snapped point part-way
/// along an edge enters the graph at both end nodes with the partial edge costs.
public struct SearchEndpoint: Sendable, Hashable {
    /// The node.
    public var node: Int
    /// Cost already paid at the start (or still to pay after the end), in the weight's unit.
    public var cost: Double

    /// Creates an endpoint; `cost` defaults to 0.
    public init(node: Int, cost: Double = 0) {
        self.node = node
        self.cost = cost
    }
}

/// A node settled by a bounded search, with its cost and the arc it was reached by.
public struct SettledNode: Sendable, Hashable {
    /// The node.
    public var node: Int
    /// Least cost from the sources, in the weight's unit.
    public var cost: Double
    /// The arc into `node` on a least-cost path (for a backward search: the arc out of it), or -1
    /// for a source.
    public var parentArc: Int
}

/// The best path between endpoint sets: its cost, the arcs, and which endpoints it used.
public struct EndpointPath: Sendable, Hashable {
    /// Total cost including both endpoints' costs.
    public var cost: Double
    /// The source endpoint node used.
    public var sourceNode: Int
    /// The target endpoint node used.
    public var targetNode: Int
    /// Arcs from `sourceNode` to `targetNode` in travel order (empty when they are the same node).
    public var arcs: [Int]
}
