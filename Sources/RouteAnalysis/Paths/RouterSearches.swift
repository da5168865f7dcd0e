import Synchronization

/// The reusable work arrays of one routing query: a bidirectional search and one hierarchy
/// search per weight with a hierarchy.
struct RouterSearches: Sendable {
    var bidirectional: BidirectionalSearch
    var hierarchy: [RouteWeight: HierarchySearch]
}

/// A small lock-protected free list of ``RouterSearches``, shared by the copies of a ``Router``:
/// a query takes one (or makes one when all are in use), and gives it back afterwards, so
/// queries do not allocate node-sized arrays; at most ``capacity`` are kept.
/// A class only because `Mutex` cannot be copied; all state is behind the mutex.
final class RouterSearchPool: Sendable {
    /// Most searches kept between queries (about 80 bytes per node each).
    static let capacity = 8
    private let free = Mutex<[RouterSearches]>([])
    private let graph: RoadGraph
    private let hierarchies: [RouteWeight: ContractionHierarchy]

    init(graph: RoadGraph, hierarchies: [RouteWeight: ContractionHierarchy]) {
        self.graph = graph
        self.hierarchies = hierarchies
    }

    /// Runs `body` with searches taken from the pool (or new ones) and returns them afterwards.
    func withSearches<T>(_ body: (inout RouterSearches) throws -> T) rethrows -> T {
        var s = free.withLock { $0.popLast() }
            ?? RouterSearches(bidirectional: BidirectionalSearch(graph: graph),
                              hierarchy: hierarchies.mapValues { HierarchySearch(hierarchy: $0) })
        defer {
            let done = s
            free.withLock { if $0.count < Self.capacity { $0.append(done) } }
        }
        return try body(&s)
    }
}
