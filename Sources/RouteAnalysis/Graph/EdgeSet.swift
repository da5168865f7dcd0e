/// A set of edge ids as a bit set (one bit per edge of a graph): the closed edges of a query.
public struct EdgeSet: Sendable, Hashable {
    var words: [UInt64]

    /// An empty set for a graph of `edgeCount` edges.
    public init(edgeCount: Int) {
        words = [UInt64](repeating: 0, count: (edgeCount + 63) / 64)
    }

    /// A set holding `edges` (ids below `edgeCount`; others are ignored).
    public init(edgeCount: Int, edges: some Sequence<Int>) {
        self.init(edgeCount: edgeCount)
        for e in edges where e >= 0 && e < edgeCount { insert(e) }
    }

    /// Adds edge `e`.
    public mutating func insert(_ e: Int) { words[e >> 6] |= 1 << UInt64(e & 63) }

    /// True when edge `e` is in the set.
    @inline(__always)
    public func contains(_ e: Int) -> Bool { words[e >> 6] & (1 << UInt64(e & 63)) != 0 }

    /// Number of edges in the set.
    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// True when no edge is in the set.
    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// Adds every edge of `other`.
    public mutating func formUnion(_ other: EdgeSet) {
        for i in 0 ..< min(words.count, other.words.count) { words[i] |= other.words[i] }
    }
}
