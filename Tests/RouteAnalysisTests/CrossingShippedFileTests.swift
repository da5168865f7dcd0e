import GeoCore
import Testing
import TestSupport
@testable import RouteAnalysis

/// Guards `Shapefiles/ca_border_crossings_derived.shp` against drift: the points are derived
/// again from the shipped inputs (read by GDAL's ogr2ogr, not by BorderMap's reader) and must
/// equal the shipped file (also read by ogr2ogr).
@Suite("Shipped derived border crossings")
struct CrossingShippedFileTests {
    @Test("re-deriving from ca_roads × ca_admin0_boundary_lines_land reproduces the shipped file")
    func shippedFileMatches() throws {
        let roads = try CrossingOGRLayer.read("ca_roads")
        let lines = try CrossingOGRLayer.read("ca_admin0_boundary_lines_land")
        let countries = try CrossingOGRLayer.read("ca_admin0_countries")
        let shipped = try CrossingOGRLayer.read("ca_border_crossings_derived").features
        let derived = try BorderCrossings.derive(roads: roads, boundaries: lines, countries: countries)
        try #require(derived.count == shipped.count, "derived \(derived.count) points, shipped file has \(shipped.count)")
        for (i, (d, s)) in zip(derived, shipped).enumerated() {
            let a = d.pointCoordinate, b = s.pointCoordinate
            // 1e-9 degrees is 0.1 mm: room for 17-digit text round trips only.
            #expect(abs(a.x - b.x) < 1e-9 && abs(a.y - b.y) < 1e-9, "point \(i + 1): derived \(a), shipped \(b)")
            for key in ["derived", "country_a", "country_b", "name_a", "name_b", "road_type", "road_id"] {
                #expect(d[key].description == s[key].description, "point \(i + 1) field \(key)")
            }
            #expect(abs((d["lon"].doubleValue ?? .nan) - (s["lon"].doubleValue ?? .nan)) < 1e-9)
            #expect(abs((d["lat"].doubleValue ?? .nan) - (s["lat"].doubleValue ?? .nan)) < 1e-9)
        }
    }
}
