import Foundation

/// Points assigned to consecutive time steps, for space-time analyses (emerging hot spots).
///
/// Step k covers [`stepStarts[k]`, `stepStarts[k + 1]`), half-open; the first step starts at
/// `origin`, by default the start of the calendar unit (UTC day, or UTC month for month steps)
/// holding the earliest point; there are as many steps as needed to reach the latest point.
/// (ArcGIS's Create Space Time Cube aligns steps to the end time by default; calendar-aligned
/// steps keep "1month" equal to calendar months.)
public struct TimeBinning: Sendable, Hashable {
    /// The step length.
    public let step: TimeStep
    /// The start of step 0.
    public let origin: Date
    /// Step boundaries: `stepCount + 1` dates, the last one the end of the final step.
    public let stepStarts: [Date]
    /// The step of each input point, or nil for a point without a time or before `origin`.
    public let stepIndex: [Int?]

    /// The number of steps.
    public var stepCount: Int { stepStarts.count - 1 }

    /// Errors from binning.
    public enum BinningError: Error, Equatable, CustomStringConvertible {
        /// No point has a time.
        case noTimes
        /// More steps than `maximumSteps`; use a longer step or a later origin.
        case tooManySteps(Int)

        public var description: String {
            switch self {
            case .noTimes: "no point has a time: space-time analysis needs incident times"
            case .tooManySteps(let n): "the time range needs \(n) steps; choose a longer step (at most 100000 steps)"
            }
        }
    }

    /// The largest number of steps accepted (a guard against a "1day" step over centuries).
    public static let maximumSteps = 100_000

    /// Bins `points` by their `time`.
    /// - Parameters:
    ///   - origin: the start of step 0; default `step.unitStart(of: earliest time)`. Points
    ///     before it get a nil index.
    /// - Throws: `BinningError.noTimes` when no point has a time; `.tooManySteps` past
    ///   `maximumSteps`.
    public init(_ points: [AnalysisPoint], step: TimeStep, origin: Date? = nil) throws {
        let times = points.compactMap(\.time)
        guard let earliest = times.min(), let latest = times.max() else { throw BinningError.noTimes }
        let start = origin ?? step.unitStart(of: earliest)
        let lastIndex = max(0, step.stepIndex(of: latest, from: start))
        guard lastIndex < TimeBinning.maximumSteps else { throw BinningError.tooManySteps(lastIndex + 1) }
        self.step = step
        self.origin = start
        self.stepStarts = (0...(lastIndex + 1)).map { step.start(ofStep: $0, from: start) }
        self.stepIndex = points.map { p in
            guard let t = p.time else { return nil }
            let k = step.stepIndex(of: t, from: start)
            return k >= 0 ? k : nil
        }
    }

    /// The number of points (or the sum of their weights when `weighted`) in each step.
    public func totals(_ points: [AnalysisPoint], weighted: Bool = false) -> [Double] {
        var out = [Double](repeating: 0, count: stepCount)
        for (p, k) in zip(points, stepIndex) {
            guard let k, k < stepCount else { continue }
            out[k] += weighted ? p.weight : 1
        }
        return out
    }

    /// The space-time cube of counts (or weight sums): `result[location][step]`, from a location
    /// per point (e.g. the Gi* cell holding it; nil for points outside every location). Each
    /// location's row is the series ArcGIS tests with Mann-Kendall for the trend of its values.
    /// - Precondition: `locations.count == points.count`, locations in `0..<locationCount`.
    public func cube(_ points: [AnalysisPoint], locations: [Int?], locationCount: Int, weighted: Bool = false) -> [[Double]] {
        precondition(locations.count == points.count, "one location per point")
        var out = [[Double]](repeating: [Double](repeating: 0, count: stepCount), count: locationCount)
        for i in points.indices {
            guard let loc = locations[i], let k = stepIndex[i], k < stepCount else { continue }
            precondition(loc >= 0 && loc < locationCount, "location \(loc) outside 0..<\(locationCount)")
            out[loc][k] += weighted ? points[i].weight : 1
        }
        return out
    }
}
