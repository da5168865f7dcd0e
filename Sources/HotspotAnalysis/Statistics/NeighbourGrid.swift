import Foundation

/// Neighbour lists in compressed rows (the feature itself never included).
struct NeighbourRows {
    var offsets: [Int]
    var neighbours: [Int32]

    /// Every other feature for every feature: n(n − 1) entries.
    static func allPairs(_ n: Int) -> NeighbourRows {
        var offsets = [Int](repeating: 0, count: n + 1)
        var nb = [Int32]()
        nb.reserveCapacity(n * max(n - 1, 0))
        for i in 0..<n {
            for j in 0..<n where j != i { nb.append(Int32(j)) }
            offsets[i + 1] = nb.count
        }
        return NeighbourRows(offsets: offsets, neighbours: nb)
    }
}

/// A uniform bucket grid over points (counting sort into buckets), for distance-band and
/// k-nearest neighbour searches without comparing all pairs. Internal: `SpatialWeights` and
/// the nearest-neighbour distances of the incremental analysis use it.
struct NeighbourGrid {
    let minX: Double, minY: Double, size: Double
    let nx: Int, ny: Int
    /// Bucket b holds `order[start[b] ..< start[b + 1]]`, in increasing point index.
    let start: [Int]
    let order: [Int32]
    let bucketOfPoint: [Int32]

