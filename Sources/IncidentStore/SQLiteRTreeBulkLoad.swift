import Foundation
import GRDB

/// Builds `incidents_rtree` afresh from every row of `incidents` by writing SQLite's R*Tree
/// shadow tables directly, packed by Sort-Tile-Recursive (Leutenegger, Edgington & Lopez 1997),
/// instead of inserting point by point.
///
/// Why: SQLite's R*Tree has no bulk load; one `INSERT INTO incidents_rtree` per point (the
/// trigger, or one `INSERT … SELECT`) cost 10.2 s for 1 million points, in any input order — a
/// third of an import. Packing sorted points into full nodes writes each node once.
///
/// The format is the one SQLite's `rtree` module documents in `ext/rtree/rtree.c`: node 1 is the
/// root; every node is a blob of the same size (the root's, read from the table) holding a
/// 2-byte big-endian depth (root only; leaves are depth 0), a 2-byte cell count, then cells of an
/// 8-byte big-endian integer (a rowid in leaves, a child node number above) and the
/// coordinates `min_lon, max_lon, min_lat, max_lat` as big-endian 32-bit floats; `%_rowid` maps
/// each rowid to its leaf, `%_parent` each non-root node to its parent. Minimums are rounded
/// down and maximums up to the nearest float, so every box contains its point. The result passes
/// SQLite's own `rtreecheck()` (tested).
///
/// Memory: the points stream out of SQLite sorted by longitude (SQLite's external sorter); only
/// one vertical slice (about √(N·cells) points, 7,200 for 1M) and the upper levels (N / cells
/// boxes, 20,000 for 1M) are held.
enum SQLiteRTreeBulkLoad {
    /// One cell: a rowid or child node, and its box as the floats stored.
    struct Cell {
        var id: Int64
        var minX: Float, maxX: Float, minY: Float, maxY: Float
    }

    /// Rebuilds the R*Tree inside the caller's transaction; the insert trigger must be off.
    /// - Throws: `DatabaseError`.
    static func rebuild(_ db: Database) throws {
        let nodeSize = try Int.fetchOne(db, sql: "SELECT length(data) FROM incidents_rtree_node WHERE nodeno = 1") ?? 1228
        let capacity = (nodeSize - 4) / 24
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM incidents") ?? 0
        try db.execute(sql: "DELETE FROM incidents_rtree_node; DELETE FROM incidents_rtree_rowid; DELETE FROM incidents_rtree_parent")
        var writer = try NodeWriter(db: db, nodeSize: nodeSize)
        guard count > capacity else {
            // Everything fits in the root, a leaf.
            let cells = try Row.fetchAll(db, sql: "SELECT seq, lon, lat FROM incidents").map { leafCell($0) }
            try writer.write(node: 1, depth: 0, cells: cells, isRoot: true)
            return
        }
        // Leaves: slices of about slicePoints points by longitude, each cut by latitude.
        let leaves = (count + capacity - 1) / capacity
        let slices = Int(Double(leaves).squareRoot().rounded(.up))
        let slicePoints = (leaves + slices - 1) / slices * capacity
        var level: [Cell] = []
        var slice: [Cell] = []
        slice.reserveCapacity(slicePoints)
        let points = try Row.fetchCursor(db, sql: "SELECT seq, lon, lat FROM incidents ORDER BY lon")
        func flush() throws {
            slice.sort { $0.minY < $1.minY }
            for run in evenRuns(slice.count, capacity: capacity) {
                let node = writer.nextNode()
                try writer.write(node: node, depth: 0, cells: Array(slice[run]), isRoot: false)
                level.append(bounds(of: slice[run], id: node))
            }
            slice.removeAll(keepingCapacity: true)
        }
        while let row = try points.next() {
            slice.append(leafCell(row))
            if slice.count == slicePoints { try flush() }
        }
        if !slice.isEmpty { try flush() }
        // Upper levels, in memory: the same packing over the child boxes' centres.
        var depth = 1
        while level.count > capacity {
            let parents = (level.count + capacity - 1) / capacity
            let s = Int(Double(parents).squareRoot().rounded(.up))
            let perSlice = (parents + s - 1) / s * capacity
            level.sort { $0.minX + $0.maxX < $1.minX + $1.maxX }
            var next: [Cell] = []
            for sliceStart in stride(from: 0, to: level.count, by: perSlice) {
                var part = Array(level[sliceStart..<min(level.count, sliceStart + perSlice)])
                part.sort { $0.minY + $0.maxY < $1.minY + $1.maxY }
                for run in evenRuns(part.count, capacity: capacity) {
                    let node = writer.nextNode()
                    try writer.write(node: node, depth: depth, cells: Array(part[run]), isRoot: false)
                    next.append(bounds(of: part[run], id: node))
                }
            }
            level = next
            depth += 1
        }
        try writer.write(node: 1, depth: depth, cells: level, isRoot: true)
    }

