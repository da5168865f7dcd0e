/// Errors from kernel density, bandwidth and grid set-up, each saying what to fix.
public enum DensityError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No points (or only points of weight 0) were given.
    case noPoints
    /// Point `index` has a non-finite coordinate or weight.
    case invalidPoint(index: Int)
    /// Point `index` has a negative weight; kernel density needs weights ≥ 0.
    case negativeWeight(index: Int, weight: Double)
    /// The bandwidth is not finite and positive.
    case invalidBandwidth(Double)
    /// The automatic bandwidth came out 0: every point sits at the same place.
    case degenerateBandwidth(standardDistance: Double, medianDistance: Double)
    /// The cell size is not finite and positive.
    case invalidCellSize(Double)
    /// The grid would have no cells or more than `limit` cells.
    case invalidGridSize(width: Int, height: Int, limit: Int)
    /// The points' extent has zero width and height, so no default cell size exists.
    case degenerateExtent
    /// Geodesic density needs longitude/latitude input in range.
    case invalidLonLat(index: Int)

    public var description: String {
        switch self {
        case .noPoints: "kernel density needs at least one point with a positive weight"
        case .invalidPoint(let i): "point \(i) has a non-finite coordinate or weight"
        case .negativeWeight(let i, let w): "point \(i) has weight \(w); weights must be 0 or more"
        case .invalidBandwidth(let h): "bandwidth \(h) must be finite and positive (give a radius such as 25km)"
        case .degenerateBandwidth(let sd, let dm):
            "the default radius is 0 (standard distance \(sd), median distance \(dm)): all points coincide; give --radius"
        case .invalidCellSize(let c): "cell size \(c) must be finite and positive"
        case .invalidGridSize(let w, let h, let limit):
            "grid \(w)x\(h) is empty or larger than \(limit) cells; choose a larger cell size or a smaller extent"
        case .degenerateExtent: "the points' extent has zero size; give --cell or --extent"
        case .invalidLonLat(let i): "point \(i) is not a longitude/latitude in range"
        }
    }
}
