/// One direction of a two-sided search: tentative costs, parents and a heap over a CSR-like
/// adjacency given at each step. Generation stamps let a query touch only what it reaches.
/// Internal to ``BidirectionalSearch`` and ``ContractionHierarchy``.
struct SearchSide: Sendable {
    var cost: [Double]
    /// Parent link (meaning depends on the caller: a graph arc or a hierarchy edge), -1 at a start.
    var parent: [Int32]
    var seen: [UInt32]
    var done: [UInt32]
    var generation: UInt32 = 0
    var heap = MinHeap()
    /// Nodes touched in this generation (for callers that scan what was reached).
    var touched: [Int32] = []

    init(nodeCount n: Int) {
        cost = [Double](repeating: .infinity, count: n)
        parent = [Int32](repeating: -1, count: n)
        seen = [UInt32](repeating: 0, count: n)
        done = [UInt32](repeating: 0, count: n)
    }

    mutating func reset() {
        if generation == UInt32.max {
            for i in seen.indices { seen[i] = 0; done[i] = 0 }
            generation = 0
        }
        generation += 1
        heap.removeAll()
        touched.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    func costOf(_ v: Int) -> Double { seen[v] == generation ? cost[v] : .infinity }

    @inline(__always)
    func isDone(_ v: Int) -> Bool { done[v] == generation }

    /// Lowers the tentative cost of `v` when `c` is better; true when it did.
    @inline(__always)
    @discardableResult
    mutating func relax(_ v: Int, _ c: Double, via link: Int32) -> Bool {
        if seen[v] != generation {
            seen[v] = generation
            touched.append(Int32(v))
        } else if c >= cost[v] {
            return false
        }
        cost[v] = c
        parent[v] = link
        heap.push(c, Int32(v))
        return true
    }

    /// Pops the next unsettled node, marking it settled; nil when the heap is exhausted.
    @inline(__always)
    mutating func popSettled() -> (node: Int, cost: Double)? {
        while !heap.isEmpty {
            let (c, v32) = heap.pop()
            let v = Int(v32)
            if done[v] == generation || c > cost[v] { continue }
            done[v] = generation
            return (v, c)
        }
        return nil
    }
}
