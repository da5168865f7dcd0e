/// One direction of a search: tentative costs, parents and a heap, with generation stamps so a
/// query touches only what it reaches (no clearing between queries). Heap keys are
/// `cost + potential(node)` (A*; the potential is 0 for plain Dijkstra), the potential being
/// computed once per node per query when the node is first reached.
/// Used by ``DijkstraSearch``, ``BidirectionalSearch`` and ``HierarchySearch``: the one
/// implementation of relaxing, settling and expanding graph arcs.
struct SearchSide: Sendable {
    var cost: [Double]
    var potential: [Double]
    /// Parent link (meaning depends on the caller: a graph arc or a hierarchy edge), -1 at a start.
    var parent: [Int32]
    var seen: [UInt32]
    var done: [UInt32]
    var generation: UInt32 = 0
    var heap = MinHeap()
    /// Nodes touched in this generation (for callers that scan what was reached).
    var touched: [Int32] = []
    var goal = SearchPotential.zero

    init(nodeCount n: Int) {
        cost = [Double](repeating: .infinity, count: n)
        potential = [Double](repeating: 0, count: n)
        parent = [Int32](repeating: -1, count: n)
        seen = [UInt32](repeating: 0, count: n)
        done = [UInt32](repeating: 0, count: n)
    }

    /// Starts a new query with the given potential (default none).
    mutating func reset(goal: SearchPotential = .zero) {
        if generation == UInt32.max {
            for i in seen.indices { seen[i] = 0; done[i] = 0 }
            generation = 0
        }
        generation += 1
        heap.removeAll()
        touched.removeAll(keepingCapacity: true)
        self.goal = goal
    }

    @inline(__always)
    func costOf(_ v: Int) -> Double { seen[v] == generation ? cost[v] : .infinity }

    @inline(__always)
    func isDone(_ v: Int) -> Bool { done[v] == generation }

    /// Smallest heap key (cost plus potential), infinity when empty.
    var minKey: Double { heap.minKey }

    /// Lowers the tentative cost of `v` when `c` is better; true when it did.
    @inline(__always)
    @discardableResult
    mutating func relax(_ v: Int, _ c: Double, via link: Int32) -> Bool {
        if seen[v] != generation {
            seen[v] = generation
            touched.append(Int32(v))
            potential[v] = goal.value(v)
        } else if c >= cost[v] {
            return false
        }
        cost[v] = c
        parent[v] = link
        heap.push(c + potential[v], Int32(v))
        return true
    }

    /// Pops the next unsettled node, marking it settled; nil when the heap is exhausted.
    @inline(__always)
    mutating func popSettled() -> (node: Int, cost: Double)? {
        while !heap.isEmpty {
            let (k, v32) = heap.pop()
            let v = Int(v32)
            if done[v] == generation || k > cost[v] + potential[v] { continue }
            done[v] = generation
            return (v, cost[v])
        }
        return nil
    }

    /// Relaxes the graph arcs of settled node `v` (cost `c`): rows of `start`/`arcs`/`ends`
    /// (outgoing arcs and heads, or incoming arcs and tails), edge costs `w[arc >> 1]`, skipping
    /// closed edges and costs above `limit`; `improved(node, cost)` is called for each node whose
    /// tentative cost went down.
    @inline(__always)
    mutating func expand(_ v: Int, _ c: Double, start: UnsafeBufferPointer<Int32>, arcs: UnsafeBufferPointer<Int32>,
                         ends: UnsafeBufferPointer<Int32>, costs w: UnsafeBufferPointer<Double>, closed: EdgeSet?,
                         limit: Double = .infinity, improved: (Int, Double) -> Void = { _, _ in }) {
        for k in Int(start[v]) ..< Int(start[v + 1]) {
            let a = Int(arcs[k])
            if let closed, closed.contains(a >> 1) { continue }
            let nc = c + w[a >> 1]
            if nc > limit { continue }
            let u = Int(ends[k])
            if relax(u, nc, via: Int32(truncatingIfNeeded: a)) { improved(u, nc) }
        }
    }
}

/// The CSR rows a search side walks: outgoing arcs with their heads (forward) or incoming arcs
/// with their tails (backward).
extension RoadGraph {
    @inline(__always)
    func withAdjacency<R>(backward: Bool, costs: [Double],
                          _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>,
                                   UnsafeBufferPointer<Double>) -> R) -> R {
        (backward ? inStart : outStart).withUnsafeBufferPointer { s in
            (backward ? inArc : outArc).withUnsafeBufferPointer { a in
                (backward ? inTail : outHead).withUnsafeBufferPointer { e in
                    costs.withUnsafeBufferPointer { w in body(s, a, e, w) }
                }
            }
        }
    }
}
