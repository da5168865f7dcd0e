import Foundation
import GeoCore
import Testing
@testable import GeoProjection

@Suite("Geodesic")
struct GeodesicTests {
    /// pyproj.Geod(ellps="WGS84").inv values in Fixtures/geodesic_inverse.csv.
    @Test func inverseMatchesPyproj() throws {
        let rows = try Fixtures.csv("geodesic_inverse.csv")
        #expect(rows.count == 8)
        for row in rows {
            func d(_ key: String) throws -> Double { try #require(Double(row[key] ?? "")) }
            let name = row["name"] ?? ""
            let result = try Geodesic.inverse(from: Coordinate(try d("lon1"), try d("lat1")),
                                              to: Coordinate(try d("lon2"), try d("lat2")))
            #expect(abs(result.distance - (try d("distance_m"))) < 1e-6, "distance \(name)")
            if name != "meridian_pole" { // azimuth at the pole itself is a matter of convention
                #expect(angleDifference(result.initialAzimuth, try d("az12_deg")) < 1e-8, "az12 \(name)")
                #expect(angleDifference(result.backAzimuth, try d("az21_deg")) < 1e-8, "az21 \(name)")
            }
        }
    }

    @Test func publishedValues() throws {
        // One degree of longitude on the equator is a·π/180 = 111 319.490793 m (WGS 84).
        let equator = try Geodesic.distance(from: Coordinate(0, 0), to: Coordinate(1, 0))
        #expect(abs(equator - 6_378_137 * Double.pi / 180) < 1e-6)
        // Quarter meridian of WGS 84: 10 001 965.729 m (Karney 2013, table / EPSG ellipsoid data).
        let quarter = try Geodesic.distance(from: Coordinate(0, 0), to: Coordinate(0, 90))
        #expect(abs(quarter - 10_001_965.729) < 0.001)
        #expect(try Geodesic.distance(from: Coordinate(69, 41), to: Coordinate(69, 41)) == 0)
    }

    @Test func lineLengthIsTheSumOfLegs() throws {
        let a = Coordinate(69.2401, 41.2995), b = Coordinate(76.8512, 43.2220), c = Coordinate(74.5698, 42.8746)
        let total = try Geodesic.length(of: LineString([a, b, c]))
        let legs = try Geodesic.distance(from: a, to: b) + Geodesic.distance(from: b, to: c)
        #expect(abs(total - legs) < 1e-6)
        #expect(abs(try Geodesic.distance(from: a, to: b) - 663024.2379135755) < 1e-6)
        #expect(try Geodesic.length(of: [a]) == 0)
    }

    /// pyproj.Geod.polygon_area_perimeter values in Fixtures/geodesic_polygons.csv: area to
    /// 1e-8 relative (see Geodesic's documentation for the method), perimeter to 1 µm.
    @Test func polygonAreaAndPerimeterMatchPyproj() throws {
        let rows = try Fixtures.csv("geodesic_polygons.csv")
        #expect(rows.count == 6)
        for row in rows {
            let name = row["name"] ?? ""
            let ring = try (row["ring"] ?? "").split(separator: ";").map { pair in
                let v = pair.split(separator: " ").compactMap { Double($0) }
                try #require(v.count == 2)
                return Coordinate(v[0], v[1])
            }
            let expectedArea = try #require(Double(row["signed_area_m2"] ?? ""))
            let expectedPerimeter = try #require(Double(row["perimeter_m"] ?? ""))
            let result = try Geodesic.areaAndPerimeter(of: ring)
            #expect(abs(result.signedArea - expectedArea) <= 1e-8 * abs(expectedArea),
                    "area \(name): \(result.signedArea) vs \(expectedArea)")
            #expect(abs(result.perimeter - expectedPerimeter) < 1e-6, "perimeter \(name)")
            // Closing the ring explicitly changes nothing.
            let closed = try Geodesic.areaAndPerimeter(of: ring + [ring[0]])
            #expect(closed.signedArea == result.signedArea)
        }
    }

    @Test func polygonWithHole() throws {
        let outer = LinearRing([Coordinate(68.5, 40.5), Coordinate(70.5, 40.5), Coordinate(70.5, 42.0),
                                Coordinate(68.5, 42.0), Coordinate(68.5, 40.5)])
        let hole = LinearRing([Coordinate(69.0, 41.0), Coordinate(69.0, 41.008), Coordinate(69.01, 41.008),
                               Coordinate(69.01, 41.0), Coordinate(69.0, 41.0)])
        let polygon = Polygon(exterior: outer, holes: [hole])
        let area = try Geodesic.area(of: polygon)
        #expect(abs(area - (27923988860.251953 - 747438.6155633926)) < 1e-8 * 27923988860.251953)
        let perimeter = try Geodesic.perimeter(of: polygon)
        #expect(abs(perimeter - (668405.9092383505 + 3459.4657273395933)) < 1e-6)
    }

    @Test func invalidInputThrows() {
        #expect(throws: ProjectionError.self) { try Geodesic.distance(from: Coordinate(0, 91), to: Coordinate(0, 0)) }
        #expect(throws: ProjectionError.self) { try Geodesic.distance(from: Coordinate(.nan, 0), to: Coordinate(0, 0)) }
    }

    private func angleDifference(_ a: Double, _ b: Double) -> Double {
        let d = abs(a - b).truncatingRemainder(dividingBy: 360)
        return min(d, 360 - d)
    }
}
