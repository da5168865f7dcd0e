/// A 4-ary min-heap of (key, node) entries with lazy deletion: a node may be pushed several
/// times and stale entries are skipped by the caller. Internal to the searches.
///
/// Four children per entry (children of `i` are `4i+1 ... 4i+4`) halve the depth of a binary
/// heap, and the four child entries (16 bytes each) share one 64-byte cache line, which suits
/// the push-heavy, decrease-key-free use of Dijkstra searches (LaMarca & Ladner 1996).
struct MinHeap: Sendable {
    struct Entry: Sendable {
        var key: Double
        var node: Int32
    }

    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }
    @inline(__always)
    var minKey: Double { entries.first?.key ?? .infinity }

    mutating func removeAll() { entries.removeAll(keepingCapacity: true) }

    @inline(__always)
    mutating func push(_ key: Double, _ node: Int32) {
        let item = Entry(key: key, node: node)
        entries.append(item)
        entries.withUnsafeMutableBufferPointer { h in
            var i = h.count - 1
            while i > 0 {
                let p = (i - 1) >> 2
                if h[p].key <= key { break }
                h[i] = h[p]
                i = p
            }
            h[i] = item
        }
    }

    /// Removes and returns the entry with the smallest key. Precondition: not empty.
    @inline(__always)
    mutating func pop() -> (key: Double, node: Int32) {
        let top = entries[0]
        let last = entries.removeLast()
        let n = entries.count
        if n == 0 { return (top.key, top.node) }
        entries.withUnsafeMutableBufferPointer { h in
            var i = 0
            while true {
                let first = 4 * i + 1
                if first >= n { break }
                var c = first
                var ck = h[first].key
                let end = min(first + 4, n)
                var j = first + 1
                while j < end {
                    if h[j].key < ck { ck = h[j].key; c = j }
                    j += 1
                }
                if ck >= last.key { break }
                h[i] = h[c]
                i = c
            }
            h[i] = last
        }
        return (top.key, top.node)
    }
}
