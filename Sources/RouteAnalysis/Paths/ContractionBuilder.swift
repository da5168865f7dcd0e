/// A link of the shrinking graph during contraction.
private struct Link {
    var node: Int32
    var cost: Double
    var edge: Int32
}

/// The contraction state: adjacency of uncontracted nodes and the hierarchy edges made so far.
private struct Contractor {
    var outLinks: [[Link]]
    var inLinks: [[Link]]
    var contracted: [Bool]
    var deletedNeighbours: [Int32]
    var level: [Int32]
    var edgeArc: [Int32] = []
    var edgeFirst: [Int32] = []
    var edgeSecond: [Int32] = []
    var edgeTail: [Int32] = []
    var edgeHead: [Int32] = []
    // witness search work arrays
    var wCost: [Double]
    var wStamp: [UInt32]
    var wGen: UInt32 = 0
    var targetStamp: [UInt32]
    var heap = MinHeap()

    init(graph g: RoadGraph, weight: RouteWeight) {
        let n = g.nodeCount
        outLinks = Array(repeating: [], count: n)
        inLinks = Array(repeating: [], count: n)
        contracted = Array(repeating: false, count: n)
        deletedNeighbours = Array(repeating: 0, count: n)
        level = Array(repeating: 0, count: n)
        wCost = Array(repeating: .infinity, count: n)
        wStamp = Array(repeating: 0, count: n)
        targetStamp = Array(repeating: 0, count: n)
        let w = g.costs(weight)
        for v in 0 ..< n {
            for k in Int(g.outStart[v]) ..< Int(g.outStart[v + 1]) {
                let a = Int(g.outArc[k]), x = g.outHead[k]
                if Int(x) == v { continue }
                addLink(from: Int32(v), to: x, cost: w[a >> 1], arc: Int32(a), first: -1, second: -1)
            }
        }
    }

    /// Adds or improves the link u -> x (keeps the cheaper of parallel links).
    mutating func addLink(from u: Int32, to x: Int32, cost: Double, arc: Int32, first: Int32, second: Int32) {
        if let i = outLinks[Int(u)].firstIndex(where: { $0.node == x }) {
            if outLinks[Int(u)][i].cost <= cost { return }
            let h = newEdge(u, x, arc, first, second)
            outLinks[Int(u)][i].cost = cost; outLinks[Int(u)][i].edge = h
            if let j = inLinks[Int(x)].firstIndex(where: { $0.node == u }) {
                inLinks[Int(x)][j].cost = cost; inLinks[Int(x)][j].edge = h
            }
            return
        }
        let h = newEdge(u, x, arc, first, second)
        outLinks[Int(u)].append(Link(node: x, cost: cost, edge: h))
        inLinks[Int(x)].append(Link(node: u, cost: cost, edge: h))
    }

    mutating func newEdge(_ u: Int32, _ x: Int32, _ arc: Int32, _ first: Int32, _ second: Int32) -> Int32 {
        edgeTail.append(u); edgeHead.append(x)
        edgeArc.append(arc); edgeFirst.append(first); edgeSecond.append(second)
        return Int32(edgeArc.count - 1)
    }

    /// Dijkstra from `source` avoiding `skip`, up to `limit`, the settle limit, or until all
    /// `targets` nodes (marked in `targetStamp` with the new generation) are settled.
    mutating func witnessSearch(from source: Int32, skip: Int32, limit: Double, targets: Int, settleLimit: Int) {
        wGen += 1
        let gen = wGen
        heap.removeAll()
        wStamp[Int(source)] = gen; wCost[Int(source)] = 0
        heap.push(0, source)
        var settled = 0, targetsSettled = 0
        while !heap.isEmpty {
            let (c, v) = heap.pop()
            if c > wCost[Int(v)] { continue }
            if c > limit { break }
            settled += 1
            if targetStamp[Int(v)] == gen { targetsSettled += 1; if targetsSettled >= targets { break } }
            if settled > settleLimit { break }
            for l in outLinks[Int(v)] where l.node != skip {
                let nc = c + l.cost
                if wStamp[Int(l.node)] != gen || nc < wCost[Int(l.node)] {
                    wStamp[Int(l.node)] = gen; wCost[Int(l.node)] = nc
                    heap.push(nc, l.node)
                }
            }
        }
    }

    func witnessCost(_ x: Int32) -> Double { wStamp[Int(x)] == wGen ? wCost[Int(x)] : .infinity }

