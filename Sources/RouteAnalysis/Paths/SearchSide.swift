/// Per-node state of one search direction, packed so that a node's state is one 32-byte cache
/// line fragment: tentative cost, A* potential, parent link and generation stamps.
struct SearchSlot: Sendable {
    var cost: Double = .infinity
    var potential: Double = 0
    /// Parent link (a graph arc or a hierarchy edge, by caller), -1 at a start.
    var parent: Int32 = -1
    /// Generation in which the node was reached.
    var seen: UInt32 = 0
    /// Generation in which the node was settled.
    var done: UInt32 = 0
}

/// One direction of a search: tentative costs, parents and a heap, with generation stamps so a
/// query touches only what it reaches (no clearing between queries). Heap keys are
/// `cost + potential(node)` (A*; the potential is 0 for plain Dijkstra), the potential being
/// computed once per node per query when the node is first reached.
/// Used by ``DijkstraSearch``, ``BidirectionalSearch`` and ``HierarchySearch``: the one
/// implementation of relaxing, settling and expanding; queries run on a ``SearchView`` (unsafe
/// pointers to the slots, no copy-on-write or bounds checks in the loop).
struct SearchSide: Sendable {
    var slots: [SearchSlot]
    var generation: UInt32 = 0
    var heap = MinHeap()
    /// Nodes touched in this generation (for callers that scan what was reached).
    var touched: [Int32] = []
    var goal = SearchPotential.zero

    init(nodeCount n: Int) {
        // one spare slot so the buffer is never empty
        slots = [SearchSlot](repeating: SearchSlot(), count: n + 1)
    }

    /// Moves this side out, leaving an empty one, so a query can work on it as a local value
    /// without copy-on-write (put it back afterwards).
    mutating func take() -> SearchSide {
        var out = SearchSide(nodeCount: 0)
        swap(&out, &self)
        return out
    }

    /// Starts a new query with the given potential (default none).
    mutating func reset(goal: SearchPotential = .zero) {
        if generation == UInt32.max {
            for i in slots.indices { slots[i].seen = 0; slots[i].done = 0 }
            generation = 0
        }
        generation += 1
        heap.removeAll()
        touched.removeAll(keepingCapacity: true)
        self.goal = goal
    }

    func costOf(_ v: Int) -> Double { slots[v].seen == generation ? slots[v].cost : .infinity }

    /// Parent link of a node reached in this generation.
    func parentOf(_ v: Int) -> Int32 { slots[v].parent }

    /// Runs `body` on a view of this side (see ``SearchView``).
    mutating func withView<R>(_ body: (inout SearchView) -> R) -> R {
        var h = heap, t = touched
        heap = MinHeap(); touched = []
        let gen = generation, goal = goal
        let r = slots.withUnsafeMutableBufferPointer { buf in
            var view = SearchView(slots: buf, heap: h, touched: t, generation: gen, goal: goal)
            h = MinHeap(); t = []
            let r = body(&view)
            h = view.heap; t = view.touched
            return r
        }
        heap = h; touched = t
        return r
    }
}

/// A search side during a query: its slots through an unsafe buffer (valid only inside
/// ``SearchSide/withView(_:)``) and its heap.
struct SearchView {
    let slots: UnsafeMutableBufferPointer<SearchSlot>
    var heap: MinHeap
    var touched: [Int32]
    let generation: UInt32
    let goal: SearchPotential

    @inline(__always)
    func costOf(_ v: Int) -> Double { slots[v].seen == generation ? slots[v].cost : .infinity }

    /// Smallest heap key (cost plus potential), infinity when empty.
    @inline(__always)
    var minKey: Double { heap.minKey }

    /// Lowers the tentative cost of `v` when `c` is better; true when it did.
    @inline(__always)
    @discardableResult
    mutating func relax(_ v: Int, _ c: Double, via link: Int32) -> Bool {
        let p = slots.baseAddress.unsafelyUnwrapped + v
        if p.pointee.seen != generation {
            p.pointee.seen = generation
            touched.append(Int32(truncatingIfNeeded: v))
            p.pointee.potential = goal.value(v)
        } else if c >= p.pointee.cost {
            return false
        }
        p.pointee.cost = c
        p.pointee.parent = link
        heap.push(c + p.pointee.potential, Int32(truncatingIfNeeded: v))
        return true
    }

    /// Pops the next unsettled node, marking it settled; nil when the heap is exhausted.
    @inline(__always)
    mutating func popSettled() -> (node: Int, cost: Double)? {
        while !heap.isEmpty {
            let (k, v32) = heap.pop()
            let v = Int(v32)
            let p = slots.baseAddress.unsafelyUnwrapped + v
            if p.pointee.done == generation || k > p.pointee.cost + p.pointee.potential { continue }
            p.pointee.done = generation
            return (v, p.pointee.cost)
        }
        return nil
    }

    /// Relaxes the graph arcs of settled node `v` (cost `c`): rows of `start`/`arcs`/`ends`
    /// (outgoing arcs and heads, or incoming arcs and tails), edge costs `w[arc >> 1]`, skipping
    /// closed edges and costs above `limit`; `improved(node, cost)` is called for each node whose
    /// tentative cost went down.
    @inline(__always)
    mutating func expand(_ v: Int, _ c: Double, _ adj: Adjacency, closed: EdgeSet?,
                         limit: Double = .infinity, improved: (Int, Double) -> Void = { _, _ in }) {
        for k in Int(adj.start[v]) ..< Int(adj.start[v + 1]) {
            let a = Int(adj.arcs[k])
            if let closed, closed.contains(a >> 1) { continue }
            let nc = c + adj.costs[a >> 1]
            if nc > limit { continue }
            let u = Int(adj.ends[k])
            if relax(u, nc, via: Int32(truncatingIfNeeded: a)) { improved(u, nc) }
        }
    }
}

/// CSR rows a search side walks, as unsafe buffers: outgoing arcs with their heads (forward) or
/// incoming arcs with their tails (backward), and the per-edge costs.
struct Adjacency {
    let start: UnsafeBufferPointer<Int32>
    let arcs: UnsafeBufferPointer<Int32>
    let ends: UnsafeBufferPointer<Int32>
    let costs: UnsafeBufferPointer<Double>
}

extension RoadGraph {
    /// Runs `body` with the forward or backward adjacency of the graph and `costs`.
    @inline(__always)
    func withAdjacency<R>(backward: Bool, costs: [Double], _ body: (Adjacency) -> R) -> R {
        (backward ? inStart : outStart).withUnsafeBufferPointer { s in
            (backward ? inArc : outArc).withUnsafeBufferPointer { a in
                (backward ? inTail : outHead).withUnsafeBufferPointer { e in
                    costs.withUnsafeBufferPointer { w in body(Adjacency(start: s, arcs: a, ends: e, costs: w)) }
                }
            }
        }
    }
}
