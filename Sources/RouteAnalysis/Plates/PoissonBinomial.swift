/// The Poisson binomial distribution: the number of successes in independent trials with
/// different success probabilities.
enum PoissonBinomial {
    /// P(X ≥ k) for trial probabilities `p` (each clamped to [0, 1]), by the exact O(n²)
    /// recurrence over trials: P_j(i) = P_{j−1}(i)·(1 − p_j) + P_{j−1}(i − 1)·p_j.
    static func upperTail(_ p: [Double], atLeast k: Int) -> Double {
        guard k > 0 else { return 1 }
        guard k <= p.count else { return 0 }
        var dist = [Double](repeating: 0, count: p.count + 1)
        dist[0] = 1
        for (j, raw) in p.enumerated() {
            let q = min(1, max(0, raw))
            for i in stride(from: j + 1, through: 1, by: -1) { dist[i] = dist[i] * (1 - q) + dist[i - 1] * q }
            dist[0] *= 1 - q
        }
        return min(1, dist[k...].reduce(0, +))
    }
}
