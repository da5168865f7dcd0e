/// Incident counts and weight sums per cell of a `Tessellation`.
public struct CellAggregation: Sendable, Hashable {
    /// Points per cell, indexed by cell id.
    public var counts: [Int]
    /// Sum of the points' weights per cell, indexed by cell id.
    public var weightSums: [Double]
    /// Points outside the tessellation or with a non-finite position (not counted in any cell).
    public var outside: Int

    /// Ids of the cells holding at least one point, ascending.
    public var occupiedCellIDs: [Int] { counts.indices.filter { counts[$0] > 0 } }
    /// Points counted in cells.
    public var totalCount: Int { counts.reduce(0, +) }
    /// Sum of the counted points' weights.
    public var totalWeight: Double { weightSums.reduce(0, +) }
}

/// Which cells of a tessellation enter an analysis.
public enum CellSelection: Sendable, Hashable {
    /// Every cell of the tessellation (the whole extent is the study area; empty cells count as 0).
    case all
    /// Only cells holding at least one incident: BorderMap's default for the optimized mode when
    /// no study area is given, so that empty land far from any incident does not dilute the mean
    /// (ArcGIS's Optimized Hot Spot Analysis keeps the cells within a study area; without
    /// bounding polygons it infers one from the incidents, which this approximates).
    case occupied
}

extension Tessellation {
    /// Counts `points` (projected metres) into cells in one pass: O(points) for squares, a few
    /// distance tests per point for hexagons. 1M points into a 276 × 234 fishnet take a few
    /// milliseconds (Benchmarks/gistar.sh reports the figure).
    public func aggregate(_ points: [AnalysisPoint]) -> CellAggregation {
        var counts = [Int](repeating: 0, count: cellCount)
        var sums = [Double](repeating: 0, count: cellCount)
        var outside = 0
        counts.withUnsafeMutableBufferPointer { cnt in
            sums.withUnsafeMutableBufferPointer { sum in
                if shape == .square {
                    // Fast path: the arithmetic of `cellID` inlined, with no per-point switch.
                    let cols = Double(columns), rws = Double(rows)
                    for p in points {
                        let fc = (p.x - originX) / size, fr = (originY - p.y) / size
                        // NaN fails every comparison and lands in `outside`.
                        guard fc >= 0, fr >= 0, fc <= cols, fr <= rws else { outside += 1; continue }
                        let c = min(Int(fc), columns - 1), r = min(Int(fr), rows - 1)
                        let id = r * columns + c
                        cnt[id] += 1
                        sum[id] += p.weight
                    }
                    return
                }
                for p in points {
                    if let id = cellID(x: p.x, y: p.y) {
                        cnt[id] += 1
                        sum[id] += p.weight
                    } else {
                        outside += 1
                    }
                }
            }
        }
        return CellAggregation(counts: counts, weightSums: sums, outside: outside)
    }

    /// The ids of the cells chosen by `selection`, ascending.
    public func cellIDs(_ selection: CellSelection, in aggregation: CellAggregation) -> [Int] {
        switch selection {
        case .all: Array(0..<cellCount)
        case .occupied: aggregation.occupiedCellIDs
        }
    }
}
