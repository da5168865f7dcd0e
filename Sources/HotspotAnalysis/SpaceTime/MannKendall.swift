import Foundation

/// The Mann-Kendall trend test (Mann 1945, Kendall 1975; Gilbert 1987, "Statistical Methods
/// for Environmental Pollution Monitoring", section 16.4), as ArcGIS's Emerging Hot Spot Analysis
/// applies it: to each location's time series of Gi* z-scores (the trend of the hot or cold
/// spot intensity, which decides intensifying / persistent / diminishing), and to the series of
/// bin counts or values (the trend of the data itself, ArcGIS's `TREND_Z` of the space-time cube).
///
/// For a series x₁…xₙ (missing values, NaN, are dropped first, as pymannkendall does):
/// - S = Σ_{i<j} sign(xⱼ − xᵢ)
/// - Var(S) = [n(n−1)(2n+5) − Σₜ t(t−1)(2t+5)] / 18, the sum over groups of t tied values
/// - z = (S − 1)/√Var(S) when S > 0, (S + 1)/√Var(S) when S < 0, 0 when S = 0 (continuity correction)
/// - p = 2[1 − Φ(|z|)], two-sided, Φ the standard normal distribution (Φ(x) = erfc(−x/√2)/2)
/// - Kendall's τ = S / [n(n−1)/2]
/// - Sen's slope: the median of (xⱼ − xᵢ)/(j − i) over i < j (per time step)
///
/// Checked against pymannkendall 1.4.3 `original_test`.
public struct MannKendallResult: Sendable, Hashable {
    /// The direction of a trend.
    public enum Trend: String, Sendable, Hashable {
        /// Significant positive trend (z > 0).
        case increasing
        /// Significant negative trend (z < 0).
        case decreasing
        /// No significant trend at the chosen level.
        case none = "no trend"
    }

    /// Number of values used (after dropping NaN).
    public var n: Int
    /// Mann-Kendall's S.
    public var s: Double
    /// Var(S) with the tie correction.
    public var variance: Double
    /// The standardised statistic with continuity correction.
    public var z: Double
    /// Two-sided p-value.
    public var p: Double
    /// Kendall's τ (between −1 and 1; 0 for fewer than two values).
    public var tau: Double
    /// Sen's slope, value units per time step (0 for fewer than two values).
    public var slope: Double
    /// `.increasing` / `.decreasing` when p ≤ alpha, else `.none`.
    public var trend: Trend
}

/// Runs the Mann-Kendall trend test; see `MannKendallResult` for the formulas.
public enum MannKendall {
    /// Tests `series` (in time order) for a monotonic trend.
    /// - Parameters:
    ///   - alpha: the two-sided significance level for `trend`; default 0.10, the 90 % level
    ///     ArcGIS's Emerging Hot Spot Analysis uses (pymannkendall's default is 0.05).
    /// - Returns: S = 0, z = 0, p = 1, τ = 0, no trend for fewer than two values. Pairs are
    ///   compared by exact equality, so ties are exactly equal values.
    public static func test(_ series: [Double], alpha: Double = 0.10) -> MannKendallResult {
        let x = series.filter { !$0.isNaN }
        let n = x.count
        guard n >= 2 else {
            return MannKendallResult(n: n, s: 0, variance: 0, z: 0, p: 1, tau: 0, slope: 0, trend: .none)
        }
        var s = 0
        var slopes: [Double] = []
        slopes.reserveCapacity(n * (n - 1) / 2)
        for i in 0..<(n - 1) {
            for j in (i + 1)..<n {
                let d = x[j] - x[i]
                s += d > 0 ? 1 : (d < 0 ? -1 : 0)
            }
        }
        // Sen's slope over the original positions (pymannkendall uses the series with NaN, then a NaN-skipping median).
        for i in 0..<series.count where !series[i].isNaN {
            for j in (i + 1)..<series.count where !series[j].isNaN {
                slopes.append((series[j] - series[i]) / Double(j - i))
            }
        }
        let nd = Double(n)
        var tieTerm = 0.0
        var counts: [Double: Int] = [:]
        for v in x { counts[v, default: 0] += 1 }
        for t in counts.values where t > 1 {
            let td = Double(t)
            tieTerm += td * (td - 1) * (2 * td + 5)
        }
        let variance = (nd * (nd - 1) * (2 * nd + 5) - tieTerm) / 18
        let sd = Double(s)
        var z = 0.0
        if variance > 0 {
            if s > 0 { z = (sd - 1) / variance.squareRoot() } else if s < 0 { z = (sd + 1) / variance.squareRoot() }
        }
        let p = erfc(abs(z) / 2.0.squareRoot())  // = 2[1 − Φ(|z|)]
        let trend: MannKendallResult.Trend = p <= alpha && z != 0 ? (z > 0 ? .increasing : .decreasing) : .none
        return MannKendallResult(n: n, s: sd, variance: variance, z: z, p: p, tau: sd / (0.5 * nd * (nd - 1)),
                                 slope: median(slopes), trend: trend)
    }

    private static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let v = values.sorted()
        let m = v.count / 2
        return v.count % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2
    }
}
