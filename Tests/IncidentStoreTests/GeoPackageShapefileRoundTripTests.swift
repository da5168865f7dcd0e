import Foundation
import GeoCore
import GeoFormats
import Testing
@testable import IncidentStore

/// Real layers from `Shapefiles/` read by our ShapefileReader, written as GeoPackage, then
/// compared with GDAL's own reading of the original shapefile: same feature count, the same
/// coordinates to 1e-9 and the same attribute values, and no GDAL warnings.
@Suite("GeoPackage shapefile round trip")
struct GeoPackageShapefileRoundTripTests {
    static let shapefiles = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Shapefiles")

    @Test("GDAL reads the same features from the GeoPackage as from the shapefile",
          arguments: ["ca_admin0_countries", "ca_admin1_provinces", "ca_admin0_boundary_lines_land", "ca_populated_places"])
    func roundTrip(layer: String) throws {
        let shp = Self.shapefiles.appendingPathComponent("\(layer).shp").path
        let collection = try ShapefileReader(path: shp).readAll()
        let gpkg = try GeoPackageOracle.tempDirectory().appendingPathComponent("\(layer).gpkg").path
        try GeoPackageWriter().write(collection, to: gpkg)

        let summary = try GeoPackageOracle.ogrinfo(["-so", gpkg, layer])
        #expect(summary.stderr.isEmpty, "GDAL wrote to stderr: \(summary.stderr)")
        #expect(summary.stdout.contains("ID[\"EPSG\",4326]"), "the .prj's GCS_WGS_1984 is stored as EPSG:4326")
        let validation = try GeoPackageOracle.validate(gpkg)
        #expect(validation.status == 0, "validate_gpkg.py: \(validation.stdout) \(validation.stderr)")

        let original = try GeoPackageOracle.geoJSON(shp)
        let written = try GeoPackageOracle.geoJSON(gpkg)
        #expect(written.stderr.isEmpty, "GDAL wrote to stderr: \(written.stderr)")
        let want = try GeoPackageOracle.features(original.stdout)
        let got = try GeoPackageOracle.features(written.stdout)
        try #require(got.count == want.count && !want.isEmpty, "feature count \(got.count) vs \(want.count)")
        var coordinateMismatches = 0, propertyMismatches: [String] = []
        for (index, (g, w)) in zip(got, want).enumerated() {
            let a = GeoPackageOracle.flatCoordinates((g["geometry"] as? [String: Any])?["coordinates"])
            let b = GeoPackageOracle.flatCoordinates((w["geometry"] as? [String: Any])?["coordinates"])
            if a.count != b.count || zip(a, b).contains(where: { abs($0 - $1) > 1e-9 }) { coordinateMismatches += 1 }
            let gp = g["properties"] as? [String: Any] ?? [:], wp = w["properties"] as? [String: Any] ?? [:]
            for (key, value) in wp where !Self.same(gp[key], value) {
                propertyMismatches.append("feature \(index) \(key): \(gp[key] ?? "absent") vs \(value)")
            }
        }
        #expect(coordinateMismatches == 0, "\(coordinateMismatches) features with other coordinates")
        #expect(propertyMismatches.isEmpty, "\(propertyMismatches.prefix(5))")
    }

    /// Equal JSON values: numbers to 1e-9 relative, strings exactly, null only to null.
    static func same(_ a: Any?, _ b: Any) -> Bool {
        switch (a, b) {
        case (let x as String, let y as String): return x == y
        case (let x as NSNumber, let y as NSNumber):
            return abs(x.doubleValue - y.doubleValue) <= 1e-9 * max(1, abs(y.doubleValue))
        case (is NSNull, is NSNull): return true
        default: return false
        }
    }
}
