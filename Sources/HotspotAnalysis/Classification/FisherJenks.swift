/// Fisher's exact optimal partition of sorted values into k contiguous classes minimising the
/// total within-class sum of squared deviations (W. D. Fisher, "On grouping for maximum
/// homogeneity", JASA 53, 1958; Jenks' "natural breaks").
///
/// Dynamic programme cost[c][i] = min over j of cost[c−1][j] + SSD(j..i), with SSD from prefix
/// sums. The optimal split j is monotone in i for this cost (SSD satisfies the quadrangle
/// inequality), so each class level is solved by divide and conquer in O(n log n) instead of
/// O(n²): O(k·n·log n) overall, exact.
enum FisherJenks {
    /// At most this many values are classified; larger inputs are sampled (see `ClassBreaks`).
    static let sampleLimit = 10_000

    /// The upper bounds of the first k − 1 classes of `sorted` (ascending, k ≤ distinct count).
    static func thresholds(sorted v: [Double], classes k: Int) -> [Double] {
        let n = v.count
        guard k > 1, n > k else { return Array(Set(v)).sorted().dropLast().map { $0 } }
        // Prefix sums relative to the mean keep the SSD differences precise.
        let mean = v.reduce(0, +) / Double(n)
        var s1 = [Double](repeating: 0, count: n + 1), s2 = s1
        for i in 0..<n {
            let d = v[i] - mean
            s1[i + 1] = s1[i] + d
            s2[i + 1] = s2[i] + d * d
        }
        // SSD of v[a..<b].
        func ssd(_ a: Int, _ b: Int) -> Double {
            let m = Double(b - a), s = s1[b] - s1[a]
            return max(0, (s2[b] - s2[a]) - s * s / m)
        }
        // cost[i]: best cost of v[0..<i] in the current number of classes; split[c][i]: start of last class.
        var cost = (0...n).map { $0 == 0 ? 0 : ssd(0, $0) }
        var splits: [[Int]] = []
        for c in 2...k {
            var next = [Double](repeating: .infinity, count: n + 1)
            var split = [Int](repeating: 0, count: n + 1)
            // Solve i in lo...hi knowing the split lies in optLo...optHi.
            func solve(_ lo: Int, _ hi: Int, _ optLo: Int, _ optHi: Int) {
                if lo > hi { return }
                let mid = (lo + hi) / 2
                var best = Double.infinity, bestJ = optLo
                for j in max(optLo, c - 1)...min(optHi, mid - 1) {
                    let value = cost[j] + ssd(j, mid)
                    if value < best { best = value; bestJ = j }
                }
                next[mid] = best
                split[mid] = bestJ
                solve(lo, mid - 1, optLo, bestJ)
                solve(mid + 1, hi, bestJ, optHi)
            }
            solve(c, n, c - 1, n - 1)
            cost = next
            splits.append(split)
        }
        // Walk the splits back from n.
        var bounds: [Int] = []
        var end = n
        for c in stride(from: k, through: 2, by: -1) {
            let start = splits[c - 2][end]
            bounds.append(start)
            end = start
        }
        return bounds.reversed().map { v[$0 - 1] }
    }
}
