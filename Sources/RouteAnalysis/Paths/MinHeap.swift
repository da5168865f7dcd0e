/// A 4-ary min-heap of (key, node) entries with lazy deletion: a node may be pushed several
/// times and stale entries are skipped by the caller. Internal to the searches.
///
/// Four children per entry (children of `i` are `4i+1 ... 4i+4`) halve the depth of a binary
/// heap; pops compare four keys that sit in one cache line, which is faster for the
/// push-heavy, decrease-key-free use of Dijkstra searches (LaMarca & Ladner 1996).
struct MinHeap: Sendable {
    private(set) var keys: [Double] = []
    private(set) var nodes: [Int32] = []

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }
    var minKey: Double { keys.first ?? .infinity }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func push(_ key: Double, _ node: Int32) {
        keys.append(key)
        nodes.append(node)
        keys.withUnsafeMutableBufferPointer { k in
            nodes.withUnsafeMutableBufferPointer { nd in
                var i = k.count - 1
                while i > 0 {
                    let p = (i - 1) >> 2
                    if k[p] <= key { break }
                    k[i] = k[p]
                    nd[i] = nd[p]
                    i = p
                }
                k[i] = key
                nd[i] = node
            }
        }
    }

    /// Removes and returns the entry with the smallest key. Precondition: not empty.
    @inline(__always)
    mutating func pop() -> (key: Double, node: Int32) {
        let top = (keys[0], nodes[0])
        let lastKey = keys.removeLast()
        let lastNode = nodes.removeLast()
        let n = keys.count
        if n == 0 { return top }
        keys.withUnsafeMutableBufferPointer { k in
            nodes.withUnsafeMutableBufferPointer { nd in
                var i = 0
                while true {
                    let first = 4 * i + 1
                    if first >= n { break }
                    var c = first
                    var ck = k[first]
                    let end = min(first + 4, n)
                    var j = first + 1
                    while j < end {
                        if k[j] < ck { ck = k[j]; c = j }
                        j += 1
                    }
                    if ck >= lastKey { break }
                    k[i] = ck
                    nd[i] = nd[c]
                    i = c
                }
                k[i] = lastKey
                nd[i] = lastNode
            }
        }
        return top
    }
}
