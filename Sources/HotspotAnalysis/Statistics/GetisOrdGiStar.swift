import Foundation
import GeoCore

/// One feature's Getis-Ord Gi* result, as ArcGIS's Hot Spot Analysis writes it.
public struct GiStarResult: Sendable, Hashable {
    /// `GiZScore`: the Gi* statistic, a z-score (positive: high values cluster).
    public var zScore: Double
    /// `GiPValue`: two-sided p-value 2 Φ(−|z|).
    public var pValue: Double
    /// `NNeighbors`: neighbours with a non-zero weight, the feature itself included.
    public var neighbours: Int
    /// `Gi_Bin`: −3…3 (see `GiBinThresholds`), with or without FDR as requested.
    public var bin: Int

    public init(zScore: Double, pValue: Double, neighbours: Int, bin: Int) {
        self.zScore = zScore
        self.pValue = pValue
        self.neighbours = neighbours
        self.bin = bin
    }
}

/// The results of one Gi* run with the figures a report states.
public struct GiStarReport: Sendable, Hashable {
    /// One result per feature, in input order.
    public var results: [GiStarResult]
    /// The p-value thresholds of the bins (plain, or Benjamini-Hochberg when `fdr`).
    public var thresholds: GiBinThresholds
    /// Whether the bins use the False Discovery Rate correction.
    public var fdr: Bool
    /// X̄, the mean of the values.
    public var mean: Double
    /// S, the population standard deviation of the values (divisor n).
    public var standardDeviation: Double
    /// Conditions ArcGIS warns about; the results are computed all the same.
    public var warnings: [GiStarWarning]
}

/// A condition that weakens a Gi* result without preventing it (ArcGIS warns about both).
public enum GiStarWarning: Sendable, Hashable, CustomStringConvertible {
    /// Fewer than 30 features: ArcGIS's stated minimum for reliable results.
    case fewerThan30Features(count: Int)
    /// This many features have no neighbour besides themselves (NNeighbors = 1): their z is
    /// just their standardised value. Use a larger distance band or k nearest neighbours.
    case featuresWithoutNeighbours(count: Int)

    public var description: String {
        switch self {
        case let .fewerThan30Features(n): "only \(n) features: Gi* results are unreliable below 30"
        case let .featuresWithoutNeighbours(n): "\(n) features have no neighbour within the distance band: widen the band"
        }
    }
}

/// Getis-Ord Gi* (Getis & Ord 1992; Ord & Getis 1995), as ArcGIS Pro's Hot Spot Analysis and
/// esda's `G_Local(star=True)` with binary weights compute it.
///
/// For feature i with weights w_ij (w_ii = 1: the feature is its own neighbour):
///
///     z_i = (Σ_j w_ij x_j − X̄ W_i) / (S √((n S1_i − W_i²) / (n − 1)))
///     W_i = Σ_j w_ij,  S1_i = Σ_j w_ij²,  X̄ = Σ x / n,  S = √(Σ x² / n − X̄²)
///
/// p = 2 Φ(−|z|) (ArcGIS `GiPValue`); esda's `p_norm` is half of it. With binary weights this is
/// exactly esda's z (esda's variance uses W_i where this uses S1_i, equal when weights are 0/1);
/// with inverse-distance weights this is ArcGIS's formula, which esda does not compute.
///
/// Edge cases: a feature with no neighbour besides itself gets z = (x_i − X̄)/S, as the formula
/// gives (NNeighbors = 1, and `GiStarReport.warnings` counts such features, as ArcGIS warns).
/// Fewer than 30 features is a warning too, not an error (3 is the minimum). A feature
/// whose neighbourhood holds every feature with equal weights has a zero denominator: it gets
/// z = 0, p = 1, bin 0 (its local sum is the global sum, nothing to test). No NaN is returned.
public enum GetisOrdGiStar {
    /// Fewest features accepted. ArcGIS advises at least 30; results on fewer are valid formulas
    /// but weak statistics.
    public static let minimumFeatures = 3

