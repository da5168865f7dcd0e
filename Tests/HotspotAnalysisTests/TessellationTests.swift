import Foundation
import GeoCore
import HotspotAnalysis
import Testing
import TestSupport

/// Hand-checkable tessellation geometry and aggregation.
@Suite struct TessellationTests {
    @Test func fishnetCellsCentresAreasAndEdges() throws {
        let extent = BoundingBox(minX: 1_000, minY: 2_000, maxX: 101_000, maxY: 47_000)
        let t = try Tessellation.fishnet(covering: extent, cellSize: 10_000)
        #expect(t.columns == 10 && t.rows == 5 && t.cellCount == 50)   // 45 km tall → ⌈4.5⌉ rows
        #expect(t.cellArea == 1e8)
        #expect(t.centre(ofCell: 0) == Coordinate(6_000, 42_000))
        #expect(t.centre(ofCell: 13) == Coordinate(36_000, 32_000))
        let cell = t.cells[13]
        #expect(cell.row == 1 && cell.column == 3)
        #expect(cell.polygon.exterior.coordinates.count == 5 && cell.polygon.exterior.isClosedRing)
        #expect(cell.polygon.exterior.isCounterClockwise)
        #expect(cell.polygon.exterior.signedArea == 1e8)
        #expect(t.cellID(x: 1_000, y: 47_000) == 0)            // north-west corner
        #expect(t.cellID(x: 101_000, y: 2_000) == 49)          // the extent's south-east corner
        #expect(t.cellID(x: 101_000, y: -3_000) == 49)         // the grid's outer corner (5 rows reach 5 km further south)
        #expect(t.cellID(x: 101_000.001, y: 2_000) == nil && t.cellID(x: 50_000, y: -3_000.001) == nil)
        #expect(t.cellID(x: 10_999.999, y: 40_000) == 0 && t.cellID(x: 11_000, y: 40_000) == 1)
        #expect(t.cellID(x: 999, y: 40_000) == nil && t.cellID(x: .nan, y: 0) == nil)
    }

    @Test(arguments: [Tessellation.HexagonOrientation.flatTop, .pointyTop])
    func hexagonGeometry(orientation: Tessellation.HexagonOrientation) throws {
        let size = 10_000.0
        let t = try Tessellation.hexagons(covering: BoundingBox(minX: 0, minY: 0, maxX: 60_000, maxY: 50_000), size: size, orientation: orientation)
        let area = 3.0.squareRoot() / 2 * size * size   // 86.6025 km²
        #expect(abs(t.cellArea - area) < 1e-6)
        #expect(abs(t.cellArea / 1e6 - 86.602540378) < 1e-8)
        #expect(abs(Tessellation.hexagonSize(forArea: area) - size) < 1e-9)
        let centres = t.centres
        for id in 0..<t.cellCount {
            let ring = t.polygon(ofCell: id).exterior
            #expect(ring.coordinates.count == 7 && ring.isClosedRing && ring.isCounterClockwise)
            #expect(abs(ring.signedArea - area) < 1e-3)
            // side length a = size/√3 on every edge
            for k in 0..<6 {
                let p = ring.coordinates[k], q = ring.coordinates[k + 1]
                #expect(abs(((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot() - size / 3.0.squareRoot()) < 1e-6)
            }
        }
        // Every cell has neighbours at exactly `size` and none closer.
        for i in 0..<t.cellCount {
            var nearest = Double.infinity
            for j in 0..<t.cellCount where j != i {
                let dx = centres[i].x - centres[j].x, dy = centres[i].y - centres[j].y
                nearest = min(nearest, (dx * dx + dy * dy).squareRoot())
            }
            #expect(abs(nearest - size) < 1e-6)
        }
        // Random points of the extent: each falls in a cell whose polygon holds it, and no centre is closer.
        var rng = SplitMix64(seed: 5)
        // Points on the extent's edges too (the extreme incidents of real data lie there).
        var points = (0..<2_000).map { _ in (60_000 * rng.unit(), 50_000 * rng.unit()) }
        for k in 0...60 { points += [(Double(k) * 1_000, 50_000), (Double(k) * 1_000, 0)] }
        for k in 0...50 { points += [(0, Double(k) * 1_000), (60_000, Double(k) * 1_000)] }
        for (x, y) in points {
            let id = try #require(t.cellID(x: x, y: y), "(\(x), \(y)) is in the extent")
            // Interior points lie inside their polygon; edge points may lie on its boundary.
            if x > 0, x < 60_000, y > 0, y < 50_000, x.truncatingRemainder(dividingBy: 1_000) != 0 {
                #expect(t.polygon(ofCell: id).exterior.contains(Coordinate(x, y)))
            }
            let d = { (c: Coordinate) in (c.x - x) * (c.x - x) + (c.y - y) * (c.y - y) }
            #expect(centres.allSatisfy { d($0) >= d(centres[id]) - 1e-6 })
        }
    }

