import Foundation
import HotspotAnalysis
import Testing
import TestSupport

@Suite struct ClassificationTests {
    @Test func parsesSpecs() throws {
        #expect(try ClassBreakMethod(parsing: "jenks:5") == .naturalBreaks(classes: 5))
        #expect(try ClassBreakMethod(parsing: "quantile:4") == .quantile(classes: 4))
        #expect(try ClassBreakMethod(parsing: "equal:5") == .equalInterval(classes: 5))
        #expect(try ClassBreakMethod(parsing: "stddev:1") == .standardDeviation(interval: 1))
        #expect(try ClassBreakMethod(parsing: "values:0.1,0.5,1") == .values([0.1, 0.5, 1]))
        for bad in ["jenks", "jenks:1", "quantile:x", "stddev:0", "values:", "foo:3"] {
            #expect(throws: ClassBreakMethod.ParseError.self) { try ClassBreakMethod(parsing: bad) }
        }
    }

    /// Worked by hand: 1...10, equal interval 5 → 2.8, 4.6, 6.4, 8.2; quantile 4 → positions
    /// ⌊c·10/4⌋ − 1 = 1, 4, 6 → 2, 5, 7.
    @Test func equalIntervalAndQuantileByHand() throws {
        let v = (1...10).map(Double.init)
        let eq = try ClassBreaks(values: v, method: .equalInterval(classes: 5))
        #expect(eq.thresholds.count == 4)
        for (a, b) in zip(eq.thresholds, [2.8, 4.6, 6.4, 8.2]) { #expect(abs(a - b) < 1e-12) }
        #expect(try ClassBreaks(values: v, method: .quantile(classes: 4)).thresholds == [2, 5, 7])
        #expect(eq.classOf(1) == 1)
        #expect(eq.classOf(2.8) == 1)
        #expect(eq.classOf(2.81) == 2)
        #expect(eq.classOf(10) == 5)
    }

    /// Mean 5.5, population SD √8.25 ≈ 2.8723: 1-SD classes centred on the mean give thresholds
    /// 5.5 ± 1.4361 and 5.5 ± 4.3084 (all inside 1...10).
    @Test func standardDeviationByHand() throws {
        let v = (1...10).map(Double.init)
        let sd = 8.25.squareRoot()
        let t = try ClassBreaks(values: v, method: .standardDeviation(interval: 1)).thresholds
        let expected = [5.5 - 1.5 * sd, 5.5 - 0.5 * sd, 5.5 + 0.5 * sd, 5.5 + 1.5 * sd]
        #expect(t.count == 4)
        for (a, b) in zip(t, expected) { #expect(abs(a - b) < 1e-12) }
    }

    /// Fisher-Jenks against an independent brute-force optimum in Python (every placement of the
    /// k − 1 cuts, least total within-class squared deviation).
    @Test(arguments: [(2, 11), (3, 13), (4, 14), (5, 15)])
    func naturalBreaksMatchBruteForce(classes: Int, count: Int) throws {
        try #require(PythonOracle.unavailableReason == nil, "\(PythonOracle.unavailableReason ?? "")")
        var rng = SplitMix64(seed: UInt64(classes * 100 + count))
        let values = (0..<count).map { _ in rng.unit() * 100 }
        let script = """
        import itertools, json, sys
        d = json.load(sys.stdin); v = sorted(d["v"]); k = d["k"]; n = len(v)
        def ssd(a):
            m = sum(a) / len(a); return sum((x - m) ** 2 for x in a)
        best = None
        for cuts in itertools.combinations(range(1, n), k - 1):
            b = (0,) + cuts + (n,)
            cost = sum(ssd(v[b[i]:b[i + 1]]) for i in range(k))
            if best is None or cost < best[0]: best = (cost, [v[c - 1] for c in cuts])
        print(json.dumps(best[1]))
        """
        let input = try JSONSerialization.data(withJSONObject: ["v": values, "k": classes])
        let expected = try #require(try PythonOracle.json(script: script, input: input) as? [Double])
        let got = try ClassBreaks(values: values, method: .naturalBreaks(classes: classes)).thresholds
        // The breaks are input values; JSON text may change their last bit, nothing more.
        #expect(got.count == expected.count)
        for (a, b) in zip(got, expected) { #expect(abs(a - b) <= 1e-12 * abs(b), "k=\(classes): \(got) vs \(expected)") }
    }

    /// A large input is classified on the documented even sample of 10,000 sorted values.
    @Test func naturalBreaksSampleLargeInputs() throws {
        let values = (0..<50_000).map { Double($0 % 1000) + ($0 < 25_000 ? 0 : 5000) }
        let b = try ClassBreaks(values: values, method: .naturalBreaks(classes: 2))
        #expect(b.sampleSize == 10_000)
        #expect(b.thresholds == [999])
        #expect(b.minimum == 0 && b.maximum == 5999)
    }
}

