import Foundation
import HotspotAnalysis
import Testing
import TestSupport

/// Space-time DBSCAN against scikit-learn 1.9 `DBSCAN(metric="precomputed")` on a matrix that
/// holds the spatial distance where |dt| ≤ window and 1e12 elsewhere (eps = distance,
/// min_samples = minPoints).
@Suite("Space-time DBSCAN vs scikit-learn")
struct SpaceTimeDBSCANTests {
    /// Clumps in space and time plus uniform noise; coordinates on a 0.5 m lattice and times in
    /// whole seconds, so both sides compute bit-identical distances (ties at exactly eps included).
    static func sample(seed: UInt64, count: Int) -> [AnalysisPoint] {
        var rng = SplitMix64(seed: seed)
        var points: [AnalysisPoint] = []
        let day = 86_400.0
        let clumps = (0..<8).map { _ in (x: rng.unit() * 5000, y: rng.unit() * 5000, t: (rng.unit() * 30).rounded() * day) }
        for k in 0..<count {
            let x: Double, y: Double, t: Double
            if k % 5 == 4 {
                x = rng.unit() * 5000; y = rng.unit() * 5000; t = rng.unit() * 30 * day
            } else {
                let c = clumps[Int(rng.next() % 8)]
                x = c.x + (rng.unit() - 0.5) * 400; y = c.y + (rng.unit() - 0.5) * 400; t = c.t + (rng.unit() - 0.5) * 4 * day
            }
            points.append(AnalysisPoint(x: (x * 2).rounded() / 2, y: (y * 2).rounded() / 2,
                                        time: Date(timeIntervalSince1970: 1_700_000_000 + t.rounded())))
        }
        return points
    }

    struct Parameters: Sendable { var distance: Double, window: Double, minPoints: Int }
    static let parameterSets = [Parameters(distance: 100, window: 86_400, minPoints: 5),
                                Parameters(distance: 150, window: 43_200, minPoints: 8),
                                Parameters(distance: 60, window: 172_800, minPoints: 3),
                                Parameters(distance: 100, window: 0, minPoints: 1)]

