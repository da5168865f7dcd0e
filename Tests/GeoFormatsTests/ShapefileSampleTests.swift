import Foundation
import GeoCore
import Testing
@testable import GeoFormats

/// Reads every sample layer and compares with GDAL's reading of the same files.
@Suite("Shapefile reader vs GDAL on sample data")
struct ShapefileSampleTests {
    @Test("every feature, attribute and coordinate matches ogr2ogr's GeoJSON", arguments: ShapefileOracle.sampleLayers)
    func matchesGDAL(layer: String) throws {
        let path = "\(ShapefileOracle.dataDir)/\(layer).shp"
        let reader = try ShapefileReader(path: path)
        let ours = try reader.readAll()
        let gdal = try ShapefileOracle.gdalFeatures(path)
        #expect(!gdal.isEmpty)
        let diffs = ShapefileOracle.differences(ours.features, gdal)
        #expect(diffs.isEmpty, "\(layer): \(diffs.joined(separator: "; "))")
        #expect(ours.crs?.contains("GCS_WGS_1984") == true)
        #expect(reader.warnings.isEmpty, "\(reader.warnings)")
        // The comparison itself must notice a change.
        var changed = ours.features
        changed[0].geometry = changed[0].geometry?.mapCoordinates { Coordinate($0.x + 1e-6, $0.y) }
        #expect(!ShapefileOracle.differences(changed, gdal).isEmpty)
    }

    @Test("header summary matches ogrinfo -so without reading records", arguments: ShapefileOracle.sampleLayers)
    func summary(layer: String) throws {
        let path = "\(ShapefileOracle.dataDir)/\(layer).shp"
        let info = try ShapefileReader(path: path).info
        let gdal = try ShapefileOracle.gdalSummary(path)
        #expect(info.recordCount == gdal.count)
        #expect(gdal.geometry.contains(info.shapeType.base == .polyLine ? "Line String" : info.shapeType.base == .point ? "Point" : "Polygon"))
        #expect(info.fields.map(\.name) == gdal.fields.map(\.0))
        #expect(info.encoding == .utf8)
        #expect(info.hasIndex)
        #expect(info.boundingBox != nil)
    }

    @Test("known values: 28 countries, Qo‘qon, Cyrillic alt_cyr")
    func knownValues() throws {
        let countries = try ShapefileReader(path: "\(ShapefileOracle.dataDir)/ca_admin0_countries.shp").readAll()
        #expect(countries.features.count == 28)
        let places = try ShapefileReader(path: "\(ShapefileOracle.dataDir)/ca_populated_places").readAll()
        #expect(places.features.contains { $0["name"] == .string("Qo‘qon") })
        let tashkent = places.features.first { $0["name"] == .string("Tashkent") }
        #expect(tashkent?["alt_cyr"].stringValue?.contains("Ташкент") == true)
    }

    @Test("a missing .shx is rebuilt from the .shp with the same result")
    func missingShx() throws {
        let dir = try ShapefileOracle.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for ext in ["shp", "dbf", "cpg", "prj"] {
            try FileManager.default.copyItem(atPath: "\(ShapefileOracle.dataDir)/ca_roads.\(ext)",
                                             toPath: dir.appendingPathComponent("roads.\(ext)").path)
        }
        let rebuilt = try ShapefileReader(path: dir.appendingPathComponent("roads.shp").path)
        #expect(!rebuilt.info.hasIndex)
        #expect(rebuilt.warnings.contains { $0.contains(".shx") })
        let original = try ShapefileReader(path: "\(ShapefileOracle.dataDir)/ca_roads.shp").readAll()
        #expect(try rebuilt.readAll().features == original.features)
    }

    @Test("streaming next() and random access agree with readAll()")
    func streaming() throws {
        let reader = try ShapefileReader(path: "\(ShapefileOracle.dataDir)/ca_admin1_provinces.shp")
        var n = 0
        while let f = try reader.next() {
            #expect(f.id == .integer(Int64(n)))
            n += 1
        }
        #expect(n == reader.recordCount)
        let f100 = try reader.feature(at: 100)
        #expect(f100 == (try reader.readAll()).features[100])
    }
}
