import GeoCore

/// A static R-tree of bounding boxes packed by Sort-Tile-Recursive (Leutenegger, Lopez and
/// Edgington, "STR: A Simple and Efficient Algorithm for R-Tree Packing", ICDE 1997), in pure
/// Swift.
///
/// Items are identified by their index in the array given to the initialiser. The tree is an
/// immutable value, `Sendable`, and safe to query from any number of threads at once (the
/// renderer does). Building sorts the boxes: O(n log n); a query visits O(log n + k) nodes for
/// k hits on well-distributed data.
public struct STRtree: Sendable {
    /// A node: its box and the range of its children in the level below (or, for leaves, in
    /// `itemOrder`).
    struct Node: Sendable {
        var box: BoundingBox
        var start: Int
        var end: Int
    }

    /// The most children per node; default 10 (as GEOS and JTS).
    public let nodeCapacity: Int
    /// Item boxes by item index (nil for items without a box, which are never returned).
    let boxes: [BoundingBox?]
    /// Item indices in leaf order.
    let itemOrder: [Int]
    /// `levels[0]` holds the leaves; the last level holds the single root.
    let levels: [[Node]]

    /// The number of items in the tree (items without a box excluded).
    public var count: Int { itemOrder.count }

    /// Builds the tree over `boxes`; item `i` is `boxes[i]`, and nil entries are left out.
    /// - Parameter nodeCapacity: children per node, at least 2; default 10.
    public init(boxes: [BoundingBox?], nodeCapacity: Int = 10) {
        let capacity = max(2, nodeCapacity)
        self.nodeCapacity = capacity
        self.boxes = boxes
        let entries = boxes.indices.compactMap { i in boxes[i].map { (box: $0, id: i) } }
        var order: [Int] = []
        var levels: [[Node]] = []
        if !entries.isEmpty {
            let packed = STRtree.pack(entries, capacity: capacity)
            order = packed.map(\.id)
            var level = STRtree.group(packed.map(\.box), capacity: capacity)
            levels.append(level)
            while level.count > 1 {
                // Parents are packed in STR order too; the children they point at must be re-ordered
                // to match, so pack indices of the current level and rebuild it in that order.
                let sorted = STRtree.pack(level.indices.map { (box: level[$0].box, id: $0) }, capacity: capacity)
                level = sorted.map { level[$0.id] }
                levels[levels.count - 1] = level
                let parents = STRtree.group(level.map(\.box), capacity: capacity)
                levels.append(parents)
                level = parents
            }
        }
        self.itemOrder = order
        self.levels = levels
    }

    /// Builds the tree over the bounding boxes of `geometries`; empty geometries get no entry.
    /// - Parameter nodeCapacity: children per node, at least 2; default 10.
    public init(geometries: [Geometry], nodeCapacity: Int = 10) {
        self.init(boxes: geometries.map(\.boundingBox), nodeCapacity: nodeCapacity)
    }

    /// Sorts entries in STR order: slices by centre x, then runs by centre y within each slice.
    private static func pack(_ entries: [(box: BoundingBox, id: Int)], capacity: Int) -> [(box: BoundingBox, id: Int)] {
        let nodeCount = (entries.count + capacity - 1) / capacity
        let sliceCount = max(1, Int(Double(nodeCount).squareRoot().rounded(.up)))
        let sliceSize = sliceCount * capacity
        let byX = entries.sorted { ($0.box.minX + $0.box.maxX) < ($1.box.minX + $1.box.maxX) }
        var result: [(box: BoundingBox, id: Int)] = []
        result.reserveCapacity(entries.count)
        var start = 0
        while start < byX.count {
            let end = min(start + sliceSize, byX.count)
            result += byX[start..<end].sorted { ($0.box.minY + $0.box.maxY) < ($1.box.minY + $1.box.maxY) }
            start = end
        }
        return result
    }

    /// Groups consecutive boxes into nodes of up to `capacity` children.
    private static func group(_ boxes: [BoundingBox], capacity: Int) -> [Node] {
        stride(from: 0, to: boxes.count, by: capacity).map { start in
            let end = min(start + capacity, boxes.count)
            let box = boxes[(start + 1)..<end].reduce(boxes[start]) { $0.union($1) }
            return Node(box: box, start: start, end: end)
        }
    }

    /// The indices of every item whose box intersects `box` (touching edges count), ascending.
    public func query(_ box: BoundingBox) -> [Int] {
        var hits: [Int] = []
        visit(box) { hits.append($0) }
        return hits.sorted()
    }

    /// Calls `body` with the index of every item whose box intersects `box`, in tree order,
    /// without allocating a result array.
    public func visit(_ box: BoundingBox, _ body: (Int) throws -> Void) rethrows {
        guard let top = levels.last else { return }
        var stack: [(level: Int, node: Int)] = top.indices.map { (levels.count - 1, $0) }
        while let (level, index) = stack.popLast() {
            let node = levels[level][index]
            guard node.box.intersects(box) else { continue }
            if level == 0 {
                for i in node.start..<node.end {
                    let item = itemOrder[i]
                    if let b = boxes[item], b.intersects(box) { try body(item) }
                }
            } else {
                for child in node.start..<node.end { stack.append((level - 1, child)) }
            }
        }
    }
}
