import Foundation
import GeoCore
import Testing
@testable import GeoProjection

@Suite("Transformer")
struct TransformerTests {
    /// pyproj's values in shared/reference/proj_points.csv (copied into Fixtures/), to 1 mm.
    @Test(arguments: ["EPSG:3857", "EPSG:32642", "albers"])
    func matchesReferencePoints(target: String) throws {
        let points = try Fixtures.projPoints()
        #expect(points.count == 20)
        let crs = try CRS(target == "albers" ? Fixtures.albersCentralAsia : target)
        let transformer = try Transformer(from: CRS.wgs84, to: crs)
        var xs = points.map(\.lon), ys = points.map(\.lat)
        try transformer.transform(x: &xs, y: &ys)
        for (i, p) in points.enumerated() {
            let expected = target == "EPSG:3857" ? (p.x3857, p.y3857)
                : target == "EPSG:32642" ? (p.x32642, p.y32642) : (p.xAlbers, p.yAlbers)
            #expect(abs(xs[i] - expected.0) < 0.001, "x of point \(i) to \(target)")
            #expect(abs(ys[i] - expected.1) < 0.001, "y of point \(i) to \(target)")
        }
        // Inverse direction returns the input to 1e-9 degrees.
        try transformer.transform(x: &xs, y: &ys, direction: .inverse)
        for (i, p) in points.enumerated() {
            #expect(abs(xs[i] - p.lon) < 1e-9 && abs(ys[i] - p.lat) < 1e-9, "round trip of point \(i)")
        }
    }

