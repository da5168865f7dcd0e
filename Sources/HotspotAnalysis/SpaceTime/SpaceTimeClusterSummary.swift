import Foundation
import GeoCore
import GeoTopology

/// One space-time cluster as a feature: its outline, size, time range and dominant category.
public struct SpaceTimeCluster: Sendable, Hashable {
    /// The cluster number (`SpaceTimeClustering.labels`).
    public var label: Int
    /// The outline of its points in the points' projected CRS: a polygon, or a point / line
    /// when the points are one place or collinear (GEOS's hull of degenerate input).
    public var hull: Geometry
    /// Number of points (core and border).
    public var count: Int
    /// Number of core points.
    public var coreCount: Int
    /// Sum of the points' weights.
    public var totalWeight: Double
    /// The earliest point time.
    public var firstTime: Date
    /// The latest point time.
    public var lastTime: Date
    /// `lastTime − firstTime`, seconds.
    public var timeSpan: TimeInterval { lastTime.timeIntervalSince(firstTime) }
    /// The most frequent category among the points that have one (ties: the alphabetically
    /// first), or nil when no point has a category.
    public var dominantCategory: String?
    /// How many points have `dominantCategory`.
    public var dominantCategoryCount: Int
}

/// The outline used for cluster polygons.
public enum ClusterHullKind: Sendable, Hashable {
    /// The convex hull (GEOS `GEOSConvexHull_r`).
    case convex
    /// A concave hull (GEOS `GEOSConcaveHull_r`); `ratio` 0…1, 1 = convex (see
    /// `Geometry.concaveHull(ratio:allowHoles:)`).
    case concave(ratio: Double)
}

extension SpaceTimeClustering {
    /// One summary per cluster, in label order.
    /// - Parameters:
    ///   - points: the clustered points (same order and count as `labels`).
    ///   - categories: optional category per point (same count), e.g. `seizure`, `detention`.
    ///   - hull: the outline kind; default convex.
    /// - Throws: `SpaceTimeDBSCAN.ClusteringError.invalidParameter` when the counts disagree;
    ///   `TopologyError` from GEOS.
    public func clusters(of points: [AnalysisPoint], categories: [String?]? = nil,
                         hull: ClusterHullKind = .convex) throws -> [SpaceTimeCluster] {
        guard points.count == labels.count else {
            throw SpaceTimeDBSCAN.ClusteringError.invalidParameter("\(points.count) points for \(labels.count) labels")
        }
        if let categories, categories.count != points.count {
            throw SpaceTimeDBSCAN.ClusteringError.invalidParameter("\(categories.count) categories for \(points.count) points")
        }
        var out: [SpaceTimeCluster] = []
        out.reserveCapacity(clusterCount)
        for (label, indices) in members.enumerated() {
            let multi = Geometry.multiPoint(MultiPoint(indices.map { Point(x: points[$0].x, y: points[$0].y) }))
            let outline: Geometry
            switch hull {
            case .convex: outline = try multi.convexHull()
            case .concave(let ratio): outline = try multi.concaveHull(ratio: ratio)
            }
            let times = indices.compactMap { points[$0].time }
            var tally: [String: Int] = [:]
            if let categories { for i in indices { if let c = categories[i] { tally[c, default: 0] += 1 } } }
            let dominant = tally.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }
            out.append(SpaceTimeCluster(
                label: label, hull: outline, count: indices.count, coreCount: indices.filter { isCore[$0] }.count,
                totalWeight: indices.reduce(0) { $0 + points[$1].weight },
                firstTime: times.min() ?? .distantPast, lastTime: times.max() ?? .distantPast,
                dominantCategory: dominant?.key, dominantCategoryCount: dominant?.value ?? 0))
        }
        return out
    }
}
