import Foundation
import GeoCore
import HotspotAnalysis
import Testing
import TestSupport

/// Gi* against shared/reference/gistar_small_*.csv and gistar_spec.json (computed outside this
/// project with numpy and checked against esda): 40 × 30 cells of 10 km, 15 km band.
@Suite struct GiStarReferenceTests {
    struct Case {
        var values: [Double] = []
        var centres: [Coordinate] = []
        var expected: [[String]] = []
        var column: [String: Int] = [:]
    }

    static func load() throws -> Case {
        var c = Case()
        let input = try ReferenceFiles.csv("gistar_small_input.csv")
        let ix = try #require(input.header.firstIndex(of: "x_centre_m")), iy = try #require(input.header.firstIndex(of: "y_centre_m"))
        let ic = try #require(input.header.firstIndex(of: "count")), iid = try #require(input.header.firstIndex(of: "cell_id"))
        for (k, row) in input.rows.enumerated() {
            #expect(Int(row[iid]) == k, "rows are in cell_id order")
            c.centres.append(Coordinate(try #require(Double(row[ix])), try #require(Double(row[iy]))))
            c.values.append(try #require(Double(row[ic])))
        }
        let expected = try ReferenceFiles.csv("gistar_small_expected.csv")
        c.expected = expected.rows
        for (k, name) in expected.header.enumerated() { c.column[name] = k }
        #expect(c.expected.count == c.values.count)
        return c
    }

    static func close(_ a: Double, _ b: Double, rel: Double = 1e-9, absBelow: Double = 1e-6) -> Bool {
        if abs(b) < absBelow { return abs(a - b) <= 1e-12 }
        return abs(a - b) <= rel * abs(b)
    }

    @Test func zScoresPValuesNeighboursAndBinsMatchTheReference() throws {
        let c = try Self.load()
        let spec = try #require(try ReferenceFiles.json("gistar_spec.json") as? [String: Any])
        let cc = try #require(spec["counts_case"] as? [String: Any])
        let noFDR = try GetisOrdGiStar.analyse(values: c.values, centres: c.centres, weighting: .fixedDistance(15_000), fdr: false)
        let withFDR = try GetisOrdGiStar.analyse(values: c.values, centres: c.centres, weighting: .fixedDistance(15_000), fdr: true)
        #expect(abs(noFDR.mean - (try #require(cc["mean"] as? Double))) <= 1e-12 * 21)
        #expect(Self.close(noFDR.standardDeviation, try #require(cc["S_population_sd"] as? Double)))
        let col = c.column
        var bad = 0
        for (i, row) in c.expected.enumerated() {
            let z = try #require(Double(row[col["z_gistar"]!])), p = try #require(Double(row[col["p_two_sided"]!]))
            let nn = try #require(Int(row[col["n_neighbours_incl_self"]!]))
            let bin = try #require(Int(row[col["gi_bin"]!])), binFDR = try #require(Int(row[col["gi_bin_fdr"]!]))
            let r = noFDR.results[i], f = withFDR.results[i]
            let zOK = Self.close(r.zScore, z, absBelow: 1e-6)
            let pOK = abs(z) < 1e-6 ? abs(r.pValue - p) <= 1e-12 : Self.close(r.pValue, p)
            if !(zOK && pOK && r.neighbours == nn && r.bin == bin && f.bin == binFDR && f.zScore == r.zScore) {
                bad += 1
                if bad <= 5 { Issue.record("cell \(i): z \(r.zScore) vs \(z), p \(r.pValue) vs \(p), nn \(r.neighbours) vs \(nn), bin \(r.bin) vs \(bin), fdr bin \(f.bin) vs \(binFDR)") }
            }
        }
        #expect(bad == 0)
    }

    @Test func fdrThresholdsAndBinCountsMatchTheSpec() throws {
        let c = try Self.load()
        let spec = try #require(try ReferenceFiles.json("gistar_spec.json") as? [String: Any])
        let cc = try #require(spec["counts_case"] as? [String: Any])
        let thresholds = try #require(cc["fdr_thresholds"] as? [String: Double])
        let report = try GetisOrdGiStar.analyse(values: c.values, centres: c.centres, weighting: .fixedDistance(15_000), fdr: true)
        #expect(Self.close(try #require(report.thresholds.p90), try #require(thresholds["0.1"])))
        #expect(Self.close(try #require(report.thresholds.p95), try #require(thresholds["0.05"])))
        #expect(Self.close(try #require(report.thresholds.p99), try #require(thresholds["0.01"])))
        func counts(_ r: [GiStarResult]) -> [String: Int] {
            var d = [String: Int]()
            for x in r { d[String(abs(x.bin)), default: 0] += 1 }
            return d
        }
        let plain = try GetisOrdGiStar.compute(values: c.values, centres: c.centres, weighting: .fixedDistance(15_000), fdr: false)
        let expectedPlain = try #require(cc["bin_counts_nofdr"] as? [String: Int])
        let expectedFDR = try #require(cc["bin_counts_fdr"] as? [String: Int])
        #expect(counts(plain) == expectedPlain)
        #expect(counts(report.results) == expectedFDR)
    }
}