    /// `count` items cut into the fewest runs of at most `capacity`, as even as possible (so no
    /// node is left nearly empty at the end of a slice).
    static func evenRuns(_ count: Int, capacity: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let runs = (count + capacity - 1) / capacity
        return (0..<runs).map { i in (count * i / runs)..<(count * (i + 1) / runs) }
    }

    private static func leafCell(_ row: Row) -> Cell {
        let lon: Double = row[1], lat: Double = row[2]
        return Cell(id: row[0], minX: floatDown(lon), maxX: floatUp(lon), minY: floatDown(lat), maxY: floatUp(lat))
    }

    /// The box around `cells`, as a cell pointing to node `id`.
    private static func bounds(of cells: ArraySlice<Cell>, id: Int64) -> Cell {
        var b = Cell(id: id, minX: .infinity, maxX: -.infinity, minY: .infinity, maxY: -.infinity)
        for c in cells {
            b.minX = min(b.minX, c.minX)
            b.maxX = max(b.maxX, c.maxX)
            b.minY = min(b.minY, c.minY)
            b.maxY = max(b.maxY, c.maxY)
        }
        return b
    }

    /// The largest float not above `v`, and the smallest not below it.
    static func floatDown(_ v: Double) -> Float {
        let f = Float(v)
        return Double(f) > v ? f.nextDown : f
    }

    static func floatUp(_ v: Double) -> Float {
        let f = Float(v)
        return Double(f) < v ? f.nextUp : f
    }

    /// Writes nodes and their `%_parent` / `%_rowid` rows with prepared statements.
    struct NodeWriter {
        let nodeSize: Int
        private var last: Int64 = 1
        private let node, parent, rowid: Statement

        init(db: Database, nodeSize: Int) throws {
            self.nodeSize = nodeSize
            node = try db.makeStatement(sql: "INSERT INTO incidents_rtree_node (nodeno, data) VALUES (?, ?)")
            parent = try db.makeStatement(sql: "INSERT INTO incidents_rtree_parent (nodeno, parentnode) VALUES (?, ?)")
            rowid = try db.makeStatement(sql: "INSERT INTO incidents_rtree_rowid (rowid, nodeno) VALUES (?, ?)")
        }

        /// A new node number (the root is 1).
        mutating func nextNode() -> Int64 {
            last += 1
            return last
        }

        /// Writes node `number` at `depth` (0 = leaf) with `cells`; records each child's
        /// parent (inner nodes) or each rowid's leaf (leaves).
        func write(node number: Int64, depth: Int, cells: [Cell], isRoot: Bool) throws {
            var blob = [UInt8](repeating: 0, count: nodeSize)
            if isRoot { put16(&blob, 0, depth) }
            put16(&blob, 2, cells.count)
            for (i, c) in cells.enumerated() {
                let at = 4 + 24 * i
                for k in 0..<8 { blob[at + k] = UInt8(truncatingIfNeeded: UInt64(bitPattern: c.id) >> (56 - 8 * UInt64(k))) }
                for (j, v) in [c.minX, c.maxX, c.minY, c.maxY].enumerated() {
                    let bits = v.bitPattern
                    for k in 0..<4 { blob[at + 8 + 4 * j + k] = UInt8(truncatingIfNeeded: bits >> (24 - 8 * UInt32(k))) }
                }
                if depth == 0 {
                    try rowid.execute(arguments: [c.id, number])
                } else {
                    try parent.execute(arguments: [c.id, number])
                }
            }
            try node.execute(arguments: [number, Data(blob)])
        }

        private func put16(_ blob: inout [UInt8], _ at: Int, _ v: Int) {
            blob[at] = UInt8(truncatingIfNeeded: v >> 8)
            blob[at + 1] = UInt8(truncatingIfNeeded: v)
        }
    }
}
