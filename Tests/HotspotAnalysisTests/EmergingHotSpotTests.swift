import Foundation
import HotspotAnalysis
import Testing

/// Hand-made Gi* series for every ArcGIS emerging hot spot category, each checked against the
/// rule text in `EmergingHotSpotCategory` (H = hot bin, p 0.01 z > 0; C = cold bin, p 0.01
/// z < 0; . = not significant, p 0.5).
@Suite("Emerging hot spot categories")
struct EmergingHotSpotTests {
    /// A series from a pattern string; `z` gives each step's magnitude (default 2.5), so trend
    /// cases can rise or fall.
    static func series(_ pattern: String, z: [Double]? = nil) -> (z: [Double], p: [Double]) {
        var zs: [Double] = [], ps: [Double] = []
        for (i, ch) in pattern.enumerated() {
            let m = z?[i] ?? 2.5
            switch ch {
            case "H": zs.append(m); ps.append(0.01)
            case "C": zs.append(-m); ps.append(0.01)
            default: zs.append(0.3 * (i % 2 == 0 ? 1 : -1)); ps.append(0.5)
            }
        }
        return (zs, ps)
    }

    static let rising = (0..<10).map { 2.0 + 0.4 * Double($0) }
    static let falling = Array(rising.reversed())
    /// Hot throughout with no trend: z alternates around 3 (Mann-Kendall p ≫ 0.10).
    static let flat: [Double] = [3.1, 2.9, 3.0, 3.2, 2.8, 3.05, 2.95, 3.15, 2.85, 3.0]

    struct Case: Sendable, CustomTestStringConvertible {
        var pattern: String
        var z: [Double]?
        var expected: EmergingHotSpotCategory
        var why: String
        var testDescription: String { "\(expected.displayName): \(pattern)" }
    }

    static let cases: [Case] = [
        Case(pattern: "..........", z: nil, expected: .noPattern, why: "never significant"),
        Case(pattern: ".........H", z: nil, expected: .newHotSpot, why: "hot in the final step, never before"),
        Case(pattern: ".......HHH", z: nil, expected: .consecutiveHotSpot, why: "final run of 3, never hot before, 30 % < 90 %"),
        Case(pattern: "HHHHHHHHHH", z: rising, expected: .intensifyingHotSpot, why: "100 % hot incl. final, z rises significantly"),
        Case(pattern: "HHHHHHHHHH", z: flat, expected: .persistentHotSpot, why: "100 % hot, no significant z trend"),
        Case(pattern: ".HHHHHHHHH", z: flat, expected: .persistentHotSpot, why: "exactly 90 % hot incl. final, no trend"),
        Case(pattern: "HHHHHHHHHH", z: falling, expected: .diminishingHotSpot, why: "100 % hot incl. final, z falls significantly"),
        Case(pattern: "..H..H...H", z: nil, expected: .sporadicHotSpot, why: "final hot, on-and-off history, no cold"),
        Case(pattern: "H.HH.....H", z: nil, expected: .sporadicHotSpot, why: "hot before the final run"),
        Case(pattern: "CC.......H", z: nil, expected: .oscillatingHotSpot, why: "final hot, cold earlier, < 90 % hot"),
        Case(pattern: "C......HHH", z: nil, expected: .oscillatingHotSpot, why: "cold history outranks consecutive"),
        Case(pattern: "HHHHHHHHH.", z: flat, expected: .historicalHotSpot, why: "final not hot, 90 % hot"),
        Case(pattern: "HHHHHHHHHC", z: flat, expected: .historicalHotSpot, why: "final cold still 'not hot', 90 % hot"),
        Case(pattern: ".........C", z: nil, expected: .newColdSpot, why: "cold in the final step, never before"),
        Case(pattern: "........CC", z: nil, expected: .consecutiveColdSpot, why: "final cold run of 2"),
        Case(pattern: "CCCCCCCCCC", z: rising, expected: .intensifyingColdSpot, why: "z = −rising falls significantly: colder"),
        Case(pattern: "CCCCCCCCCC", z: flat, expected: .persistentColdSpot, why: "100 % cold, no trend"),
        Case(pattern: "CCCCCCCCCC", z: falling, expected: .diminishingColdSpot, why: "z = −falling rises significantly: less cold"),
        Case(pattern: "C...C....C", z: nil, expected: .sporadicColdSpot, why: "final cold, on-and-off, no hot"),
        Case(pattern: ".HH......C", z: nil, expected: .oscillatingColdSpot, why: "final cold, hot earlier"),
        Case(pattern: "CCCCCCCCC.", z: flat, expected: .historicalColdSpot, why: "final not cold, 90 % cold"),
        Case(pattern: "HHHHHHHHH", z: nil, expected: .persistentHotSpot, why: "constant z: no trend"),
        Case(pattern: "HHHH", z: nil, expected: .persistentHotSpot, why: "short series, 100 %"),
        Case(pattern: "HHH.H", z: nil, expected: .sporadicHotSpot, why: "80 % < 90 %, history before the final run"),
    ]

    @Test(arguments: cases)
    func category(_ c: Case) {
        let s = Self.series(c.pattern, z: c.z)
        let result = EmergingHotSpotClassifier.classify(zScores: s.z, pValues: s.p)
        #expect(result.category == c.expected, "\(c.pattern): \(c.why)")
    }

    @Test func everyCategoryIsCoveredAndNamedAsArcGIS() {
        #expect(Set(Self.cases.map(\.expected)) == Set(EmergingHotSpotCategory.allCases))
        #expect(EmergingHotSpotCategory.newHotSpot.displayName == "New Hot Spot")
        #expect(EmergingHotSpotCategory.noPattern.displayName == "No Pattern Detected")
        #expect(EmergingHotSpotCategory.oscillatingColdSpot.displayName == "Oscillating Cold Spot")
        #expect(EmergingHotSpotCategory.allCases.filter(\.isHot).count == 8)
        #expect(EmergingHotSpotCategory.allCases.filter(\.isCold).count == 8)
    }

    /// The trend returned is the Mann-Kendall test of the z series (10 rising values: S = 45,
    /// Var = 10·9·25/18 = 125, z = 44/√125).
    @Test func trendIsMannKendallOfZ() {
        let s = Self.series("HHHHHHHHHH", z: Self.rising)
        let r = EmergingHotSpotClassifier.classify(zScores: s.z, pValues: s.p)
        #expect(r.trend.s == 45 && r.trend.variance == 125)
        #expect(abs(r.trend.z - 44 / 125.0.squareRoot()) < 1e-12)
        #expect(r.trend.trend == .increasing)
    }

    /// Significance is p ≤ 0.10: p = 0.10 counts, 0.1001 does not; NaN never counts.
    @Test func ninetyPercentLevel() {
        let z = [0.5, 0.5, 1.7]
        #expect(EmergingHotSpotClassifier.classify(zScores: z, pValues: [0.5, 0.5, 0.10]).category == .newHotSpot)
        #expect(EmergingHotSpotClassifier.classify(zScores: z, pValues: [0.5, 0.5, 0.1001]).category == .noPattern)
        #expect(EmergingHotSpotClassifier.classify(zScores: z, pValues: [0.5, 0.5, .nan]).category == .noPattern)
        #expect(EmergingHotSpotClassifier.classify(zScores: [], pValues: []).category == .noPattern)
    }
}
