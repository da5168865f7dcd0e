/// The null distribution of the number of a target's passages at which an unrelated plate is
/// read with it, when chance meetings start at random and then persist like background platoons.
///
/// Model: the target's passages i = 1…n, in time order, fall into journeys. X_i = 1 when the
/// other plate is read with the target at passage i. At the first passage of a journey, and
/// while the plate has not yet been with the target in this journey, X_i = 1 with probability
/// q_i (a fresh chance meeting). After a run of j consecutive passages with X = 1, X_i = 1 with
/// probability max(h_j, q_i), where h_j is the background persistence of runs of length j
/// (`PlatoonPersistence`; lengths beyond the last class J use h_J). After a run has ended
/// within the journey, X_i = 1 (a new run of length 1) with probability max(g, q_i), g the
/// background rejoining rate (q_i when never measured). The floors q_i keep a measured rate
/// below the fresh-meeting rate from counting as evidence. With no persistence estimate,
/// passages are independent trials with probabilities q_i (a Poisson binomial distribution).
///
/// The distribution of K = ΣX_i is computed exactly by dynamic programming over the state
/// (never together, run length 1…J, or apart; K so far), O(n²·J) time and O(n·J) memory.
struct CoOccurrenceChain {
    /// Fresh-meeting probability of each passage.
    let q: [Double]
    /// Whether each passage starts a new journey (the first always does).
    let startsJourney: [Bool]
    /// Background persistence (empty: independent passages).
    let persistence: PlatoonPersistence

    /// P(K ≥ k) for every k = 0…n (index k).
    func upperTails() -> [Double] {
        let n = q.count, runs = max(1, persistence.classes)
        let apart = runs + 1, states = runs + 2
        // dist[s][k]: probability of state s (0 = not yet together in this journey, 1…J = run
        // length, J + 1 = apart after a run) and K = k so far.
        var dist = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: states)
        dist[0][0] = 1
        for i in 0..<n {
            let qi = min(1, max(0, q[i]))
            if i == 0 || startsJourney[i] {
                for s in 1..<states {
                    for k in 0...n { dist[0][k] += dist[s][k] }
                    dist[s] = [Double](repeating: 0, count: n + 1)
                }
            }
            var next = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: states)
            for s in 0..<states {
                let together: Double, to: Int, otherwise: Int
                if s == 0 {
                    (together, to, otherwise) = (qi, 1, 0)
                } else if s == apart {
                    (together, to, otherwise) = (max(qi, persistence.rejoin ?? qi), 1, apart)
                } else {
                    let h = persistence.isEmpty ? qi : max(qi, persistence.hazard(s))
                    (together, to, otherwise) = (h, min(s + 1, runs), apart)
                }
                for k in 0...i where dist[s][k] > 0 {
                    next[to][k + 1] += dist[s][k] * together
                    next[otherwise][k] += dist[s][k] * (1 - together)
                }
            }
            dist = next
        }
        var tails = [Double](repeating: 0, count: n + 2)
        for k in stride(from: n, through: 0, by: -1) {
            tails[k] = tails[k + 1] + dist.reduce(0) { $0 + $1[k] }
        }
        return Array(tails[0...n]).map { min(1, $0) }
    }
}