    /// Shortcuts needed to contract `v`: (u, x, cost, edge u->v, edge v->x).
    mutating func shortcuts(of v: Int32, settleLimit: Int) -> [(Int32, Int32, Double, Int32, Int32)] {
        var out: [(Int32, Int32, Double, Int32, Int32)] = []
        let ins = inLinks[Int(v)], outs = outLinks[Int(v)]
        if ins.isEmpty || outs.isEmpty { return out }
        let maxOut = outs.reduce(0) { max($0, $1.cost) }
        for i in ins {
            if wGen >= UInt32.max - 1 {
                for k in wStamp.indices { wStamp[k] = 0; targetStamp[k] = 0 }
                wGen = 0
            }
            for o in outs { targetStamp[Int(o.node)] = wGen + 1 }
            witnessSearch(from: i.node, skip: v, limit: i.cost + maxOut, targets: outs.count, settleLimit: settleLimit)
            for o in outs where o.node != i.node {
                let c = i.cost + o.cost
                if witnessCost(o.node) > c { out.append((i.node, o.node, c, i.edge, o.edge)) }
            }
        }
        return out
    }

    mutating func priority(of v: Int32) -> Double {
        let added = shortcuts(of: v, settleLimit: ContractionHierarchy.witnessSettleLimit / 10).count
        let removed = inLinks[Int(v)].count + outLinks[Int(v)].count
        return 2 * Double(added - removed) + Double(deletedNeighbours[Int(v)]) + Double(level[Int(v)])
    }
}

extension ContractionHierarchy {
    /// Contracts every node of `graph` for `weight` (see the type's documentation for the order
    /// and witness rules). Takes about a second per 100,000 nodes on a road-like graph.
    public init(graph: RoadGraph, weight: RouteWeight) {
        let n = graph.nodeCount
        var c = Contractor(graph: graph, weight: weight)
        var queue = MinHeap()
        var current = [Double](repeating: 0, count: n)
        for v in 0 ..< n {
            current[v] = c.priority(of: Int32(v))
            queue.push(current[v], Int32(v))
        }
        var rank = [Int32](repeating: 0, count: n)
        var upLinks = [[Link]](repeating: [], count: n)
        var downLinks = [[Link]](repeating: [], count: n)
        var next: Int32 = 0
        while !queue.isEmpty {
            let (p, v) = queue.pop()
            if c.contracted[Int(v)] || p != current[Int(v)] { continue }
            // lazy update: recompute; if no longer the smallest, put it back
            let fresh = c.priority(of: v)
            if fresh > queue.minKey + 1e-9 {
                current[Int(v)] = fresh
                queue.push(fresh, v)
                continue
            }
            let cuts = c.shortcuts(of: v, settleLimit: ContractionHierarchy.witnessSettleLimit)
            c.contracted[Int(v)] = true
            rank[Int(v)] = next; next += 1
            upLinks[Int(v)] = c.outLinks[Int(v)]
            downLinks[Int(v)] = c.inLinks[Int(v)]
            var neighbours = Set<Int32>()
            for l in c.outLinks[Int(v)] {
                c.inLinks[Int(l.node)].removeAll { $0.node == v }
                neighbours.insert(l.node)
            }
            for l in c.inLinks[Int(v)] {
                c.outLinks[Int(l.node)].removeAll { $0.node == v }
                neighbours.insert(l.node)
            }
            c.outLinks[Int(v)] = []; c.inLinks[Int(v)] = []
            for (u, x, cost, e1, e2) in cuts {
                c.addLink(from: u, to: x, cost: cost, arc: -1, first: e1, second: e2)
            }
            // neighbours: counters only; their stale priorities are caught by the lazy check at pop
            for u in neighbours {
                c.deletedNeighbours[Int(u)] += 1
                c.level[Int(u)] = max(c.level[Int(u)], c.level[Int(v)] + 1)
            }
        }
        func flatten(_ lists: [[Link]]) -> ([Int32], [Int32], [Double], [Int32]) {
            var start = [Int32](repeating: 0, count: n + 1)
            var nodes: [Int32] = [], costs: [Double] = [], edges: [Int32] = []
            for v in 0 ..< n {
                for l in lists[v] { nodes.append(l.node); costs.append(l.cost); edges.append(l.edge) }
                start[v + 1] = Int32(nodes.count)
            }
            return (start, nodes, costs, edges)
        }
        let up = flatten(upLinks), down = flatten(downLinks)
        self.graph = graph
        self.weight = weight
        self.rank = rank
        upStart = up.0; upHead = up.1; upCost = up.2; upEdge = up.3
        downStart = down.0; downTail = down.1; downCost = down.2; downEdge = down.3
        edgeTail = c.edgeTail; edgeHead = c.edgeHead; edgeArc = c.edgeArc; edgeFirst = c.edgeFirst; edgeSecond = c.edgeSecond
    }
}
