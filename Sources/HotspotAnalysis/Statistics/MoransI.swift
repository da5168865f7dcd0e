import Foundation
import GeoCore

/// Global Moran's I (Moran 1950) with its moments under both assumptions, as ArcGIS's Spatial
/// Autocorrelation tool and esda's `Moran` compute them.
///
///     I = (n / S0) · Σ_i Σ_j w_ij z_i z_j / Σ_i z_i²,  z_i = x_i − X̄,  w_ii = 0
///     E[I] = −1 / (n − 1)
///     S0 = Σ_ij w_ij,  S1 = ½ Σ_ij (w_ij + w_ji)²,  S2 = Σ_i (w_i· + w_·i)²
///
/// Randomisation (ArcGIS's variance, esda `VI_rand`; b2 = n Σz⁴ / (Σz²)², the kurtosis):
///
///     E[I²] = (n((n² − 3n + 3) S1 − n S2 + 3 S0²) − b2((n² − n) S1 − 2n S2 + 6 S0²))
///             / ((n − 1)(n − 2)(n − 3) S0²),   V = E[I²] − E[I]²
///
/// Normality (esda `VI_norm`): V = (n² S1 − n S2 + 3 S0²) / ((n² − 1) S0²) − E[I]².
///
/// z = (I − E[I]) / √V; p = 2 Φ(−|z|) (two-sided, esda's default and ArcGIS's p-value).
/// `zScore` / `pValue` are the randomisation figures ArcGIS reports.
///
/// Weights: distance-based (`fixedDistance`, `inverseDistance`), row-standardised by default
/// (`rowStandardized: true`, ArcGIS's `ROW` and libpysal's transform "R": w_ij / Σ_j w_ij; a
/// feature with no neighbour keeps a zero row) or left as they are (libpysal "B" for binary
/// bands, "O" for inverse distance). k-nearest-neighbour weights are refused (their S1 needs
/// the transposed matrix, not kept here).
public struct MoransI: Sendable, Hashable {
    /// Moran's I.
    public var index: Double
    /// E[I] = −1/(n − 1).
    public var expected: Double
    /// Variance under randomisation (ArcGIS).
    public var variance: Double
    /// z under randomisation (ArcGIS's z-score; esda `z_rand`).
    public var zScore: Double
    /// Two-sided p of `zScore` (esda `p_rand`).
    public var pValue: Double
    /// Variance under normality (esda `VI_norm`).
    public var varianceNormality: Double
    /// z under normality (esda `z_norm`).
    public var zScoreNormality: Double
    /// Two-sided p of `zScoreNormality` (esda `p_norm`).
    public var pValueNormality: Double
    /// Whether the weights were row-standardised.
    public var rowStandardized: Bool

    /// Fewest features accepted (the randomisation variance divides by n − 3).
    public static let minimumFeatures = 4

    /// Moran's I of `values` at `centres` (projected metres) with distance-based `weighting`.
    /// - Throws: `HotSpotAnalysisError`: count mismatch, fewer than 4 features, non-finite input,
    ///   zero variance, k-nearest weighting, or `.noNeighbours` when no feature has a neighbour.
    public init(values: [Double], centres: [Coordinate], weighting: SpatialWeighting, rowStandardized: Bool = true) throws {
        guard values.count == centres.count else { throw HotSpotAnalysisError.countMismatch(values: values.count, centres: centres.count) }
        guard weighting.isSymmetric else {
            throw HotSpotAnalysisError.invalidWeighting("Moran's I here takes a distance band or inverse distance, not k nearest neighbours")
        }
        guard values.count >= Self.minimumFeatures else { throw HotSpotAnalysisError.tooFewFeatures(count: values.count, minimum: Self.minimumFeatures) }
        try self.init(values: values, weights: SpatialWeights(centres: centres, weighting: weighting), rowStandardized: rowStandardized)
    }

    /// Moran's I with prepared symmetric weights (row i must not hold i).
    /// - Throws: as the other initialiser.
    public init(values: [Double], weights: SpatialWeights, rowStandardized: Bool = true) throws {
        let n = values.count
        guard n == weights.count else { throw HotSpotAnalysisError.countMismatch(values: n, centres: weights.count) }
        guard weights.isSymmetric else { throw HotSpotAnalysisError.invalidWeighting("Moran's I needs symmetric (distance-based) weights") }
        guard n >= Self.minimumFeatures else { throw HotSpotAnalysisError.tooFewFeatures(count: n, minimum: Self.minimumFeatures) }
        for (i, v) in values.enumerated() where !v.isFinite { throw HotSpotAnalysisError.nonFiniteInput(index: i) }
        let nd = Double(n)
        let mean = values.reduce(0, +) / nd
        let z = values.map { $0 - mean }
        var m2 = 0.0, m4 = 0.0
        for v in z { let q = v * v; m2 += q; m4 += q * q }
        let scale = values.reduce(0) { max($0, abs($1)) }
        guard m2 > 0, (m2 / nd).squareRoot() > 1e-12 * scale else { throw HotSpotAnalysisError.zeroVariance }

        // Original row sums r_i; the row-standardised weight is b_ij / r_i, and by symmetry of
        // the original weights w_ji = b_ij / r_j.
        let off = weights.offsets, nb = weights.neighbours
        var rowSum = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = 0.0
            for e in off[i]..<off[i + 1] { s += weights.weight(at: e) }
            rowSum[i] = s
        }
        var s0 = 0.0, s1 = 0.0, cross = 0.0
        var colSum = [Double](repeating: 0, count: n)
        for i in 0..<n where off[i + 1] > off[i] {
            var rowCross = 0.0
            for e in off[i]..<off[i + 1] {
                let j = Int(nb[e])
                let b = weights.weight(at: e)
                let wij = rowStandardized ? b / rowSum[i] : b
                let wji = rowStandardized ? b / rowSum[j] : b
                s0 += wij
                s1 += (wij + wji) * (wij + wji)
                colSum[i] += wji
                rowCross += wij * z[j]
            }
            cross += z[i] * rowCross
        }
        s1 /= 2
        guard s0 > 0 else { throw HotSpotAnalysisError.noNeighbours }
        var s2 = 0.0
        for i in 0..<n {
            let r = rowStandardized ? (rowSum[i] > 0 ? 1.0 : 0.0) : rowSum[i]
            s2 += (r + colSum[i]) * (r + colSum[i])
        }
        let index = nd / s0 * cross / m2
        let expected = -1 / (nd - 1)
        let b2 = nd * m4 / (m2 * m2)
        let s02 = s0 * s0
        let a = nd * ((nd * nd - 3 * nd + 3) * s1 - nd * s2 + 3 * s02)
        let d = b2 * ((nd * nd - nd) * s1 - 2 * nd * s2 + 6 * s02)
        let varRand = (a - d) / ((nd - 1) * (nd - 2) * (nd - 3) * s02) - expected * expected
        let varNorm = (nd * nd * s1 - nd * s2 + 3 * s02) / ((nd * nd - 1) * s02) - expected * expected
        self.index = index
        self.expected = expected
        self.variance = varRand
        self.zScore = varRand > 0 ? (index - expected) / varRand.squareRoot() : 0
        self.pValue = StandardNormal.twoSidedPValue(zScore)
        self.varianceNormality = varNorm
        self.zScoreNormality = varNorm > 0 ? (index - expected) / varNorm.squareRoot() : 0
        self.pValueNormality = StandardNormal.twoSidedPValue(zScoreNormality)
        self.rowStandardized = rowStandardized
    }
}