    /// Gi* for `values` on features centred at `centres` (projected metres).
    /// - Parameters:
    ///   - weighting: how neighbours are found (`SpatialWeighting`).
    ///   - fdr: bins with the Benjamini-Hochberg False Discovery Rate correction.
    /// - Throws: `HotSpotAnalysisError` (count mismatch, fewer than 3 features, non-finite input,
    ///   zero variance, invalid weighting).
    public static func compute(values: [Double], centres: [Coordinate], weighting: SpatialWeighting, fdr: Bool) throws -> [GiStarResult] {
        try analyse(values: values, centres: centres, weighting: weighting, fdr: fdr).results
    }

    /// `compute`, with the bin thresholds, mean and standard deviation.
    public static func analyse(values: [Double], centres: [Coordinate], weighting: SpatialWeighting, fdr: Bool) throws -> GiStarReport {
        guard values.count == centres.count else { throw HotSpotAnalysisError.countMismatch(values: values.count, centres: centres.count) }
        try checkValues(values)
        return try analyse(values: values, weights: SpatialWeights(centres: centres, weighting: weighting), fdr: fdr)
    }

    /// Gi* with prepared weights (self weight 1 added here; `weights` must not contain i in row i).
    /// - Throws: as `compute`.
    public static func analyse(values: [Double], weights: SpatialWeights, fdr: Bool) throws -> GiStarReport {
        guard values.count == weights.count else { throw HotSpotAnalysisError.countMismatch(values: values.count, centres: weights.count) }
        try checkValues(values)
        let n = values.count
        let nd = Double(n)
        let mean = values.reduce(0, +) / nd
        var ss = 0.0
        for v in values { ss += (v - mean) * (v - mean) }
        let s = (ss / nd).squareRoot()
        let scale = values.reduce(0) { max($0, abs($1)) }
        guard s > 1e-12 * scale, s > 0 else { throw HotSpotAnalysisError.zeroVariance }

        var z = [Double](repeating: 0, count: n)
        var p = [Double](repeating: 1, count: n)
        var counts = [Int](repeating: 1, count: n)
        values.withUnsafeBufferPointer { x in
            weights.neighbours.withUnsafeBufferPointer { nb in
                weights.weights.withUnsafeBufferPointer { w in
                    let off = weights.offsets
                    for i in 0..<n {
                        let a = off[i], b = off[i + 1]
                        var sum = x[i], wSum = 1.0, w2Sum = 1.0
                        if weights.isBinary {
                            for e in a..<b { sum += x[Int(nb[e])] }
                            wSum += Double(b - a)
                            w2Sum = wSum
                        } else {
                            for e in a..<b {
                                let we = w[e]
                                sum += we * x[Int(nb[e])]
                                wSum += we
                                w2Sum += we * we
                            }
                        }
                        counts[i] = 1 + b - a
                        let radicand = (nd * w2Sum - wSum * wSum) / (nd - 1)
                        // n·S1 − W² ≥ 0 (Cauchy-Schwarz); ≈ 0 only when every feature is an equal-weight neighbour.
                        if radicand > 1e-12 * nd * w2Sum {
                            let zi = (sum - mean * wSum) / (s * radicand.squareRoot())
                            z[i] = zi
                            p[i] = StandardNormal.twoSidedPValue(zi)
                        }
                    }
                }
            }
        }
        let thresholds = fdr ? GiBinThresholds.falseDiscoveryRate(p) : .plain
        var results = [GiStarResult]()
        results.reserveCapacity(n)
        for i in 0..<n {
            results.append(GiStarResult(zScore: z[i], pValue: p[i], neighbours: counts[i], bin: thresholds.bin(z: z[i], p: p[i])))
        }
        var warnings = [GiStarWarning]()
        if n < 30 { warnings.append(.fewerThan30Features(count: n)) }
        let alone = counts.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
        if alone > 0 { warnings.append(.featuresWithoutNeighbours(count: alone)) }
        return GiStarReport(results: results, thresholds: thresholds, fdr: fdr, mean: mean, standardDeviation: s, warnings: warnings)
    }

    static func checkValues(_ values: [Double]) throws {
        guard values.count >= minimumFeatures else { throw HotSpotAnalysisError.tooFewFeatures(count: values.count, minimum: minimumFeatures) }
        for (i, v) in values.enumerated() where !v.isFinite { throw HotSpotAnalysisError.nonFiniteInput(index: i) }
    }
}
