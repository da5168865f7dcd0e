import Foundation
import GeoCore
import HotspotAnalysis
import Testing
import TestSupport

/// Hand-checkable Gi* properties and the documented edge cases.
@Suite struct GiStarTests {
    @Test func symmetricInputGivesSymmetricZ() throws {
        // 9 × 9 fishnet, values symmetric about the centre cell under both mirror axes.
        let tess = try Tessellation.fishnet(xLeft: 0, yTop: 90_000, cellSize: 10_000, columns: 9, rows: 9)
        let values = (0..<81).map { id -> Double in
            let r = id / 9, c = id % 9
            return Double(max(0, 8 - abs(r - 4) - abs(c - 4)) * (abs(r - 4) + 1))
        }
        let res = try GetisOrdGiStar.compute(values: values, centres: tess.centres, weighting: .fixedDistance(15_000), fdr: false)
        for r in 0..<9 {
            for c in 0..<9 {
                let z = res[r * 9 + c].zScore
                #expect(abs(z - res[r * 9 + (8 - c)].zScore) <= 1e-12 * max(1, abs(z)))
                #expect(abs(z - res[(8 - r) * 9 + c].zScore) <= 1e-12 * max(1, abs(z)))
            }
        }
        #expect(res[40].zScore > 0)
    }

    @Test func workedThreeByThreeExample() throws {
        // 3 × 3 cells, one value 9 in the centre, zeros elsewhere; band 15 km.
        // n = 9, X̄ = 1, S = √(81/9 − 1) = √8. Centre: W = 9, Σwx = 9 → numerator 0 → z = 0 with
        // radicand (9·9 − 81)/8 = 0 → documented z = 0, p = 1.
        // Corner: W = 4, Σwx = 9, z = (9 − 4) / (√8 · √((36 − 16)/8)) = 5 / √20.
        let tess = try Tessellation.fishnet(xLeft: 0, yTop: 30_000, cellSize: 10_000, columns: 3, rows: 3)
        var values = [Double](repeating: 0, count: 9)
        values[4] = 9
        let res = try GetisOrdGiStar.compute(values: values, centres: tess.centres, weighting: .fixedDistance(15_000), fdr: false)
        #expect(res[4].zScore == 0 && res[4].pValue == 1 && res[4].neighbours == 9)
        #expect(abs(res[0].zScore - 5 / 20.0.squareRoot()) < 1e-14)
        #expect(res[0].neighbours == 4 && res[1].neighbours == 6)
        #expect(abs(res[0].pValue - erfc(5 / 20.0.squareRoot() / 2.0.squareRoot())) < 1e-15)
    }

    @Test func featureWithoutNeighboursGetsItsStandardisedValue() throws {
        let centres = [Coordinate(0, 0), Coordinate(1, 0), Coordinate(2, 0), Coordinate(1_000, 0)]
        let values = [1.0, 2, 3, 10]
        let report = try GetisOrdGiStar.analyse(values: values, centres: centres, weighting: .fixedDistance(5), fdr: false)
        let res = report.results
        #expect(report.warnings == [.fewerThan30Features(count: 4), .featuresWithoutNeighbours(count: 1)])
        let mean = 4.0, s = ((1.0 + 4 + 9 + 100) / 4 - 16).squareRoot()
        #expect(res[3].neighbours == 1)
        #expect(abs(res[3].zScore - (10 - mean) / s) < 1e-12)
    }

    @Test func errorsInsteadOfNaN() throws {
        let c = (0..<5).map { Coordinate(Double($0), 0) }
        #expect(throws: HotSpotAnalysisError.zeroVariance) {
            try GetisOrdGiStar.compute(values: [2, 2, 2, 2, 2], centres: c, weighting: .fixedDistance(1), fdr: true)
        }
        #expect(throws: HotSpotAnalysisError.zeroVariance) {
            try GetisOrdGiStar.compute(values: [0.1, 0.1, 0.1, 0.1, 0.1], centres: c, weighting: .fixedDistance(1), fdr: true)
        }
        #expect(throws: HotSpotAnalysisError.countMismatch(values: 4, centres: 5)) {
            try GetisOrdGiStar.compute(values: [1, 2, 3, 4], centres: c, weighting: .fixedDistance(1), fdr: false)
        }
        #expect(throws: HotSpotAnalysisError.tooFewFeatures(count: 2, minimum: 3)) {
            try GetisOrdGiStar.compute(values: [1, 2], centres: Array(c.prefix(2)), weighting: .fixedDistance(1), fdr: false)
        }
        #expect(throws: HotSpotAnalysisError.nonFiniteInput(index: 1)) {
            try GetisOrdGiStar.compute(values: [1, .nan, 3, 4, 5], centres: c, weighting: .fixedDistance(1), fdr: false)
        }
        let all = try GetisOrdGiStar.compute(values: [1, 2, 3, 4, 50], centres: c, weighting: .fixedDistance(100), fdr: true)
        #expect(all.allSatisfy { $0.zScore == 0 && $0.pValue == 1 && $0.bin == 0 && $0.neighbours == 5 })
    }

    @Test func twoSidedPValueIsErfc() {
        // Φ(−1.959963984540054) = 0.025 (normal table)
        #expect(abs(StandardNormal.twoSidedPValue(1.959963984540054) - 0.05) < 1e-15)
        #expect(abs(StandardNormal.cdf(-1.959963984540054) - 0.025) < 1e-16)
        // erfc keeps relative precision in the tail: 2Φ(−10) = 1.5239706048321166e-23 (scipy.special.erfc)
        #expect(abs(StandardNormal.twoSidedPValue(-10) / 1.5239706048321166e-23 - 1) < 1e-13)
    }
}
