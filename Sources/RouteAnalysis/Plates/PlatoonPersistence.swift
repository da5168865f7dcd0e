import Foundation

/// How long chance platoons last in the background traffic: the probability that two vehicles
/// read together at one camera of a vehicle's journey are read together again at its next
/// camera, by how many consecutive cameras they have been together so far.
///
/// Estimate: for every plate u (except the excluded ones) and every journey of u (u's readings
/// split at gaps longer than `journeyGap`), and every other plate v read within `window`
/// seconds of u at one of u's readings: v's run with u at that reading is j ≥ 1 consecutive
/// readings of u long. If u has a next reading in the journey, the run is *at risk* at length
/// j, and it *continues* if v is read within `window` of u there too. The hazard of length j is
/// h_j = continued_j / atRisk_j (each ordered pair (u, v) counts, so (v, u) counts again when v
/// has its own next reading). Runs cut by the end of u's journey are censored (not at risk).
///
/// Rejoining: a plate that was read with u earlier in the journey but not at u's previous
/// reading is *apart*; at u's next reading it is at risk of rejoining, and rejoins if read with
/// u there. g = rejoined / apartAtRisk (a missed read or an overtaking splits a run without
/// ending the platoon; g says how often that happens).
///
/// Classes: h_j is estimated separately for j = 1…J−1 and pooled over all j ≥ J, where J is the
/// largest run length with at least `minEvents` runs at risk (atRisk_j never grows with j, so
/// every earlier class has at least as many); when even length 1 has fewer, J = 1 pools all.
/// With no run at risk at all there is no estimate (`isEmpty`).
///
/// Conditioning on the run length keeps a mixture of short chance meetings and vehicles that
/// drive together for a whole trip from understating long runs: the longer a chance platoon has
/// lasted, the likelier it goes on, and h_j says how much likelier in these data. The estimate
/// is pooled over cameras; it is not split by camera pair, which would spread few events over
/// many pairs and lengths.
struct PlatoonPersistence: Sendable {
    /// Runs that continued, by class (index 0 is length 1; the last class pools longer runs).
    let continued: [Int]
    /// Runs at risk, by class.
    let atRisk: [Int]
    /// Plates apart from u after being with it earlier in the journey that were read with u
    /// again at u's next reading.
    let rejoined: Int
    /// Plates apart that u had a next reading for.
    let apartAtRisk: Int

    /// g, the probability of rejoining after being apart; nil when never at risk.
    var rejoin: Double? { apartAtRisk > 0 ? Double(rejoined) / Double(apartAtRisk) : nil }

    /// No run was ever at risk: no estimate of persistence (nor of rejoining).
    var isEmpty: Bool { atRisk.isEmpty }

    /// Number of classes J (state space of the null chain); 0 when empty.
    var classes: Int { atRisk.count }

    /// h for a run that has lasted `length` ≥ 1 readings (lengths beyond J use class J).
    func hazard(_ length: Int) -> Double {
        let c = min(length, classes) - 1
        return atRisk[c] > 0 ? Double(continued[c]) / Double(atRisk[c]) : 0
    }

    init(continued: [Int], atRisk: [Int], rejoined: Int = 0, apartAtRisk: Int = 0) {
        self.continued = continued
        self.atRisk = atRisk
        self.rejoined = rejoined
        self.apartAtRisk = apartAtRisk
    }

    /// Estimated from `sightings` without the plates in `excluding`.
    init(_ sightings: [PlateSighting], excluding: Set<String>, window: TimeInterval,
         journeyGap: TimeInterval, minEvents: Int = 20) {
        let list = sightings.filter { !excluding.contains($0.plate) }
        // Plates read within the window of each reading, at the same camera.
        var together = [Set<String>](repeating: [], count: list.count)
        for (_, indices) in Dictionary(grouping: list.indices, by: { list[$0].cameraID }) {
            let sorted = indices.sorted { list[$0].time < list[$1].time }
            for a in sorted.indices {
                var b = a + 1
                while b < sorted.count, list[sorted[b]].time.timeIntervalSince(list[sorted[a]].time) <= window {
                    let i = sorted[a], k = sorted[b]
                    if list[i].plate != list[k].plate {
                        together[i].insert(list[k].plate)
                        together[k].insert(list[i].plate)
                    }
                    b += 1
                }
            }
        }
        var rawContinued: [Int] = [], rawAtRisk: [Int] = [], rejoined = 0, apartAtRisk = 0
        for (_, indices) in Dictionary(grouping: list.indices, by: { list[$0].plate }) {
            let readings = indices.sorted { list[$0].time < list[$1].time }
            var runs: [String: Int] = [:], seen: Set<String> = []
            for (n, i) in readings.enumerated() {
                let sameJourney = n > 0 && list[i].time.timeIntervalSince(list[readings[n - 1]].time) <= journeyGap
                if !sameJourney {
                    runs = [:]
                    seen = []
                }
                for v in seen where runs[v] == nil {
                    apartAtRisk += 1
                    if together[i].contains(v) { rejoined += 1 }
                }
                for (v, length) in runs {
                    while rawAtRisk.count < length {
                        rawAtRisk.append(0)
                        rawContinued.append(0)
                    }
                    rawAtRisk[length - 1] += 1
                    if together[i].contains(v) { rawContinued[length - 1] += 1 }
                }
                var next: [String: Int] = [:]
                for v in together[i] { next[v] = (runs[v] ?? 0) + 1 }
                runs = next
                seen.formUnion(together[i])
            }
        }
        guard let firstRisk = rawAtRisk.first, firstRisk > 0 else {
            self.init(continued: [], atRisk: [], rejoined: rejoined, apartAtRisk: apartAtRisk)
            return
        }
        let j = max(1, rawAtRisk.lastIndex { $0 >= minEvents }.map { $0 + 1 } ?? 1)
        self.init(continued: Array(rawContinued[..<(j - 1)]) + [rawContinued[(j - 1)...].reduce(0, +)],
                  atRisk: Array(rawAtRisk[..<(j - 1)]) + [rawAtRisk[(j - 1)...].reduce(0, +)],
                  rejoined: rejoined, apartAtRisk: apartAtRisk)
    }
}
