/// Counts that describe a built network: what `bordermap info`-like reports print.
public struct RoadGraphSummary: Sendable, Hashable, Codable {
    /// Number of nodes.
    public var nodes: Int
    /// Number of edges.
    public var edges: Int
    /// Number of one-way edges.
    public var oneWayEdges: Int
    /// Total edge length in metres.
    public var totalLengthMeters: Double
    /// Node count of each weakly connected component, largest first.
    public var componentSizes: [Int]
    /// Nodes touched by exactly one edge end (dead ends, or lines that failed to join).
    public var danglingEnds: Int

    /// Node count of the largest component (0 for an empty graph).
    public var largestComponent: Int { componentSizes.first ?? 0 }
}

extension RoadGraph {
    /// Node, edge, component and dangling-end counts.
    public var summary: RoadGraphSummary {
        var degree = [Int32](repeating: 0, count: nodeCount)
        for e in 0 ..< edgeCount { degree[Int(edgeFrom[e])] += 1; degree[Int(edgeTo[e])] += 1 }
        return RoadGraphSummary(nodes: nodeCount, edges: edgeCount, oneWayEdges: edgeOneWay.lazy.filter { $0 }.count,
                                totalLengthMeters: edgeLength.reduce(0, +), componentSizes: componentSizes,
                                danglingEnds: degree.lazy.filter { $0 == 1 }.count)
    }
}
