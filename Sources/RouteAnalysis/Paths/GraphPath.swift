/// A path between two nodes of a ``RoadGraph``.
public struct GraphPath: Sendable, Hashable {
    /// Start node.
    public let source: Int
    /// End node.
    public let target: Int
    /// What was minimised.
    public let weight: RouteWeight
    /// The minimised cost: metres for `.length`, seconds for `.time`.
    public let cost: Double
    /// Arcs in travel order (`2 * edge` runs from -> to, `2 * edge + 1` to -> from).
    public let arcs: [Int]

    /// Creates a path value (costs are not recomputed).
    public init(source: Int, target: Int, weight: RouteWeight, cost: Double, arcs: [Int]) {
        self.source = source
        self.target = target
        self.weight = weight
        self.cost = cost
        self.arcs = arcs
    }

    /// Edge ids in travel order.
    public var edges: [Int] { arcs.map { $0 >> 1 } }

    /// Nodes in travel order, `source` first, `target` last.
    public func nodes(in graph: RoadGraph) -> [Int] {
        var out = [source]
        for a in arcs { out.append(graph.endpoints(ofArc: a).head) }
        return out
    }

    /// Sum of edge lengths in metres.
    public func lengthMeters(in graph: RoadGraph) -> Double { arcs.reduce(0) { $0 + graph.edgeLength[$1 >> 1] } }

    /// Sum of edge travel times in seconds.
    public func timeSeconds(in graph: RoadGraph) -> Double { arcs.reduce(0) { $0 + graph.edgeTime[$1 >> 1] } }
}
