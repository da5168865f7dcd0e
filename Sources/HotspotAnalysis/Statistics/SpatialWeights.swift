import Foundation
import GeoCore

/// A sparse spatial weights matrix in compressed rows: the neighbours of feature `i` are
/// `neighbours[offsets[i] ..< offsets[i + 1]]` (other features only, never `i` itself), with
/// weights `weights[same range]`, or 1 each when `isBinary` (then `weights` is empty).
///
/// Built by `SpatialWeights(centres:weighting:)` with a uniform grid index over the centres
/// (bucket side = the distance band, or ≈ √(area·k/n) for k nearest neighbours), so a distance
/// band on a fishnet costs O(n · neighbours), never O(n²).
public struct SpatialWeights: Sendable, Hashable {
    /// Number of features (rows).
    public let count: Int
    /// Row starts, `count + 1` entries; `offsets[count] == neighbours.count`.
    public let offsets: [Int]
    /// Column indices of the neighbours, row by row.
    public let neighbours: [Int32]
    /// Weights parallel to `neighbours`; empty when `isBinary`.
    public let weights: [Double]
    /// True when every stored weight is 1 (`weights` is then empty).
    public let isBinary: Bool
    /// True when w_ij = w_ji for every pair (distance-based weightings).
    public let isSymmetric: Bool

    /// Inverse-distance weights with no threshold are dense: refused above this many features
    /// (5,000² = 25 million entries, about 300 MB).
    public static let denseLimit = 5_000

    /// Builds the weights of `weighting` between `centres` (projected metres).
    /// - Throws: `HotSpotAnalysisError.invalidWeighting` for a distance ≤ 0 or not finite, a
    ///   negative power, k < 1 or k ≥ n, or a dense inverse-distance matrix above `denseLimit`;
    ///   `.nonFiniteInput` for a non-finite centre.
    public init(centres: [Coordinate], weighting: SpatialWeighting) throws {
        for (i, c) in centres.enumerated() where !c.isFinite { throw HotSpotAnalysisError.nonFiniteInput(index: i) }
        let n = centres.count
        let xs = centres.map(\.x), ys = centres.map(\.y)
        switch weighting {
        case let .fixedDistance(d):
            guard d.isFinite, d > 0 else { throw HotSpotAnalysisError.invalidWeighting("distance band \(d) m must be a positive number") }
            let rows = NeighbourGrid(xs: xs, ys: ys, bucketSize: d * (1 + 1e-5)).withinDistance(d, xs: xs, ys: ys)
            self.init(count: n, offsets: rows.offsets, neighbours: rows.neighbours, weights: [], isBinary: true, isSymmetric: true)
        case let .inverseDistance(power, threshold):
            guard power.isFinite, power >= 0 else { throw HotSpotAnalysisError.invalidWeighting("power \(power) must be ≥ 0") }
            let rows: NeighbourRows
            if let t = threshold {
                guard t.isFinite, t > 0 else { throw HotSpotAnalysisError.invalidWeighting("threshold \(t) m must be a positive number") }
                rows = NeighbourGrid(xs: xs, ys: ys, bucketSize: t * (1 + 1e-5)).withinDistance(t, xs: xs, ys: ys)
            } else {
                guard n <= Self.denseLimit else {
                    throw HotSpotAnalysisError.invalidWeighting("inverse distance without a threshold on \(n) features is a dense n² matrix: give a threshold")
                }
                rows = NeighbourRows.allPairs(n)
            }
            var w = [Double](repeating: 0, count: rows.neighbours.count)
            for i in 0..<n {
                for e in rows.offsets[i]..<rows.offsets[i + 1] {
                    let j = Int(rows.neighbours[e])
                    let dx = xs[i] - xs[j], dy = ys[i] - ys[j]
                    let d = max((dx * dx + dy * dy).squareRoot(), 1)
                    w[e] = power == 1 ? 1 / d : power == 2 ? 1 / (d * d) : 1 / pow(d, power)
                }
            }
            self.init(count: n, offsets: rows.offsets, neighbours: rows.neighbours, weights: w, isBinary: false, isSymmetric: true)
        case let .kNearest(k):
            guard k >= 1, k < n else { throw HotSpotAnalysisError.invalidWeighting("k = \(k) must be between 1 and the number of features − 1 (\(n - 1))") }
            let rows = NeighbourGrid(xs: xs, ys: ys, expectedPerBucket: Double(k)).nearest(k, xs: xs, ys: ys)
            self.init(count: n, offsets: rows.offsets, neighbours: rows.neighbours, weights: [], isBinary: true, isSymmetric: false)
        }
    }

    /// A matrix from its parts (no validation beyond the row count); for tests and callers that
    /// built neighbour lists themselves.
    public init(count: Int, offsets: [Int], neighbours: [Int32], weights: [Double], isBinary: Bool, isSymmetric: Bool) {
        self.count = count
        self.offsets = offsets
        self.neighbours = neighbours
        self.weights = weights
        self.isBinary = isBinary
        self.isSymmetric = isSymmetric
    }

    /// Number of neighbours of feature `i`, itself not counted.
    public func neighbourCount(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }

    /// Weight of the `e`-th stored entry.
    @inline(__always) public func weight(at e: Int) -> Double { isBinary ? 1 : weights[e] }
}
