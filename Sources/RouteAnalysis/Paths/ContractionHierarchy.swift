/// A contraction hierarchy (Geisberger et al. 2008, "Contraction Hierarchies: Faster and Simpler
/// Hierarchical Routing in Road Networks") for one weight of a ``RoadGraph``: exact least costs,
/// identical to Dijkstra, answered by a bidirectional search that only climbs in rank.
///
/// Preprocessing contracts nodes one at a time in order of priority
/// `2 x edge difference (shortcuts added - arcs removed) + contracted neighbours + level` (level:
/// one more than the highest level of a contracted neighbour), kept by lazy updates
/// (a node popped is re-evaluated and put back when no longer the smallest); a shortcut u -> x is added unless
/// a witness search (Dijkstra from u without v, stopped at the shortcut's cost or after
/// ``witnessSettleLimit`` nodes, a tenth of that when only estimating priorities, or once every
/// target is settled) finds a path no longer. Limited witness searches only add
/// unnecessary shortcuts, never wrong answers.
///
/// Closed edges or avoided areas are not supported by the hierarchy: queries with closures fall
/// back to bidirectional A* (``BidirectionalSearch`` with a ``GoalBound``) on the filtered graph
/// (see ``Router``). Save and reload a hierarchy with ``ContractionHierarchyCache`` (or
/// ``serialized()`` / ``init(serialized:graph:weight:)``).
/// Immutable, `Sendable`; query with a ``HierarchySearch`` per task.
public struct ContractionHierarchy: Sendable {
    /// Nodes settled at most by one witness search.
    public static let witnessSettleLimit = 500

    /// The graph the hierarchy was built for.
    public let graph: RoadGraph
    /// The weight it minimises.
    public let weight: RouteWeight
    /// Contraction rank of each node (0 contracted first).
    public let rank: [Int32]
    /// Upward forward edges of node `v`: `upStart[v] ..< upStart[v+1]` of `upHead`/`upCost`/`upEdge`
    /// (edges `v -> higher node`).
    let upStart: [Int32]
    let upHead: [Int32]
    let upCost: [Double]
    let upEdge: [Int32]
    /// Upward backward edges of node `v` (edges `higher node -> v`), with their tails in `downTail`.
    let downStart: [Int32]
    let downTail: [Int32]
    let downCost: [Double]
    let downEdge: [Int32]
    /// Hierarchy edge `h`: an original arc (`edgeArc[h] >= 0`) or a shortcut of the two hierarchy
    /// edges `edgeFirst[h]`, `edgeSecond[h]` (and `edgeArc[h] == -1`).
    let edgeTail: [Int32]
    let edgeHead: [Int32]
    let edgeArc: [Int32]
    let edgeFirst: [Int32]
    let edgeSecond: [Int32]

    /// Number of shortcuts added by the contraction.
    public var shortcutCount: Int { edgeArc.lazy.filter { $0 < 0 }.count }

    /// Appends the graph arcs of hierarchy edge `h`, in travel order.
    func unpack(_ h: Int, into arcs: inout [Int]) {
        var stack = [Int32(h)]
        while let e = stack.popLast() {
            let arc = edgeArc[Int(e)]
            if arc >= 0 {
                arcs.append(Int(arc))
            } else {
                stack.append(edgeSecond[Int(e)])
                stack.append(edgeFirst[Int(e)])
            }
        }
    }
}
