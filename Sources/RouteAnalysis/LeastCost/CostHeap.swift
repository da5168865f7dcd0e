/// A binary min-heap of (priority, cell) pairs for the cost-distance search; ties pop in any order.
/// Stale entries are allowed (lazy deletion): callers skip items whose settled priority is lower.
struct CostHeap {
    private var keys: [Double] = []
    private var items: [Int] = []

    var isEmpty: Bool { keys.isEmpty }

    mutating func push(_ key: Double, _ item: Int) {
        keys.append(key)
        items.append(item)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard keys[i] < keys[parent] else { break }
            keys.swapAt(i, parent)
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (key: Double, item: Int)? {
        guard let key = keys.first, let item = items.first else { return nil }
        let lastKey = keys.removeLast(), lastItem = items.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey
            items[0] = lastItem
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < keys.count, keys[l] < keys[m] { m = l }
                if r < keys.count, keys[r] < keys[m] { m = r }
                if m == i { break }
                keys.swapAt(i, m)
                items.swapAt(i, m)
                i = m
            }
        }
        return (key, item)
    }
}
