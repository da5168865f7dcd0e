/// The 17 patterns of ArcGIS Pro's Emerging Hot Spot Analysis ("How Emerging Hot Spot Analysis
/// works", Space Time Pattern Mining toolbox), with ArcGIS's display names as raw values.
///
/// The rules below restate ArcGIS's definitions in our own words. Source: that page
/// (pro.arcgis.com …/space-time-pattern-mining/learnmoreemerging.htm), whose full table the
/// search tool returned in its Japanese, Spanish and French editions, and the English wording
/// known to the author; the thresholds (90 % of steps, 90 % confidence) are ArcGIS's. A bin is a *hot spot* when its Gi* p ≤ 0.10 and z > 0, a *cold spot*
/// when p ≤ 0.10 and z < 0 (ArcGIS's 90 % confidence). "90 % of the time steps" means at least
/// 90 % of all n steps. The trend is the Mann-Kendall test on the location's z-score series.
/// Cold-spot rules are the hot-spot rules with hot and cold exchanged and the trend reversed
/// (an intensifying cold spot's z-scores trend downwards).
///
/// - `newHotSpot`: hot in the final time step and never hot before.
/// - `consecutiveHotSpot`: one uninterrupted run of at least two hot bins ending at the final
///   step, never hot before that run, and fewer than 90 % of all bins hot.
/// - `intensifyingHotSpot`: hot in at least 90 % of the steps including the final one, and the
///   intensity of clustering increases significantly (significant upward trend of z).
/// - `persistentHotSpot`: hot in at least 90 % of the steps with no significant trend in the
///   intensity of clustering.
/// - `diminishingHotSpot`: hot in at least 90 % of the steps including the final one, and the
///   intensity of clustering decreases significantly (significant downward trend of z).
/// - `sporadicHotSpot`: hot in the final step with a history of being on-and-off hot: fewer than
///   90 % of the steps hot and no step a cold spot.
/// - `oscillatingHotSpot`: hot in the final step, a cold spot in some earlier step, fewer than
///   90 % of the steps hot.
/// - `historicalHotSpot`: the final step is not hot, but at least 90 % of the steps were hot.
///
/// Where ArcGIS's sentences overlap, `EmergingHotSpotClassifier` decides as it documents.
public enum EmergingHotSpotCategory: String, Sendable, Hashable, CaseIterable {
    case noPattern = "No Pattern Detected"
    case newHotSpot = "New Hot Spot"
    case consecutiveHotSpot = "Consecutive Hot Spot"
    case intensifyingHotSpot = "Intensifying Hot Spot"
    case persistentHotSpot = "Persistent Hot Spot"
    case diminishingHotSpot = "Diminishing Hot Spot"
    case sporadicHotSpot = "Sporadic Hot Spot"
    case oscillatingHotSpot = "Oscillating Hot Spot"
    case historicalHotSpot = "Historical Hot Spot"
    case newColdSpot = "New Cold Spot"
    case consecutiveColdSpot = "Consecutive Cold Spot"
    case intensifyingColdSpot = "Intensifying Cold Spot"
    case persistentColdSpot = "Persistent Cold Spot"
    case diminishingColdSpot = "Diminishing Cold Spot"
    case sporadicColdSpot = "Sporadic Cold Spot"
    case oscillatingColdSpot = "Oscillating Cold Spot"
    case historicalColdSpot = "Historical Cold Spot"

    /// ArcGIS's display name, e.g. "New Hot Spot".
    public var displayName: String { rawValue }

    /// True for the eight hot-spot patterns.
    public var isHot: Bool { rawValue.hasSuffix("Hot Spot") }

    /// True for the eight cold-spot patterns.
    public var isCold: Bool { rawValue.hasSuffix("Cold Spot") }
}
