/// Why a hot spot statistic (Gi*, Moran's I, the incremental and optimized modes) cannot be
/// computed; each case says what to change.
public enum HotSpotAnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `values` and `centres` differ in length.
    case countMismatch(values: Int, centres: Int)
    /// Fewer features than the statistic needs (`minimum`: 3 for Gi* and Moran's I).
    case tooFewFeatures(count: Int, minimum: Int)
    /// A value or a coordinate is NaN or infinite (its index).
    case nonFiniteInput(index: Int)
    /// Every value is the same: the standard deviation is zero and z-scores are undefined.
    case zeroVariance
    /// A weighting parameter is out of range (distance ≤ 0, power < 0, k < 1 or k ≥ n…).
    case invalidWeighting(String)
    /// Moran's I needs at least one pair of neighbours (every feature has none besides itself).
    case noNeighbours
    /// A tessellation or aggregation parameter is invalid.
    case invalidTessellation(String)
    /// The distance series of the incremental analysis is invalid.
    case invalidDistanceSeries(String)

    public var description: String {
        switch self {
        case let .countMismatch(v, c): "got \(v) values but \(c) centres: pass one value per feature centre"
        case let .tooFewFeatures(n, m): "\(n) features: this statistic needs at least \(m) (ArcGIS advises 30 or more)"
        case let .nonFiniteInput(i): "value or coordinate \(i) is not a finite number: remove or fix that feature"
        case .zeroVariance: "all values are equal (zero variance): the statistic is undefined; use data with some variation"
        case let .invalidWeighting(s): "invalid spatial weighting: \(s)"
        case .noNeighbours: "no feature has a neighbour within the distance: use a larger distance band"
        case let .invalidTessellation(s): "invalid tessellation: \(s)"
        case let .invalidDistanceSeries(s): "invalid distance series: \(s)"
        }
    }
}
