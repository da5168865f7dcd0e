import Foundation
import GeoCore

/// Global Moran's I over a series of increasing distance bands, and the first peak of its
/// z-score: the scale at which clustering is most pronounced (ArcGIS's Incremental Spatial
/// Autocorrelation, Moran's I with binary distance-band weights at each distance).
///
/// Distances: d_k = beginning + k · increment, k = 0 ..< steps (default 10, ArcGIS's default
/// number of bands). Defaults, computed from the centres with a grid nearest-neighbour search:
/// - beginning = the largest nearest-neighbour distance, the smallest band in which every
///   feature has at least one neighbour (ArcGIS's stated aim for its default);
/// - increment = the mean nearest-neighbour distance.
/// With `excludingLocationalOutliers`, both are taken over the features whose nearest-neighbour
/// distance is at most mean + 3 SD of those distances (ArcGIS's Optimized Hot Spot Analysis
/// likewise sets locational outliers aside when it sizes the analysis): one isolated feature
/// then no longer forces the whole series to start at its distance. The outliers keep no
/// neighbour at the shorter bands (Moran's I gives them a zero row).
///
/// First peak: the first k with 0 < k < steps − 1 whose z is strictly above the z of both
/// neighbouring distances and significant, z ≥ 1.959964 (p ≤ 0.05 two-sided; ArcGIS advises the
/// first statistically significant peak). nil when there is none.
public struct IncrementalSpatialAutocorrelation: Sendable, Hashable {
    /// One distance of the series.
    public struct Step: Sendable, Hashable {
        /// The distance band, metres.
        public var distance: Double
        /// Moran's I with binary weights within `distance`.
        public var moransI: MoransI
    }

    /// The distances in increasing order with their Moran's I.
    public var steps: [Step]
    /// Index in `steps` of the first significant peak of z, or nil.
    public var firstPeakIndex: Int?
    /// The first distance of the series, metres.
    public var beginningDistance: Double
    /// The step between distances, metres.
    public var increment: Double

    /// z at or above this is a significant peak (two-sided 95 %).
    public static let peakZ = 1.959964
    /// ArcGIS's default number of distance bands.
    public static let defaultSteps = 10

    /// The step of the first peak, or nil.
    public var firstPeak: Step? { firstPeakIndex.map { steps[$0] } }

    /// Runs the series on `values` at `centres` (projected metres).
    /// - Parameters:
    ///   - steps: number of distances (≥ 3 so a peak can exist).
    ///   - beginningDistance, increment: metres; nil takes the defaults above.
    ///   - rowStandardized: row-standardise the weights of every Moran's I (ArcGIS's option).
    ///   - excludingLocationalOutliers: compute the default distances without the features whose
    ///     nearest-neighbour distance exceeds mean + 3 SD (default false).
    /// - Throws: `HotSpotAnalysisError` from `MoransI`, or `.invalidDistanceSeries` for
    ///   steps < 3, a non-positive distance or increment, or coincident centres only.
    public init(values: [Double], centres: [Coordinate], steps: Int = Self.defaultSteps, beginningDistance: Double? = nil,
                increment: Double? = nil, rowStandardized: Bool = true, excludingLocationalOutliers: Bool = false) throws {
        guard values.count == centres.count else { throw HotSpotAnalysisError.countMismatch(values: values.count, centres: centres.count) }
        guard values.count >= MoransI.minimumFeatures else {
            throw HotSpotAnalysisError.tooFewFeatures(count: values.count, minimum: MoransI.minimumFeatures)
        }
        guard steps >= 3 else { throw HotSpotAnalysisError.invalidDistanceSeries("\(steps) steps: at least 3 are needed to find a peak") }
        var begin = beginningDistance, inc = increment
        if begin == nil || inc == nil {
            var nn = try Self.nearestNeighbourDistances(centres)
            if excludingLocationalOutliers { nn = Self.withoutOutliers(nn) }
            begin = begin ?? nn.max()
            inc = inc ?? nn.reduce(0, +) / Double(nn.count)
        }
        guard let b = begin, let i = inc, b.isFinite, i.isFinite, b > 0, i > 0 else {
            throw HotSpotAnalysisError.invalidDistanceSeries("beginning \(begin ?? .nan) m and increment \(inc ?? .nan) m must be positive (are all centres coincident?)")
        }
        var out = [Step]()
        for k in 0..<steps {
            let d = b + Double(k) * i
            out.append(Step(distance: d, moransI: try MoransI(values: values, centres: centres, weighting: .fixedDistance(d), rowStandardized: rowStandardized)))
        }
        self.steps = out
        self.beginningDistance = b
        self.increment = i
        self.firstPeakIndex = Self.firstPeak(out.map(\.moransI.zScore))
    }

    /// The first k (0 < k < count − 1) with z[k] > z[k − 1], z[k] > z[k + 1] and z[k] ≥ `peakZ`.
    public static func firstPeak(_ z: [Double]) -> Int? {
        guard z.count >= 3 else { return nil }
        for k in 1..<(z.count - 1) where z[k] > z[k - 1] && z[k] > z[k + 1] && z[k] >= peakZ { return k }
        return nil
    }

    /// The distances at most mean + 3 SD (population SD) of all of them.
    static func withoutOutliers(_ d: [Double]) -> [Double] {
        let n = Double(d.count)
        let mean = d.reduce(0, +) / n
        let sd = (d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        return d.filter { $0 <= mean + 3 * sd }
    }

    /// Each centre's distance to its nearest other centre, metres (grid search, no O(n²)).
    /// - Throws: `.tooFewFeatures` below 2 centres, `.nonFiniteInput`.
    public static func nearestNeighbourDistances(_ centres: [Coordinate]) throws -> [Double] {
        try meanDistances(centres, k: 1).perFeature
    }

    /// The mean distance from each centre to its `k` nearest other centres, and its average
    /// over all centres (metres).
    static func meanDistances(_ centres: [Coordinate], k: Int) throws -> (perFeature: [Double], average: Double) {
        guard centres.count >= 2 else { throw HotSpotAnalysisError.tooFewFeatures(count: centres.count, minimum: 2) }
        for (i, c) in centres.enumerated() where !c.isFinite { throw HotSpotAnalysisError.nonFiniteInput(index: i) }
        let kk = min(k, centres.count - 1)
        let xs = centres.map(\.x), ys = centres.map(\.y)
        let d2 = NeighbourGrid(xs: xs, ys: ys, expectedPerBucket: Double(kk)).nearestWithDistances(kk, xs: xs, ys: ys).squaredDistances
        var per = [Double](repeating: 0, count: centres.count)
        for i in 0..<centres.count {
            var s = 0.0
            for e in 0..<kk { s += d2[i * kk + e].squareRoot() }
            per[i] = s / Double(kk)
        }
        return (per, per.reduce(0, +) / Double(per.count))
    }
}
