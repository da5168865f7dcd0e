/// How neighbours and their weights are chosen between feature centres (projected metres).
///
/// - `fixedDistance(d)`: binary weights, w_ij = 1 when the Euclidean distance between centres
///   is ≤ `d` metres (tested as dx² + dy² ≤ (d·(1 + 10⁻⁹))², so that rounding never drops
///   a pair at exactly the band, common on lattices of cell centres), else 0. ArcGIS `FIXED_DISTANCE_BAND`,
///   libpysal `DistanceBand(threshold: d, binary=True)`.
/// - `inverseDistance(power:threshold:)`: w_ij = 1 / max(d_ij, 1)^power for every pair within
///   `threshold` metres (all pairs when nil). Distances below one metre count as one metre, so
///   coincident centres get weight 1 and the self weight of Gi* is 1 (= 1/1^p). ArcGIS
///   `INVERSE_DISTANCE` (power 1) and `INVERSE_DISTANCE_SQUARED` (power 2); libpysal
///   `DistanceBand(threshold, binary=False, alpha=-power)` gives the same off-diagonal weights
///   when no two centres are closer than 1 m. Without a threshold the matrix is dense
///   (n² pairs): refused above `SpatialWeights.denseLimit` features.
/// - `kNearest(k)`: binary weights to the `k` nearest other features (ties at equal distance
///   broken by the lower feature index). Not symmetric. libpysal `KNN(k)`.
///
/// The feature itself is not one of the neighbours counted by `k` or stored in
/// `SpatialWeights`; Gi* adds it with self weight 1 (so ArcGIS's `NNeighbors` = neighbours + 1),
/// Moran's I leaves it out (w_ii = 0).
public enum SpatialWeighting: Sendable, Hashable {
    case fixedDistance(Double)
    case inverseDistance(power: Double, threshold: Double?)
    case kNearest(Int)

    /// True when every weight is 0 or 1.
    public var isBinary: Bool {
        switch self {
        case .fixedDistance, .kNearest: true
        case .inverseDistance: false
        }
    }

    /// True when w_ij = w_ji always (distance-based weights); k nearest neighbours are not.
    public var isSymmetric: Bool {
        if case .kNearest = self { return false }
        return true
    }
}