    @Test func aggregationKeepsEveryPointAndWeight() throws {
        var rng = SplitMix64(seed: 8)
        let extent = BoundingBox(minX: -50_000, minY: -20_000, maxX: 50_000, maxY: 20_000)
        var points = [AnalysisPoint]()
        var total = 0.0
        for _ in 0..<20_000 {
            let w = (rng.unit() * 10).rounded()
            total += w
            points.append(AnalysisPoint(x: -50_000 + 100_000 * rng.unit(), y: -20_000 + 40_000 * rng.unit(), weight: w))
        }
        points.append(AnalysisPoint(x: 50_000, y: -20_000, weight: 2))   // the outer corner
        points.append(AnalysisPoint(x: 90_000, y: 0, weight: 5))         // outside every grid
        total += 2
        for t in [try Tessellation.fishnet(covering: extent, cellSize: 7_000),
                  try Tessellation.hexagons(covering: extent, size: 7_000),
                  try Tessellation.hexagons(covering: extent, size: 7_000, orientation: .pointyTop)] {
            let a = t.aggregate(points)
            #expect(a.outside == 1)
            #expect(a.totalCount == points.count - 1)
            #expect(abs(a.totalWeight - total) < 1e-6)
            #expect(t.cellIDs(.all, in: a).count == t.cellCount)
            #expect(t.cellIDs(.occupied, in: a).allSatisfy { a.counts[$0] > 0 })
        }
        // Hand check: 4 points in a 2 × 2 fishnet of 10 m.
        let small = try Tessellation.fishnet(xLeft: 0, yTop: 20, cellSize: 10, columns: 2, rows: 2)
        let a = small.aggregate([AnalysisPoint(x: 1, y: 19), AnalysisPoint(x: 11, y: 19, weight: 3), AnalysisPoint(x: 12, y: 1), AnalysisPoint(x: 13, y: 2, weight: 0.5)])
        #expect(a.counts == [1, 1, 0, 2] && a.weightSums == [1, 3, 0, 1.5] && a.occupiedCellIDs == [0, 1, 3])
    }

    @Test func squareAggregationAgreesWithCellIDOnEdges() throws {
        let t = try Tessellation.fishnet(xLeft: -1_380_000, yTop: 1_210_000, cellSize: 10_000, columns: 276, rows: 234)
        var rng = SplitMix64(seed: 21)
        var points = [AnalysisPoint]()
        for _ in 0..<5_000 {
            // Many points exactly on cell edges and on the outer edges, some outside.
            let c = Double(Int(rng.unit() * 280) - 2), r = Double(Int(rng.unit() * 238) - 2)
            let onEdge = rng.unit() < 0.5
            let x = -1_380_000 + 10_000 * (onEdge ? c : c + rng.unit()), y = 1_210_000 - 10_000 * (onEdge ? r : r + rng.unit())
            points.append(AnalysisPoint(x: x, y: y))
        }
        points.append(AnalysisPoint(x: .nan, y: 0))
        let a = t.aggregate(points)
        var expected = [Int](repeating: 0, count: t.cellCount), outside = 0
        for p in points {
            if let id = t.cellID(x: p.x, y: p.y) { expected[id] += 1 } else { outside += 1 }
        }
        #expect(a.counts == expected && a.outside == outside && outside > 0)
    }

    @Test func invalidTessellationsAreRejected() {
        let e = BoundingBox(minX: 0, minY: 0, maxX: 1e7, maxY: 1e7)
        #expect(throws: HotSpotAnalysisError.self) { try Tessellation.fishnet(covering: e, cellSize: 0) }
        #expect(throws: HotSpotAnalysisError.self) { try Tessellation.fishnet(covering: e, cellSize: 1) }
        #expect(throws: HotSpotAnalysisError.self) { try Tessellation.hexagons(covering: e, size: -.infinity) }
    }
}
