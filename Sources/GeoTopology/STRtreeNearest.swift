import GeoCore

extension STRtree {
    /// The planar distance from `c` to the nearest point of `box` (0 inside), in coordinate units.
    static func distance(_ c: Coordinate, _ box: BoundingBox) -> Double {
        let dx = max(box.minX - c.x, 0, c.x - box.maxX)
        let dy = max(box.minY - c.y, 0, c.y - box.maxY)
        return (dx * dx + dy * dy).squareRoot()
    }

    /// The `k` items nearest to `point`, nearest first (ties by lower index), by best-first
    /// branch-and-bound search.
    ///
    /// - Parameters:
    ///   - point: the query position, in the units of the boxes.
    ///   - k: how many items; default 1. Fewer come back when the tree holds fewer.
    ///   - itemDistance: the exact distance from `point` to item `i` (for example to the item's
    ///     geometry); it must never be less than the distance to the item's box. Default: the
    ///     distance to the box itself.
    /// - Returns: item indices with their distances.
    /// - Throws: whatever `itemDistance` throws.
    public func nearest(to point: Coordinate, k: Int = 1,
                        itemDistance: ((Int) throws -> Double)? = nil) rethrows -> [(index: Int, distance: Double)] {
        guard k > 0, let top = levels.last else { return [] }
        // Queue entries: (lower bound, level, node or item index). Level -1 marks an item whose
        // exact distance is known.
        var queue = MinQueue()
        for i in top.indices { queue.push(Entry(bound: STRtree.distance(point, top[i].box), level: levels.count - 1, index: i)) }
        var found: [(index: Int, distance: Double)] = []
        while let entry = queue.pop() {
            if entry.level == -1 {
                found.append((entry.index, entry.bound))
                if found.count == k { break }
                continue
            }
            let node = levels[entry.level][entry.index]
            if entry.level == 0 {
                for i in node.start..<node.end {
                    let item = itemOrder[i]
                    guard let b = boxes[item] else { continue }
                    let d = try itemDistance?(item) ?? STRtree.distance(point, b)
                    queue.push(Entry(bound: d, level: -1, index: item))
                }
            } else {
                for child in node.start..<node.end {
                    queue.push(Entry(bound: STRtree.distance(point, levels[entry.level - 1][child].box),
                                     level: entry.level - 1, index: child))
                }
            }
        }
        return found
    }
}

/// A queue entry of the nearest-neighbour search.
private struct Entry {
    var bound: Double
    var level: Int
    var index: Int

    /// Orders by bound; at equal bounds nodes come before items (so every item at that distance
    /// is found) and items by index.
    func precedes(_ other: Entry) -> Bool {
        if bound != other.bound { return bound < other.bound }
        if (level == -1) != (other.level == -1) { return other.level == -1 }
        return index < other.index
    }
}

/// A binary min-heap of entries.
private struct MinQueue {
    private var heap: [Entry] = []

    mutating func push(_ e: Entry) {
        heap.append(e)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].precedes(heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Entry? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var best = i
            if l < heap.count, heap[l].precedes(heap[best]) { best = l }
            if r < heap.count, heap[r].precedes(heap[best]) { best = r }
            if best == i { break }
            heap.swapAt(i, best)
            i = best
        }
        return top
    }
}
