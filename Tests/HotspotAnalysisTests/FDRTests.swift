import Foundation
import HotspotAnalysis
import Testing
import TestSupport

/// Benjamini-Hochberg against a few lines of numpy in the oracle, and worked by hand.
@Suite struct FDRTests {
    @Test func workedByHand() {
        // m = 5, α = 0.05: k·α/m = 0.01, 0.02, 0.03, 0.04, 0.05.
        // sorted p: 0.001 ≤ 0.01 ✓, 0.015 ≤ 0.02 ✓, 0.035 > 0.03, 0.04 ≤ 0.04 ✓, 0.2 > 0.05
        // → largest passing rank 4 → critical p = 0.04 (step-up: 0.035 is significant too).
        let p = [0.2, 0.035, 0.001, 0.04, 0.015]
        #expect(BenjaminiHochberg.criticalPValue(p, alpha: 0.05) == 0.04)
        #expect(BenjaminiHochberg.significant(p, alpha: 0.05) == [false, true, true, true, true])
        #expect(BenjaminiHochberg.criticalPValue(p, alpha: 0.001) == nil)
        #expect(BenjaminiHochberg.criticalPValue([], alpha: 0.05) == nil)
        let t = GiBinThresholds(p99: nil, p95: 0.04, p90: 0.04)
        #expect(t.bin(z: -2.5, p: 0.001) == -2)
        #expect(t.bin(z: 2.5, p: 0.05) == 0)
    }

    @Test func matchesNumpyOnRandomPValues() throws {
        var rng = SplitMix64(seed: 99)
        // A mix of signal (small p) and noise (uniform p).
        let p = (0..<5_000).map { i in i % 10 == 0 ? pow(rng.unit(), 6) : rng.unit() }
        let script = """
        import json, sys, numpy as np
        p = np.array(json.load(sys.stdin)['p']); m = len(p); s = np.sort(p)
        out = []
        for a in (0.01, 0.05, 0.10):
            ok = np.nonzero(s <= np.arange(1, m + 1) * a / m)[0]
            out.append(float(s[ok.max()]) if len(ok) else None)
        print(json.dumps({'t': out}))
        """
        let out = try GiStarOracle.run(script, ["p": p])
        let expected = try #require(out["t"] as? [Any])
        let ours = BenjaminiHochberg.criticalPValues(p, alphas: [0.01, 0.05, 0.10])
        #expect(ours.count == 3)
        for (a, b) in zip(ours, expected) {
            let b = try #require(b as? Double)
            // JSON carries the p-values to about 1e-16 relative, not bit for bit.
            #expect(GiStarOracle.relClose(try #require(a), b, 1e-14), "critical p \(String(describing: a)) vs numpy \(b)")
        }
    }
}