    /// PROJ's cs2cs, run as a separate program, on a grid of points over Central Asia.
    @Test(arguments: [["EPSG:32642"], ["EPSG:3857"], ["EPSG:32641"],
                      Fixtures.albersCentralAsia.split(separator: " ").map(String.init)])
    func agreesWithCS2CS(target: [String]) throws {
        var points: [(Double, Double)] = []
        for lon in stride(from: 50.0, through: 85.0, by: 5.0) {
            for lat in stride(from: 36.0, through: 54.0, by: 3.0) { points.append((lon, lat)) }
        }
        let expected = try CS2CS.fromLonLat(points, target: target)
        try #require(expected.count == points.count)
        let transformer = try Transformer(from: CRS.wgs84, to: CRS(target.joined(separator: " ")))
        var coordinates = points.map { Coordinate($0.0, $0.1) }
        try transformer.transform(&coordinates)
        for i in points.indices {
            #expect(abs(coordinates[i].x - expected[i].0) < 0.001 && abs(coordinates[i].y - expected[i].1) < 0.001,
                    "\(points[i]) -> \(coordinates[i]) vs cs2cs \(expected[i])")
        }
    }

    @Test func geographicAxisOrderIsAlwaysLonLat() throws {
        // EPSG:4326 is officially lat/lon; the transformer still takes and gives x = longitude.
        let toWGS = try Transformer(from: CRS(epsg: 32642), to: CRS(epsg: 4326))
        let p = try toWGS.transform(Coordinate(525077.32508600084, 4583205.8200640725))
        #expect(abs(p.x - 69.3) < 1e-9 && abs(p.y - 41.4) < 1e-9)
    }

    @Test func zAndMAreKept() throws {
        let transformer = try Transformer(from: CRS.wgs84, to: CRS.webMercator)
        var coordinates = [Coordinate(x: 69.3, y: 41.4, z: 455, m: 7), Coordinate(69.3, 41.4)]
        try transformer.transform(&coordinates)
        #expect(coordinates[0].z == 455 && coordinates[0].m == 7)
        #expect(coordinates[1].z == nil)
        #expect(abs(coordinates[0].x - 7714440.711973859) < 0.001)
        #expect(abs(coordinates[1].y - 5071521.8114256114) < 0.001)
    }

    @Test func failingPointIsReportedWithItsIndex() throws {
        let transformer = try Transformer(from: CRS.wgs84, to: CRS(epsg: 32642))
        var xs = [69.0, 70.0, 69.0, 71.0], ys = [41.0, 95.0, .nan, 42.0]
        let error = #expect(throws: ProjectionError.self) { try transformer.transform(x: &xs, y: &ys) }
        guard case let .transformFailed(index, x, y, message)? = error else {
            Issue.record("expected transformFailed, got \(String(describing: error))")
            return
        }
        #expect(index == 1 && x == 70 && y == 95)
        #expect(!message.isEmpty)
        // Good points are still transformed.
        #expect(xs[3].isFinite && xs[3] > 500_000)

        var xs2 = [69.0, 70.0, 69.0, 71.0], ys2 = [41.0, 95.0, .nan, 42.0]
        let failures = try transformer.transformReportingFailures(x: &xs2, y: &ys2)
        #expect(failures.map(\.index) == [1, 2])
        #expect(xs2[0].isFinite && xs2[3].isFinite && xs2[1].isNaN)
    }

    @Test func mismatchedArraysThrow() throws {
        let transformer = try Transformer(from: CRS.wgs84, to: CRS.webMercator)
        var xs = [1.0, 2.0], ys = [1.0]
        #expect(throws: ProjectionError.lengthMismatch(x: 2, y: 1)) { try transformer.transform(x: &xs, y: &ys) }
        var none: [Coordinate] = []
        try transformer.transform(&none)
        #expect(none.isEmpty)
    }

    @Test func geometryTransformThroughCoreProtocol() throws {
        let transformer = try TransformerRecipe(source: CRS.wgs84, target: CRS(epsg: 32642)).makeTransformer()
        let line = Geometry.lineString(LineString([Coordinate(69.3, 41.4), Coordinate(69.35, 40.65)]))
        let projected = try line.transformed(by: transformer)
        guard case let .lineString(result) = projected else {
            Issue.record("expected a line string")
            return
        }
        #expect(abs(result.coordinates[1].x - 529590.72131013335) < 0.001)
        #expect(abs(result.coordinates[1].y - 4499963.8014734723) < 0.001)
    }

    /// Many tasks, each with its own transformer from one recipe, give identical results.
    @Test func parallelTasksGiveIdenticalResults() async throws {
        let recipe = TransformerRecipe(source: try CRS.wgs84, target: try CRS(Fixtures.albersCentralAsia))
        let lons = (0..<5_000).map { 50 + Double($0 % 100) * 0.35 }
        let lats = (0..<5_000).map { 36 + Double($0 / 100) * 0.36 }
        let serial: [Double] = try {
            var x = lons, y = lats
            try recipe.makeTransformer().transform(x: &x, y: &y)
            return x + y
        }()
        let results = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<16 {
                group.addTask {
                    let transformer = try recipe.makeTransformer()
                    var x = lons, y = lats
                    for _ in 0..<3 {
                        x = lons
                        y = lats
                        try transformer.transform(x: &x, y: &y)
                        await Task.yield()
                    }
                    // CRS queries on the shared per-thread contexts at the same time.
                    _ = try CRS(epsg: 32642).wkt(.wkt1ESRI)
                    return x + y
                }
            }
            var all: [[Double]] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == serial })
    }

    @Test func largeBatchesSplitAcrossThreadsMatchSmallOnes() throws {
        let transformer = try Transformer(from: CRS.wgs84, to: CRS(epsg: 32642))
        let n = Transformer.pointsPerThread * 3 + 17
        var xs = (0..<n).map { 60 + Double($0 % 1000) * 0.015 }
        var ys = (0..<n).map { 36 + Double($0 % 997) * 0.01 }
        // Two bad points in the last share, one non-finite.
        ys[n - 10] = 95
        xs[n - 5] = .nan
        let expectedX = xs, expectedY = ys
        let failures = try transformer.transformReportingFailures(x: &xs, y: &ys)
        #expect(failures.map(\.index) == [n - 10, n - 5])
        #expect(failures.first?.y == 95)
        // Point by point, in small batches on one thread, the results are the same bits.
        for i in stride(from: 0, to: n, by: 9_973) where i != n - 10 && i != n - 5 {
            var x = [expectedX[i]], y = [expectedY[i]]
            try transformer.transform(x: &x, y: &y)
            #expect(x[0] == xs[i] && y[0] == ys[i], "point \(i)")
        }
        // After the throwing form, points past the first failure are still transformed.
        var xs2 = expectedX, ys2 = expectedY
        #expect(throws: ProjectionError.self) { try transformer.transform(x: &xs2, y: &ys2) }
        #expect(xs2[n - 1] == xs[n - 1] && xs2[n - 1] != expectedX[n - 1])
        #expect(ys2[n - 10].isNaN && xs2[n - 5].isNaN)
    }
}
