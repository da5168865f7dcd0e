import Foundation

/// The result of a space-time DBSCAN: a cluster label per point.
public struct SpaceTimeClustering: Sendable, Hashable {
    /// The cluster of each point, 0…`clusterCount − 1`, or −1 for noise (scikit-learn's convention).
    public var labels: [Int]
    /// Whether each point is a core point (at least `minPoints` neighbours, itself included).
    public var isCore: [Bool]
    /// The number of clusters.
    public var clusterCount: Int

    /// The point indices of each cluster, in ascending order.
    public var members: [[Int]] {
        var out = [[Int]](repeating: [], count: clusterCount)
        for (i, l) in labels.enumerated() where l >= 0 { out[l].append(i) }
        return out
    }
}

/// DBSCAN (Ester, Kriegel, Sander, Xu 1996) in space and time (ST-DBSCAN style, Birant & Kut
/// 2007, with one spatial and one temporal threshold): two incidents are neighbours when they
/// are at most `distance` metres apart (Euclidean, projected x/y) AND at most `timeWindow`
/// seconds apart.
///
/// - A point is a *core* point when it has at least `minPoints` neighbours, itself included
///   (scikit-learn's `min_samples`).
/// - Clusters are the connected components of core points (joined when neighbours) plus every
///   non-core point that is a neighbour of one of their core points (*border* points); other
///   points are *noise* (label −1).
/// - Labels follow scikit-learn's `dbscan_inner`: points are visited in index order, each
///   unlabelled core point starts the next cluster number, and a border point reachable from
///   several clusters joins the first one that reaches it, i.e. the cluster with the smallest
///   number. The labels are therefore identical to scikit-learn's `DBSCAN(metric="precomputed")`
///   on the matching distance matrix.
///
/// Neighbourhoods come from a uniform grid of `distance`-sized cells with each cell's points
/// sorted by time (`SpaceTimeGridIndex`), never an n × n matrix; neighbour lists are not
/// stored (each point's neighbourhood is computed once to count and once, for core points, to
/// expand), so memory stays O(n).
public enum SpaceTimeDBSCAN {
    /// Errors that say which input to fix.
    public enum ClusteringError: Error, Equatable, CustomStringConvertible {
        /// A parameter or input count is out of range; the text says which.
        case invalidParameter(String)
        /// The point at `index` has no time.
        case missingTime(index: Int)
        /// The point at `index` has a NaN or infinite coordinate, or one beyond 10¹⁵ × distance.
        case nonFiniteCoordinate(index: Int)

        public var description: String {
            switch self {
            case .invalidParameter(let m): m
            case .missingTime(let i): "point \(i) has no time: space-time clustering needs a time on every point"
            case .nonFiniteCoordinate(let i): "point \(i) has a coordinate that is not finite or too large for the cell grid"
            }
        }
    }

    /// Clusters `points` (all with a `time`).
    /// - Parameters:
    ///   - distance: the spatial neighbourhood radius in metres (> 0, inclusive).
    ///   - timeWindow: the temporal radius in seconds (≥ 0, inclusive).
    ///   - minPoints: neighbours, the point included, that make a core point (≥ 1).
    /// - Throws: `ClusteringError` for a bad parameter, a point without time or a non-finite
    ///   coordinate.
    public static func cluster(_ points: [AnalysisPoint], distance: Double, timeWindow: TimeInterval,
                               minPoints: Int) throws -> SpaceTimeClustering {
        guard distance.isFinite, distance > 0 else {
            throw ClusteringError.invalidParameter("distance \(distance) must be a positive number of metres")
        }
        guard timeWindow.isFinite, timeWindow >= 0 else {
            throw ClusteringError.invalidParameter("time window \(timeWindow) must be zero or a positive number of seconds")
        }
        guard minPoints >= 1 else { throw ClusteringError.invalidParameter("minPoints \(minPoints) must be at least 1") }
        var ts: [Double] = []
        ts.reserveCapacity(points.count)
        for (i, p) in points.enumerated() {
            guard let t = p.time else { throw ClusteringError.missingTime(index: i) }
            guard p.x.isFinite, p.y.isFinite, abs(p.x / distance) < 1e15, abs(p.y / distance) < 1e15 else {
                throw ClusteringError.nonFiniteCoordinate(index: i)
            }
            ts.append(t.timeIntervalSinceReferenceDate)
        }
        let index = SpaceTimeGridIndex(xs: points.map(\.x), ys: points.map(\.y), ts: ts, distance: distance, window: timeWindow)
        let n = points.count
        var isCore = [Bool](repeating: false, count: n)
        for k in 0..<n {
            var count = 0
            index.forEachNeighbour(of: k) { _ in count += 1 }
            isCore[k] = count >= minPoints
        }
        var labels = [Int](repeating: -1, count: n)
        var next = 0
        var stack: [Int] = []
        for seed in 0..<n where labels[seed] == -1 && isCore[seed] {
            labels[seed] = next
            stack.append(seed)
            while let k = stack.popLast() {
                // Only core points are pushed: expand through their neighbourhoods.
                index.forEachNeighbour(of: k) { j in
                    guard labels[j] == -1 else { return }
                    labels[j] = next
                    if isCore[j] { stack.append(j) }
                }
            }
            next += 1
        }
        return SpaceTimeClustering(labels: labels, isCore: isCore, clusterCount: next)
    }
}
