import GeoCore
import Testing
import TestSupport
@testable import GeoTopology

/// The band index behind `PreparedGeometry`'s coordinate tests, against GEOS's own predicates.
@Suite struct PointInAreaIndexTests {
    @Test(arguments: ["TJK", "KGZ", "AFG", "UZB", "TKM"])
    func randomPointsAgreeWithGEOS(_ code: String) throws {
        let country = ShapelyFixtures.country(code)
        let index = try #require(PointInAreaIndex(country))
        let box = try #require(country.boundingBox).expanded(by: 0.5)
        var random = SplitMix64(seed: 42)
        var inside = 0
        for _ in 0..<3_000 {
            let x = box.minX + random.unit() * box.width, y = box.minY + random.unit() * box.height
            let expected = try country.contains(.point(Point(x: x, y: y)))
            let location = try #require(index.locate(x: x, y: y), "undecided at (\(x), \(y))")
            #expect((location == .interior) == expected, "(\(x), \(y))")
            if expected { inside += 1 }
        }
        #expect(inside > 100, "the sample must reach the interior")
    }

    @Test func verticesAndEdgesAreBoundaryOrDeferredToGEOS() throws {
        let tjk = ShapelyFixtures.country("TJK")
        let prepared = try PreparedGeometry(tjk)
        let index = try #require(PointInAreaIndex(tjk))
        var vertices: [Coordinate] = []
        tjk.forEachCoordinate { vertices.append($0) }
        for v in vertices.prefix(2_000) {
            #expect(index.locate(x: v.x, y: v.y) == .boundary)
            #expect(try prepared.contains(x: v.x, y: v.y) == false)
            #expect(try prepared.covers(x: v.x, y: v.y) == true)
        }
        // Midpoints of edges are rarely representable exactly on the edge: whatever the index
        // says (or defers), the prepared answer must equal GEOS's plain predicate.
        for i in stride(from: 1, to: min(vertices.count, 2_000), by: 7) {
            let a = vertices[i - 1], b = vertices[i]
            let m = Point(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
            #expect(try prepared.contains(x: m.coordinate.x, y: m.coordinate.y) == tjk.contains(.point(m)))
            #expect(try prepared.covers(x: m.coordinate.x, y: m.coordinate.y) == tjk.covers(.point(m)))
        }
    }

    @Test func holesAndMultiPolygons() throws {
        let g = try Geometry(wkt: "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2)), ((20 0, 30 0, 25 5, 20 0)))")
        let index = try #require(PointInAreaIndex(g))
        #expect(index.locate(x: 1, y: 1) == .interior)
        #expect(index.locate(x: 5, y: 5) == .exterior)   // in the hole
        #expect(index.locate(x: 2, y: 5) == .boundary)   // on the hole's edge
        #expect(index.locate(x: 25, y: 1) == .interior)
        #expect(index.locate(x: 15, y: 5) == .exterior)
        #expect(index.locate(x: 5, y: 0) == .boundary)   // on a horizontal edge
        #expect(index.locate(x: 10, y: 10) == .boundary) // a vertex
        #expect(index.locate(x: -1, y: 5) == .exterior)
        #expect(index.locate(x: .nan, y: 5) == nil)
        #expect(PointInAreaIndex(try Geometry(wkt: "LINESTRING (0 0, 1 1)")) == nil)
        #expect(PointInAreaIndex(try Geometry(wkt: "POLYGON EMPTY")) == nil)
    }
}
