import Foundation

/// The standard normal distribution, through the complementary error function of the C library
/// (`erfc`), which keeps full relative precision far into the tails.
///
/// Φ(z) = erfc(−z/√2) / 2. Used for every p-value in this module.
public enum StandardNormal {
    /// Φ(z), the probability that a standard normal variable is at most `z`.
    public static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// 1 − Φ(z) without cancellation: erfc(z/√2) / 2.
    public static func survival(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

    /// The two-sided p-value 2 Φ(−|z|) = erfc(|z|/√2): ArcGIS's `GiPValue` for a Gi* z-score.
    /// esda's `p_norm` is the one-sided half of it, Φ(−|z|).
    public static func twoSidedPValue(_ z: Double) -> Double { erfc(abs(z) / 2.0.squareRoot()) }
}