    /// Buckets of side `bucketSize`, enlarged when the grid would have more than 4n + 64 buckets.
    init(xs: [Double], ys: [Double], bucketSize: Double) {
        let n = xs.count
        var lo = (Double.infinity, Double.infinity), hi = (-Double.infinity, -Double.infinity)
        for i in 0..<n {
            lo.0 = min(lo.0, xs[i]); lo.1 = min(lo.1, ys[i])
            hi.0 = max(hi.0, xs[i]); hi.1 = max(hi.1, ys[i])
        }
        if n == 0 { lo = (0, 0); hi = (0, 0) }
        let w = hi.0 - lo.0, h = hi.1 - lo.1
        var s = bucketSize
        let limit = Double(4 * n + 64)
        if (w / s + 1) * (h / s + 1) > limit {
            // Smallest side keeping the bucket count under the limit.
            s = max(s, (w * h / limit).squareRoot(), max(w, h) / limit)
        }
        self.minX = lo.0; self.minY = lo.1; self.size = s
        let nx = max(1, Int(w / s) + 1), ny = max(1, Int(h / s) + 1)
        self.nx = nx; self.ny = ny
        var bucket = [Int32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: nx * ny + 1)
        for i in 0..<n {
            let bx = min(nx - 1, Int((xs[i] - lo.0) / s)), by = min(ny - 1, Int((ys[i] - lo.1) / s))
            let b = by * nx + bx
            bucket[i] = Int32(b)
            counts[b + 1] += 1
        }
        for b in 0..<(nx * ny) { counts[b + 1] += counts[b] }
        var fill = counts
        var order = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let b = Int(bucket[i])
            order[fill[b]] = Int32(i)
            fill[b] += 1
        }
        self.start = counts
        self.order = order
        self.bucketOfPoint = bucket
    }

    /// Buckets sized so that each holds about `expectedPerBucket` points on average.
    init(xs: [Double], ys: [Double], expectedPerBucket k: Double) {
        let n = max(xs.count, 1)
        let w = (xs.max() ?? 0) - (xs.min() ?? 0), h = (ys.max() ?? 0) - (ys.min() ?? 0)
        let area = max(w * h, max(w, h) * max(w, h) / Double(n), 1e-12)
        self.init(xs: xs, ys: ys, bucketSize: max((area * k / Double(n)).squareRoot(), 1e-9))
    }

    /// Every other point within distance `d` of each point: dx² + dy² ≤ (d·(1 + 10⁻⁹))². The slack
    /// (8 µm at 8 km) keeps pairs whose distance equals the band but is computed a few ulps
    /// longer, as happens for the many equal distances of a lattice of cell centres.
    func withinDistance(_ d: Double, xs: [Double], ys: [Double]) -> NeighbourRows {
        let n = xs.count
        let d2 = d * d * (1 + 2e-9)
        // Bucket rings to search. Two points at distance ≤ d lie at most ⌈d/size⌉ buckets apart in
        // exact arithmetic; the 10⁻⁶ margin covers the rounding of their bucket indices (lattice
        // centres sit exactly on bucket edges). With `size` = d(1 + 10⁻⁵) this is one ring.
        let r = max(1, Int((d * (1 + 1e-6) / size).rounded(.up)))
        var offsets = [Int](repeating: 0, count: n + 1)
        var nb = [Int32]()
        nb.reserveCapacity(n * 9)
        // Plain loops over local copies (no closures capturing `nb`), which the optimiser keeps
        // in registers: 64,584 fishnet centres with a 15 km band take a few milliseconds.
        let order = self.order, start = self.start, bucketOfPoint = self.bucketOfPoint, nx = self.nx, ny = self.ny
        for i in 0..<n {
            let b = Int(bucketOfPoint[i])
            let bx = b % nx, by = b / nx
            let xi = xs[i], yi = ys[i]
            for cy in max(0, by - r)...min(ny - 1, by + r) {
                let rowBase = cy * nx
                let lo = start[rowBase + max(0, bx - r)], hi = start[rowBase + min(nx - 1, bx + r) + 1]
                // Buckets of one row are contiguous in `order`.
                for e in lo..<hi {
                    let j = Int(order[e])
                    let dx = xs[j] - xi, dy = ys[j] - yi
                    if dx * dx + dy * dy <= d2 && j != i { nb.append(Int32(j)) }
                }
            }
            offsets[i + 1] = nb.count
        }
        return NeighbourRows(offsets: offsets, neighbours: nb)
    }

    /// The `k` nearest other points of each point (ties by lower index), nearest first,
    /// with their squared distances.
    func nearest(_ k: Int, xs: [Double], ys: [Double]) -> NeighbourRows {
        nearestWithDistances(k, xs: xs, ys: ys).rows
    }

    func nearestWithDistances(_ k: Int, xs: [Double], ys: [Double]) -> (rows: NeighbourRows, squaredDistances: [Double]) {
        let n = xs.count
        var offsets = [Int](repeating: 0, count: n + 1)
        var nb = [Int32](repeating: 0, count: n * k)
        var dist = [Double](repeating: 0, count: n * k)
        var bestD = [Double](repeating: .infinity, count: k)
        var bestJ = [Int](repeating: Int.max, count: k)
        for i in 0..<n {
            let b = Int(bucketOfPoint[i])
            let bx = b % nx, by = b / nx
            let xi = xs[i], yi = ys[i]
            var found = 0
            for s in 0..<k { bestD[s] = .infinity; bestJ[s] = .max }
            var r = 0
            while true {
                let y0 = by - r, y1 = by + r, x0 = bx - r, x1 = bx + r
                func visit(_ c: Int) {
                    for e in start[c]..<start[c + 1] {
                        let j = Int(order[e])
                        if j == i { continue }
                        let dx = xs[j] - xi, dy = ys[j] - yi
                        let d2 = dx * dx + dy * dy
                        // Insert (d2, j) if it beats the current k-th, keeping (d2, j) order.
                        if found == k && (d2 > bestD[k - 1] || (d2 == bestD[k - 1] && j > bestJ[k - 1])) { continue }
                        var p = found == k ? k - 1 : found
                        while p > 0 && (bestD[p - 1] > d2 || (bestD[p - 1] == d2 && bestJ[p - 1] > j)) {
                            bestD[p] = bestD[p - 1]; bestJ[p] = bestJ[p - 1]
                            p -= 1
                        }
                        bestD[p] = d2; bestJ[p] = j
                        if found < k { found += 1 }
                    }
                }
                // Ring r: the full top and bottom rows, and the two end columns between them.
                for cy in max(0, y0)...min(ny - 1, y1) {
                    if cy == y0 || cy == y1 {
                        for cx in max(0, x0)...min(nx - 1, x1) { visit(cy * nx + cx) }
                    } else {
                        if x0 >= 0 { visit(cy * nx + x0) }
                        if x1 <= nx - 1 && x1 != x0 { visit(cy * nx + x1) }
                    }
                }
                let reach = (Double(r) - 1e-6) * size   // unseen points are at least this far (margin for rounding)
                if found == k && bestD[k - 1] < reach * reach { break }
                if x0 <= 0 && y0 <= 0 && x1 >= nx - 1 && y1 >= ny - 1 { break }
                r += 1
            }
            for s in 0..<k {
                nb[i * k + s] = Int32(bestJ[s])
                dist[i * k + s] = bestD[s]
            }
            offsets[i + 1] = (i + 1) * k
        }
        return (NeighbourRows(offsets: offsets, neighbours: nb), dist)
    }
}
