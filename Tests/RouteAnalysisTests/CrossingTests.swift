import GeoCore
import Testing
@testable import RouteAnalysis

@Suite("Border crossings derived from roads × boundary lines")
struct CrossingTests {
    /// Boundary x = 10 from (10, 0) to (10, 20) with Natural Earth side fields.
    static let boundary = Feature(geometry: .lineString(LineString([Coordinate(10, 0), Coordinate(10, 20)])),
                                  properties: ["ADM0_A3_L": .string("AAA"), "ADM0_A3_R": .string("BBB"),
                                               "ADM0_LEFT": .string("Aland"), "ADM0_RIGHT": .string("Bland")])

    @Test("two crossing lines give one point at the hand-computed intersection")
    func twoLines() throws {
        // Road from (8, 4) to (12, 8): y = x - 4, so at x = 10 it crosses at (10, 6).
        let road = Feature(geometry: .lineString(LineString([Coordinate(8, 4), Coordinate(12, 8)])),
                           properties: ["type": .string("Major Highway"), "road_id": .integer(7)])
        let out = try BorderCrossings.derive(roads: FeatureCollection(features: [road]),
                                             boundaries: FeatureCollection(features: [Self.boundary]), countries: nil)
        #expect(out.count == 1)
        let f = try #require(out.first)
        #expect(f.geometry == .point(Point(x: 10, y: 6)))
        #expect(f["derived"] == .integer(1))
        #expect(f["country_a"] == .string("AAA"))
        #expect(f["country_b"] == .string("BBB"))
        #expect(f["name_b"] == .string("Bland"))
        #expect(f["road_type"] == .string("Major Highway"))
        #expect(f["road_id"] == .integer(7))
        #expect(f["lon"] == .double(10))
        #expect(f["lat"] == .double(6))
        #expect(f.id == .integer(1))
    }

    @Test("a road split at the border gives one point; a road along the border gives none")
    func splitAndOverlap() throws {
        let west = Feature(geometry: .lineString(LineString([Coordinate(9, 2), Coordinate(10, 3)])), properties: ["type": .string("Road")])
        let east = Feature(geometry: .lineString(LineString([Coordinate(10, 3), Coordinate(11, 4)])), properties: ["type": .string("Track")])
        let along = Feature(geometry: .lineString(LineString([Coordinate(10, 12), Coordinate(10, 15)])), properties: [:])
        let away = Feature(geometry: .lineString(LineString([Coordinate(0, 0), Coordinate(5, 5)])), properties: [:])
        let out = try BorderCrossings.derive(roads: FeatureCollection(features: [west, east, along, away]),
                                             boundaries: FeatureCollection(features: [Self.boundary]), countries: nil)
        #expect(out.count == 1)
        #expect(out.first?.geometry == .point(Point(x: 10, y: 3)))
        #expect(out.first?["road_type"] == .string("Road"), "the first road in input order names the crossing")
    }

    @Test("without side fields the countries come from polygons either side, in road direction")
    func sidesFromPolygons() throws {
        func square(_ x0: Double, _ x1: Double) -> Geometry {
            .polygon(Polygon(exterior: LinearRing([Coordinate(x0, 0), Coordinate(x1, 0), Coordinate(x1, 20),
                                                   Coordinate(x0, 20), Coordinate(x0, 0)])))
        }
        let countries = FeatureCollection(features: [
            Feature(geometry: square(0, 10), properties: ["ISO_A3": .string("WST"), "ADMIN": .string("Westland")]),
            Feature(geometry: square(10, 20), properties: ["ISO_A3": .string("-99"), "ADM0_A3": .string("EST"), "ADMIN": .string("Eastland")]),
        ])
        let bare = Feature(geometry: Self.boundary.geometry, properties: [:])
        // Travelling east to west: side A (before) is Eastland.
        let road = Feature(geometry: .lineString(LineString([Coordinate(15, 5), Coordinate(5, 5)])), properties: [:])
        let out = try BorderCrossings.derive(roads: FeatureCollection(features: [road]),
                                             boundaries: FeatureCollection(features: [bare]), countries: countries)
        let f = try #require(out.first)
        #expect(out.count == 1)
        #expect(f["country_a"] == .string("EST"))
        #expect(f["name_a"] == .string("Eastland"))
        #expect(f["country_b"] == .string("WST"))
        #expect(f["road_id"] == .integer(0), "no road_id field: the road's index")
    }
}
