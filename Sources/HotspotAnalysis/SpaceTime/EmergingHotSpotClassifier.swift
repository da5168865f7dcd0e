/// Classifies one location of an emerging hot spot analysis from its per-time-step Gi* results
/// (the rules are in `EmergingHotSpotCategory`).
///
/// Decision order (hot side shown; the cold side is symmetric), which settles the cases where
/// two of ArcGIS's definitions both fit:
/// 1. Final step hot and ≥ 90 % of steps hot: significant upward z trend → intensifying,
///    significant downward → diminishing, otherwise persistent.
/// 2. Final step hot and < 90 % hot: any earlier cold spot → oscillating (ArcGIS's sporadic
///    definition excludes cold steps, so a cold history is read as oscillation even when the
///    location would otherwise be new or consecutive); else, no hot bin before the final run of
///    hot bins → new (run of one) or consecutive (run of two or more); else sporadic.
/// 3. Final step not significant (or of the other sign): ≥ 90 % of steps hot → historical hot;
///    ≥ 90 % cold → historical cold. A final cold step with ≥ 90 % hot steps is a historical
///    hot spot (its most recent step "is not hot"), checked before step 2 for the cold side.
/// 4. Otherwise no pattern.
///
/// Significance: a bin counts when p ≤ `alpha` (default 0.10, ArcGIS's 90 % level); the trend
/// counts when the Mann-Kendall p ≤ `trendAlpha` (default 0.10). NaN z or p is not significant.
public enum EmergingHotSpotClassifier {
    /// The category of one location and the Mann-Kendall test of its z-score series.
    /// - Parameters:
    ///   - zScores: the Gi* z-score of each time step, oldest first.
    ///   - pValues: the matching two-sided p-values (same count).
    /// - Returns: `.noPattern` for an empty series.
    /// - Precondition: `zScores.count == pValues.count`.
    public static func classify(zScores: [Double], pValues: [Double], alpha: Double = 0.10,
                                trendAlpha: Double = 0.10) -> (category: EmergingHotSpotCategory, trend: MannKendallResult) {
        precondition(zScores.count == pValues.count, "zScores and pValues must have one value per time step")
        let trend = MannKendall.test(zScores, alpha: trendAlpha)
        let n = zScores.count
        guard n > 0 else { return (.noPattern, trend) }
        // +1 hot, -1 cold, 0 not significant.
        let state: [Int] = zip(zScores, pValues).map { z, p in
            guard !z.isNaN, !p.isNaN, p <= alpha, z != 0 else { return 0 }
            return z > 0 ? 1 : -1
        }
        let hot = state.filter { $0 == 1 }.count, cold = state.filter { $0 == -1 }.count
        // At least 90 % of n, in integers: 10·count ≥ 9·n.
        let mostlyHot = 10 * hot >= 9 * n, mostlyCold = 10 * cold >= 9 * n
        let last = state[n - 1]

        if last != 1, mostlyHot { return (.historicalHotSpot, trend) }
        if last != -1, mostlyCold { return (.historicalColdSpot, trend) }
        guard last != 0 else { return (.noPattern, trend) }

        let sign = last  // the side of the final step
        let mostly = sign == 1 ? mostlyHot : mostlyCold
        let hotSide = sign == 1
        if mostly {
            // The z trend in the direction of the spot's sign intensifies it.
            let significant = trend.p <= trendAlpha && trend.z != 0
            if significant && (trend.z > 0) == hotSide {
                return (hotSide ? .intensifyingHotSpot : .intensifyingColdSpot, trend)
            }
            if significant {
                return (hotSide ? .diminishingHotSpot : .diminishingColdSpot, trend)
            }
            return (hotSide ? .persistentHotSpot : .persistentColdSpot, trend)
        }
        if state.contains(-sign) {
            return (hotSide ? .oscillatingHotSpot : .oscillatingColdSpot, trend)
        }
        var runStart = n - 1
        while runStart > 0, state[runStart - 1] == sign { runStart -= 1 }
        let before = state[..<runStart].contains(sign)
        if !before {
            let runLength = n - runStart
            if runLength == 1 { return (hotSide ? .newHotSpot : .newColdSpot, trend) }
            return (hotSide ? .consecutiveHotSpot : .consecutiveColdSpot, trend)
        }
        return (hotSide ? .sporadicHotSpot : .sporadicColdSpot, trend)
    }
}
