/// ArcGIS's `Gi_Bin` confidence bins: ±3 at 99 %, ±2 at 95 %, ±1 at 90 % confidence, 0 not
/// significant; the sign is the sign of the z-score.
///
/// Without FDR the thresholds are the two-sided p-values 0.01, 0.05 and 0.10. With FDR each is
/// replaced by the Benjamini-Hochberg critical p-value at that rate (`BenjaminiHochberg`), and
/// a level where no test passes has no significant features.
public struct GiBinThresholds: Sendable, Hashable {
    /// Largest two-sided p-value binned ±3 (99 % confidence); nil: none.
    public var p99: Double?
    /// Largest two-sided p-value binned ±2 (95 %); nil: none.
    public var p95: Double?
    /// Largest two-sided p-value binned ±1 (90 %); nil: none.
    public var p90: Double?

    public init(p99: Double?, p95: Double?, p90: Double?) {
        self.p99 = p99
        self.p95 = p95
        self.p90 = p90
    }

    /// The plain thresholds 0.01, 0.05, 0.10.
    public static let plain = GiBinThresholds(p99: 0.01, p95: 0.05, p90: 0.10)

    /// The Benjamini-Hochberg thresholds at rates 0.01, 0.05, 0.10 for these p-values.
    public static func falseDiscoveryRate(_ pValues: [Double]) -> GiBinThresholds {
        let c = BenjaminiHochberg.criticalPValues(pValues, alphas: [0.01, 0.05, 0.10])
        return GiBinThresholds(p99: c[0], p95: c[1], p90: c[2])
    }

    /// The bin of one z-score and its two-sided p-value: −3…3.
    @inline(__always) public func bin(z: Double, p: Double) -> Int {
        let level: Int
        if let t = p99, p <= t { level = 3 } else if let t = p95, p <= t { level = 2 } else if let t = p90, p <= t { level = 1 } else { level = 0 }
        return z < 0 ? -level : level
    }
}
