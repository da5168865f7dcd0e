import GeoCore
import Testing
@testable import GeoTopology

/// Prepared geometries against shapely's point-in-polygon answers for Tajikistan.
@Suite struct PreparedGeometryTests {
    static let fx = ShapelyFixtures.shared

    @Test func pointsInTajikistanMatchShapely() throws {
        let prepared = try PreparedGeometry(ShapelyFixtures.country("TJK"))
        let cases = Self.fx.points_in_tjk
        #expect(cases.contains.contains(true) && cases.contains.contains(false), "fixture has both answers")
        for (p, expected) in zip(cases.points, cases.contains) {
            #expect(try prepared.contains(x: p[0], y: p[1]) == expected, "(\(p[0]), \(p[1]))")
            #expect(try prepared.contains(.point(Point(x: p[0], y: p[1]))) == expected)
            // Random points are never exactly on the border, so covers and intersects agree.
            #expect(try prepared.covers(x: p[0], y: p[1]) == expected)
            #expect(try prepared.intersects(x: p[0], y: p[1]) == expected)
        }
    }

    @Test func preparedPredicatesAgreeWithPlainOnes() throws {
        let tjk = ShapelyFixtures.country("TJK")
        let prepared = try PreparedGeometry(tjk)
        for code in ["KGZ", "UZB", "AFG", "TKM"] {
            let other = ShapelyFixtures.country(code)
            #expect(try prepared.intersects(other) == tjk.intersects(other), "\(code)")
            #expect(try prepared.touches(other) == tjk.touches(other), "\(code)")
            #expect(try prepared.disjoint(other) == tjk.disjoint(other), "\(code)")
            #expect(try prepared.overlaps(other) == tjk.overlaps(other), "\(code)")
            #expect(try prepared.contains(other) == false)
        }
    }

    @Test func unitSquareBoundaryCases() throws {
        let square = HandCheckedTests.square(0, 0)
        let prepared = try PreparedGeometry(square)
        #expect(try prepared.contains(x: 0.5, y: 0.5))
        #expect(try !prepared.contains(x: 1, y: 0.5))        // on the edge
        #expect(try prepared.covers(x: 1, y: 0.5))
        #expect(try prepared.intersects(x: 1, y: 1))
        #expect(try !prepared.intersects(x: 1.01, y: 0.5))
        let inner = HandCheckedTests.square(0.25, 0.25, 0.5)
        #expect(try prepared.containsProperly(inner))
        #expect(try !prepared.containsProperly(HandCheckedTests.square(0, 0, 0.5)))  // touches the edge
        #expect(try prepared.covers(HandCheckedTests.square(0, 0, 0.5)))
        #expect(try prepared.within(HandCheckedTests.square(-1, -1, 3)))
        #expect(try prepared.coveredBy(square))
        #expect(try prepared.crosses(.lineString(LineString([Coordinate(-1, 0.5), Coordinate(2, 0.5)]))))
    }

    @Test func preparingBadGeometryThrows() {
        let open: Geometry = .lineString(LineString([Coordinate(0, 0)]))
        #expect(throws: TopologyError.self) { try PreparedGeometry(open) }
    }
}
