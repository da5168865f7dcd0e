import GeoCore

/// Accumulated cost distance over a cost grid, with back-links, by Dijkstra's algorithm on the
/// 8-connected cell graph (the rule of ArcGIS Spatial Analyst's Cost Distance tool).
///
/// Input: a `Grid` whose values are the cost per CRS unit (per metre in a projected CRS) of
/// crossing each cell. Cells holding the grid's `nodata`, NaN or +infinity are impassable; a
/// negative cost is an error.
///
/// Rule: a move between neighbouring cells a and b costs `d · (cost(a) + cost(b)) / 2`, where d
/// is the distance between the cell centres: `cellSize` for the 4 edge neighbours and
/// `cellSize · √2` for the 4 diagonal ones. A diagonal move is allowed whenever both end cells
/// are passable (ArcGIS does not check the two cells beside the diagonal; burn barriers
/// 4-connected, as `CostGridBuilder` does, so that none can be slipped through). The accumulated
/// cost of a cell is the least sum of move costs from any source cell; sources cost 0.
///
/// Cost: O(n log n) for n cells (binary heap, lazy deletion); memory 2 doubles + 1 byte per cell.
public enum CostDistance {
    /// The accumulated cost surface from `sources` (coordinates in the grid's CRS).
    /// - Throws: `LeastCostError.noSource`, `.sourceOutsideGrid`, `.sourceOnImpassableCell`,
    ///   `.negativeCost`.
    public static func compute(cost: Grid, sources: [Coordinate]) throws -> CostSurface {
        guard !sources.isEmpty else { throw LeastCostError.noSource }
        var cells: [Int] = []
        for (i, s) in sources.enumerated() {
            guard let cell = cost.cell(containing: s) else { throw LeastCostError.sourceOutsideGrid(index: i) }
            cells.append(cell.row * cost.width + cell.column)
        }
        return try compute(cost: cost, sourceCells: cells)
    }

    /// The accumulated cost surface from source cells given as row-major indices
    /// (`row * width + column`).
    /// - Throws: as `compute(cost:sources:)`; `.invalidParameter` for an index outside the grid.
    public static func compute(cost: Grid, sourceCells: [Int]) throws -> CostSurface {
        guard !sourceCells.isEmpty else { throw LeastCostError.noSource }
        let w = cost.width, h = cost.height, n = w * h
        var unit = [Double](repeating: .infinity, count: n)
        for i in 0..<n {
            let v = cost.values[i]
            if v.isNaN || v == cost.nodata || v == .infinity { continue }
            guard v >= 0 else { throw LeastCostError.negativeCost(row: i / w, column: i % w, value: v) }
            unit[i] = Double(v)
        }
        var acc = [Double](repeating: .infinity, count: n)
        var link = [UInt8](repeating: CostSurface.unreachable, count: n)
        var heap = CostHeap()
        for (k, s) in sourceCells.enumerated() {
            guard s >= 0, s < n else { throw LeastCostError.invalidParameter("source cell \(s) is outside the \(w)x\(h) grid") }
            guard unit[s].isFinite else { throw LeastCostError.sourceOnImpassableCell(index: k, row: s / w, column: s % w) }
            acc[s] = 0
            link[s] = 0
            heap.push(0, s)
        }
        let step = cost.cellSize, diagonal = cost.cellSize * 2.0.squareRoot()
        var done = [Bool](repeating: false, count: n)
        while let (d, i) = heap.pop() {
            if done[i] || d > acc[i] { continue }
            done[i] = true
            let r = i / w, c = i % w
            for (code, move) in CostSurface.moves.enumerated() {
                let nr = r + move.dr, nc = c + move.dc
                guard nr >= 0, nr < h, nc >= 0, nc < w else { continue }
                let j = nr * w + nc
                guard !done[j], unit[j].isFinite else { continue }
                let length = move.dr != 0 && move.dc != 0 ? diagonal : step
                let candidate = d + length * (unit[i] + unit[j]) / 2
                if candidate < acc[j] {
                    acc[j] = candidate
                    // The back-link of j points back towards i: the opposite of the move i -> j.
                    link[j] = UInt8((code + 4) % 8 + 1)
                    heap.push(candidate, j)
                }
            }
        }
        return CostSurface(costGrid: cost, accumulated: acc, backLinks: link)
    }
}
