import Foundation
import HotspotAnalysis
import Testing
import TestSupport

/// Mann-Kendall against pymannkendall 1.4.3 `original_test` (the oracle venv), on series with
/// and without ties, a missing value, a constant series and z-score-like series.
@Suite("Mann-Kendall vs pymannkendall")
struct MannKendallTests {
    static let series: [[Double]] = [
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0.5],
        [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9],              // ties of 2 and 3
        [2, 2, 2, 3, 3, 1, 1, 1, 1, 4, 4, 2],                        // heavy ties
        [0.31, -1.2, 2.75, 1.96, 2.2, 3.1, 2.9, 3.3, 4.05, 3.8, 4.4, 4.1],  // Gi* z-scores, rising
        [1.7, 1.2, 1.9, 0.4, -0.3, 0.1, -1.1, -0.8, -1.9, -1.4],
        [5, 5, 5, 5, 5, 5],                                          // constant: S = 0, Var(S) = 0
        [4, 7, .nan, 9, 8, 12, 11, 15],                              // a missing step
        [0, 1, 0],
    ]

    @Test func matchesPymannkendall() throws {
        try #require(PythonOracle.unavailableReason == nil, "\(PythonOracle.unavailableReason ?? "")")
        let input = try JSONSerialization.data(withJSONObject: Self.series.map { $0.map { $0.isNaN ? NSNull() as Any : $0 as Any } })
        let script = """
            import sys, json, math
            import numpy as np, pymannkendall as mk
            out = []
            for s in json.load(sys.stdin):
                r = mk.original_test(np.array([np.nan if v is None else v for v in s], dtype=float), alpha=0.05)
                out.append({"trend": r.trend, "p": float(r.p), "z": float(r.z), "tau": float(r.Tau), "s": float(r.s),
                            "var": float(r.var_s), "slope": float(r.slope)})
            print(json.dumps(out))
            """
        let expected = try #require(try PythonOracle.json(script: script, input: input) as? [[String: Any]])
        for (series, e) in zip(Self.series, expected) {
            let r = MannKendall.test(series, alpha: 0.05)
            func close(_ a: Double, _ key: String) {
                let b = e[key] as? Double ?? .nan
                #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(key) of \(series): \(a) vs pymannkendall \(b)")
            }
            close(r.s, "s"); close(r.variance, "var"); close(r.z, "z"); close(r.p, "p"); close(r.tau, "tau"); close(r.slope, "slope")
            #expect(r.trend.rawValue == e["trend"] as? String, "trend of \(series)")
        }
    }

    /// Worked by hand: x = 1, 3, 2 → S = (+1) + (+1) + (−1) = 1, Var = 3·2·11/18 = 11/3,
    /// z = 0 (S − 1 = 0), p = 1, τ = 1/3, Sen's slope = median(2, 0.5, −1) = 0.5.
    @Test func handWorkedSmallSeries() {
        let r = MannKendall.test([1, 3, 2])
        #expect(r.s == 1)
        #expect(abs(r.variance - 11.0 / 3) < 1e-15)
        #expect(r.z == 0 && r.p == 1 && r.trend == .none)
        #expect(abs(r.tau - 1.0 / 3) < 1e-15)
        #expect(r.slope == 0.5)
        let short = MannKendall.test([7])
        #expect(short.n == 1 && short.p == 1 && short.trend == .none)
    }
}
