/// The Benjamini-Hochberg step-up procedure (Benjamini & Hochberg 1995, J. R. Stat. Soc. B 57),
/// the False Discovery Rate correction of ArcGIS's Hot Spot Analysis and of esda's `fdr`.
///
/// With the m p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎, the critical p-value at rate α is
/// p₍ₖ₎ for the largest k with p₍ₖ₎ ≤ k·α/m; every p ≤ that value is significant. When no k
/// qualifies, nothing is significant at α (`criticalPValue` returns nil).
public enum BenjaminiHochberg {
    /// The critical p-value at false discovery rate `alpha` (0 < α ≤ 1), or nil when no test is
    /// significant. NaN p-values count in m but are never significant.
    ///
    /// Only the p-values ≤ α can pass (k·α/m ≤ α), so only those are sorted: O(m + s log s) for
    /// s of them.
    public static func criticalPValue(_ pValues: [Double], alpha: Double) -> Double? {
        criticalPValues(pValues, alphas: [alpha])[0]
    }

    /// `criticalPValue` for several rates with one pass and one sort (of the p-values ≤ the
    /// largest α). The answer is parallel to `alphas`.
    public static func criticalPValues(_ pValues: [Double], alphas: [Double]) -> [Double?] {
        guard let largest = alphas.max(), !pValues.isEmpty else { return alphas.map { _ in nil } }
        var small = [Double]()
        small.reserveCapacity(pValues.count / 8)
        for p in pValues where p <= largest { small.append(p) }
        small.sort()
        let m = Double(pValues.count)
        return alphas.map { alpha in
            var critical: Double?
            // The ranks of `small` are the ranks among all m p-values (they are the smallest).
            for (index, p) in small.enumerated().reversed() where p <= Double(index + 1) * alpha / m {
                critical = p
                break
            }
            return critical
        }
    }

    /// Whether each p-value is significant at false discovery rate `alpha` (p ≤ critical p).
    public static func significant(_ pValues: [Double], alpha: Double) -> [Bool] {
        guard let c = criticalPValue(pValues, alpha: alpha) else { return pValues.map { _ in false } }
        return pValues.map { $0 <= c }
    }
}
