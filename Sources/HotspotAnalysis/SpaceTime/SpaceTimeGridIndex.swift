import Foundation

/// A uniform grid over x, y with cells of the neighbourhood distance, each cell's points sorted
/// by time: a space-time neighbourhood query looks at the 3 × 3 cells around the point and, in
/// each, only at the time range [t − window, t + window] found by binary search. Memory is
/// O(n); a query costs O(log n + candidates).
struct SpaceTimeGridIndex {
    private let xs: [Double], ys: [Double], ts: [Double]
    private let distance: Double, window: Double
    /// Cell edge: the distance enlarged by 1e-9 so rounding in x / cell never puts two points
    /// within `distance` more than one cell apart.
    private let cellSize: Double
    /// Cell key → (times ascending, point indices in the same order).
    private var cells: [CellKey: (times: [Double], indices: [Int])] = [:]

    struct CellKey: Hashable {
        var i: Int64, j: Int64
    }

    /// - Precondition: `distance` > 0 and finite, `window` ≥ 0, all coordinates finite.
    init(xs: [Double], ys: [Double], ts: [Double], distance: Double, window: Double) {
        self.xs = xs
        self.ys = ys
        self.ts = ts
        self.distance = distance
        self.window = window
        self.cellSize = distance * (1 + 1e-9)
        var buckets: [CellKey: [Int]] = [:]
        for k in xs.indices { buckets[key(xs[k], ys[k]), default: []].append(k) }
        for (key, members) in buckets {
            let sorted = members.sorted { ts[$0] != ts[$1] ? ts[$0] < ts[$1] : $0 < $1 }
            cells[key] = (sorted.map { ts[$0] }, sorted)
        }
    }

    private func key(_ x: Double, _ y: Double) -> CellKey {
        CellKey(i: Int64((x / cellSize).rounded(.down)), j: Int64((y / cellSize).rounded(.down)))
    }

    /// Calls `body` with every point within `distance` (Euclidean, √(dx² + dy²) ≤ distance)
    /// and within `window` seconds (|dt| ≤ window) of point `k`, itself included.
    func forEachNeighbour(of k: Int, _ body: (Int) -> Void) {
        let c = key(xs[k], ys[k])
        let t = ts[k]
        // The binary-searched range is widened a little; |dt| ≤ window below is the rule.
        let slack = (abs(t) + window) * 1e-12
        for di in -1...1 {
            for dj in -1...1 {
                guard let cell = cells[CellKey(i: c.i + Int64(di), j: c.j + Int64(dj))] else { continue }
                var m = lowerBound(cell.times, t - window - slack)
                while m < cell.times.count, cell.times[m] <= t + window + slack {
                    let other = cell.indices[m]
                    let dx = xs[other] - xs[k], dy = ys[other] - ys[k]
                    if (dx * dx + dy * dy).squareRoot() <= distance, abs(ts[other] - t) <= window { body(other) }
                    m += 1
                }
            }
        }
    }

    private func lowerBound(_ a: [Double], _ v: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
