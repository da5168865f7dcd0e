import Foundation
import GeoCore
import HotspotAnalysis
import Testing
import TestSupport

/// Kernel density against the independent float64 references of shared/reference/kde_spec.json.
@Suite struct DensityReferenceTests {
    static func spec() throws -> [String: Any] {
        try #require(try ReferenceFiles.json("kde_spec.json") as? [String: Any])
    }

    static func points() throws -> [AnalysisPoint] {
        let table = try ReferenceFiles.csv("kde_points.csv")
        #expect(table.header.prefix(3) == ["x_m", "y_m", "weight"])
        return try table.rows.map { row in
            AnalysisPoint(x: try #require(Double(row[0])), y: try #require(Double(row[1])), weight: try #require(Double(row[2])))
        }
    }

    static func layout(_ g: [String: Any]) throws -> DensityGridLayout {
        try DensityGridLayout(width: try #require(g["ncols"] as? Int), height: try #require(g["nrows"] as? Int),
                              originX: try #require(g["x_left"] as? Double), originY: try #require(g["y_top"] as? Double),
                              cellSize: try #require(g["cell_size"] as? Double))
    }

    /// The reference tolerance: relative 1e-9 on cells > 1e-6·max, absolute 1e-9·max elsewhere.
    static func compare(_ got: [Double], _ expected: [Double], _ label: String) {
        #expect(got.count == expected.count, "\(label): cell count")
        let maxValue = expected.max() ?? 0
        #expect(maxValue > 0)
        var failures = 0
        for (g, e) in zip(got, expected) {
            let ok = e > 1e-6 * maxValue ? abs(g - e) <= 1e-9 * e : abs(g - e) <= 1e-9 * maxValue
            if !ok { failures += 1 }
        }
        #expect(failures == 0, "\(label): \(failures) cells outside tolerance")
    }

    static func expectedGrid(_ name: String) throws -> [Double] {
        try ReferenceFiles.csv(name, header: false).rows.flatMap { try $0.map { try #require(Double($0)) } }
    }

    @Test func tinyCase() throws {
        let tiny = try #require(try Self.spec()["tiny_case"] as? [String: Any])
        let pts = try #require(tiny["points"] as? [[Double]]).map { AnalysisPoint(x: $0[0], y: $0[1], weight: $0[2]) }
        let h = try #require(tiny["h"] as? Double)
        let layout = try Self.layout(try #require(tiny["grid"] as? [String: Any]))
        let expected = try #require(tiny["expected"] as? [[Double]]).flatMap { $0 }
        let result = try KernelDensity.estimate(points: pts, options: .init(bandwidth: .fixed(h), layout: layout))
        Self.compare(result.surface.values, expected, "tiny_case")
        // Zeros of the reference are NoData cells of the Float grid.
        let grid = try result.surface.grid()
        for (i, e) in expected.enumerated() where e == 0 { #expect(grid.values[i] == grid.nodata) }
    }

    @Test func weightedFixedRadius() throws {
        let spec = try Self.spec()
        let layout = try Self.layout(try #require(spec["grid"] as? [String: Any]))
        let h = try #require(spec["h_fixed"] as? Double)
        let result = try KernelDensity.estimate(points: try Self.points(),
                                                options: .init(bandwidth: .fixed(h), layout: layout))
        Self.compare(result.surface.values, try Self.expectedGrid("kde_expected_fixed_h.csv"), "fixed h")
        let sums = try #require(spec["grid_sums"] as? [String: Double])
        let sum = result.surface.values.reduce(0, +)
        #expect(abs(sum - (sums["fixed"] ?? 0)) <= 1e-9 * sum)
    }

    @Test func unweightedDefaultRadius() throws {
        let spec = try Self.spec()
        let layout = try Self.layout(try #require(spec["grid"] as? [String: Any]))
        let result = try KernelDensity.estimate(points: try Self.points(),
                                                options: .init(bandwidth: .auto, weighted: false, layout: layout))
        let hExpected = try #require(spec["h_default_unweighted"] as? Double)
        #expect(abs(result.bandwidth - hExpected) <= 1e-9 * hExpected)
        let details = try #require(spec["default_radius_unweighted_details"] as? [String: Any])
        let d = try #require(result.bandwidthDetails)
        #expect(abs(d.meanX - (details["mean_x"] as? Double ?? .nan)) <= 1e-6)
        #expect(abs(d.meanY - (details["mean_y"] as? Double ?? .nan)) <= 1e-6)
        #expect(abs(d.standardDistance - (details["standard_distance"] as? Double ?? .nan)) <= 1e-9 * d.standardDistance)
        #expect(abs(d.medianDistance - (details["median_distance"] as? Double ?? .nan)) <= 1e-9 * d.medianDistance)
        #expect(abs(d.scaledMedianDistance - (details["sqrt_inv_ln2_times_Dm"] as? Double ?? .nan)) <= 1e-9 * d.medianDistance)
        #expect(d.n == 500)
        #expect(d.branch == .medianDistance)
        Self.compare(result.surface.values, try Self.expectedGrid("kde_expected_unweighted_default_h.csv"), "default h")
    }

    @Test func radiusCases() throws {
        let cases = try #require(try Self.spec()["radius_cases"] as? [[String: Any]])
        #expect(cases.count == 3)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let xs = try #require(c["x"] as? [Double]), ys = try #require(c["y"] as? [Double])
            let ws = (c["w"] as? [Double]) ?? Array(repeating: 1, count: xs.count)
            let pts = xs.indices.map { AnalysisPoint(x: xs[$0], y: ys[$0], weight: ws[$0]) }
            let rule = try SpatialSilvermanBandwidth(points: pts, weighted: c["w"] as? [Double] != nil)
            let h = try #require(c["h_expected"] as? Double)
            #expect(abs(rule.bandwidth - h) <= 1e-9 * h, "\(name): h \(rule.bandwidth) vs \(h)")
            #expect(rule.branch.rawValue == c["branch"] as? String, "\(name): branch")
            let d = try #require(c["details"] as? [String: Any])
            let scale = rule.standardDistance
            #expect(abs(rule.meanX - (d["mean_x"] as? Double ?? .nan)) <= 1e-12 * scale, "\(name): mean x")
            #expect(abs(rule.meanY - (d["mean_y"] as? Double ?? .nan)) <= 1e-12 * scale, "\(name): mean y")
            #expect(abs(rule.standardDistance - (d["standard_distance"] as? Double ?? .nan)) <= 1e-9 * scale, "\(name): SD")
            #expect(abs(rule.medianDistance - (d["median_distance"] as? Double ?? .nan)) <= 1e-9 * scale, "\(name): Dm")
            #expect(rule.n == d["n"] as? Double, "\(name): n")
        }
    }
}