    /// scikit-learn's labels and core indices for each parameter set (one Python run).
    static func sklearn(_ points: [AnalysisPoint], _ sets: [Parameters]) throws -> [(labels: [Int], core: Set<Int>)] {
        try #require(PythonOracle.unavailableReason == nil, "\(PythonOracle.unavailableReason ?? "")")
        let rows = points.map { [$0.x, $0.y, ($0.time ?? .distantPast).timeIntervalSince1970] }
        let input = try JSONSerialization.data(withJSONObject: [
            "points": rows, "sets": sets.map { ["eps": $0.distance, "window": $0.window, "min": $0.minPoints] as [String: Any] },
        ])
        let script = """
            import sys, json
            import numpy as np
            from sklearn.cluster import DBSCAN
            d = json.load(sys.stdin)
            p = np.array(d["points"], dtype=float)
            dx = p[:, 0][:, None] - p[:, 0][None, :]
            dy = p[:, 1][:, None] - p[:, 1][None, :]
            dt = np.abs(p[:, 2][:, None] - p[:, 2][None, :])
            out = []
            for s in d["sets"]:
                D = np.sqrt(dx * dx + dy * dy)
                D[dt > s["window"]] = 1e12
                m = DBSCAN(eps=s["eps"], min_samples=s["min"], metric="precomputed").fit(D)
                out.append({"labels": m.labels_.tolist(), "core": m.core_sample_indices_.tolist()})
            print(json.dumps(out))
            """
        let out = try #require(try PythonOracle.json(script: script, input: input) as? [[String: [Int]]])
        return try out.map { (try #require($0["labels"]), Set(try #require($0["core"]))) }
    }

    @Test func samePartitionAsSklearn() throws {
        let points = Self.sample(seed: 42, count: 900)
        let expected = try Self.sklearn(points, Self.parameterSets)
        try #require(expected.count == Self.parameterSets.count)
        for (set, theirs) in zip(Self.parameterSets, expected) {
            try Self.compare(points, set, theirs)
        }
    }

    static func compare(_ points: [AnalysisPoint], _ set: Parameters, _ theirs: (labels: [Int], core: Set<Int>)) throws {
        let (distance, window) = (set.distance, set.window)
        let ours = try SpaceTimeDBSCAN.cluster(points, distance: distance, timeWindow: window, minPoints: set.minPoints)
        #expect(theirs.labels.max() ?? -1 >= 1, "\(set): the sample should give several clusters")
        // Core points exactly.
        #expect(Set(ours.isCore.indices.filter { ours.isCore[$0] }) == theirs.core, "\(set)")
        // Core points: the same partition up to renaming (checked as a bijection of labels).
        var map: [Int: Int] = [:], back: [Int: Int] = [:]
        var consistent = true
        for i in theirs.core {
            let a = ours.labels[i], b = theirs.labels[i]
            if map[a, default: b] != b || back[b, default: a] != a { consistent = false }
            map[a] = b; back[b] = a
        }
        #expect(consistent, "\(set): core points are grouped differently")
        // Border points: in a cluster exactly when sklearn puts them in one, and adjacent to a
        // core point of the cluster we chose.
        for i in points.indices where !ours.isCore[i] {
            #expect((ours.labels[i] == -1) == (theirs.labels[i] == -1), "\(set): point \(i): noise disagreement")
            if ours.labels[i] >= 0 {
                let l = ours.labels[i]
                let adjacent = points.indices.contains { j in
                    ours.isCore[j] && ours.labels[j] == l && Self.neighbours(points[i], points[j], distance, window)
                }
                #expect(adjacent, "\(set): border point \(i) is not next to a core point of its cluster \(l)")
            }
        }
        // And since both follow sklearn's visiting order, the labels are identical outright.
        #expect(ours.labels == theirs.labels, "\(set)")
        #expect(ours.clusterCount == (theirs.labels.max() ?? -1) + 1, "\(set)")
    }

    static func neighbours(_ a: AnalysisPoint, _ b: AnalysisPoint, _ d: Double, _ w: Double) -> Bool {
        let dx = a.x - b.x, dy = a.y - b.y
        return (dx * dx + dy * dy).squareRoot() <= d
            && abs((a.time ?? .distantPast).timeIntervalSince(b.time ?? .distantPast)) <= w
    }

    /// Hand case: five points 10 m apart on a line within an hour form one cluster at
    /// minPoints 3 (ends are border points); the same places a week later are another cluster;
    /// a lone point is noise.
    @Test func handCase() throws {
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        var points = (0..<5).map { AnalysisPoint(x: Double($0) * 10, y: 0, time: t0.addingTimeInterval(Double($0) * 600)) }
        points += (0..<5).map { AnalysisPoint(x: Double($0) * 10, y: 0, time: t0.addingTimeInterval(7 * 86_400 + Double($0) * 600)) }
        points.append(AnalysisPoint(x: 500, y: 500, time: t0))
        let r = try SpaceTimeDBSCAN.cluster(points, distance: 10, timeWindow: 3600, minPoints: 3)
        #expect(r.labels == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1])
        #expect(r.isCore == [false, true, true, true, false, false, true, true, true, false, false])
        #expect(r.clusterCount == 2)
    }

    @Test func rejectsBadInput() {
        let p = [AnalysisPoint(x: 0, y: 0, time: Date())]
        #expect(throws: SpaceTimeDBSCAN.ClusteringError.missingTime(index: 0)) {
            try SpaceTimeDBSCAN.cluster([AnalysisPoint(x: 0, y: 0)], distance: 1, timeWindow: 1, minPoints: 1)
        }
        #expect(throws: SpaceTimeDBSCAN.ClusteringError.self) { try SpaceTimeDBSCAN.cluster(p, distance: 0, timeWindow: 1, minPoints: 1) }
        #expect(throws: SpaceTimeDBSCAN.ClusteringError.self) { try SpaceTimeDBSCAN.cluster(p, distance: 1, timeWindow: -1, minPoints: 1) }
        #expect(throws: SpaceTimeDBSCAN.ClusteringError.self) { try SpaceTimeDBSCAN.cluster(p, distance: 1, timeWindow: 1, minPoints: 0) }
        #expect(throws: SpaceTimeDBSCAN.ClusteringError.nonFiniteCoordinate(index: 0)) {
            try SpaceTimeDBSCAN.cluster([AnalysisPoint(x: .nan, y: 0, time: Date())], distance: 1, timeWindow: 1, minPoints: 1)
        }
    }
}
