import Foundation
import GeoCore
import Testing
@testable import IncidentStore

/// The GeoPackage writer checked by GDAL: `ogrinfo` for schema, extent and values,
/// `ogr2ogr` for coordinates, GDAL's `validate_gpkg.py` for conformance, sqlite3 for the raw
/// header values. Expected values are written by hand from the inputs, never taken from our
/// own reader.
@Suite("GeoPackage writer")
struct GeoPackageWriterTests {
    /// A small incident-like layer: every field type, Cyrillic text, a timestamp with an offset,
    /// a null geometry, a property no field declares.
    static func sampleLayer() -> FeatureCollection {
        let fields = [
            Field(name: "name", type: .string), Field(name: "count", type: .integer),
            Field(name: "weight", type: .real), Field(name: "active", type: .boolean),
            Field(name: "day", type: .date), Field(name: "occurred_at", type: .string),
        ]
        let f1 = Feature(geometry: .point(Point(x: 69.2401, y: 41.2995)), properties: [
            "name": .string("Ташкент"), "count": .integer(3), "weight": .double(1.5), "active": .bool(true),
            "day": .date(CalendarDate(year: 2024, month: 3, day: 5)!),
            "occurred_at": .string("2024-03-05T12:34:56.789+05:00"), "заметка": .string("партия «Б»"),
        ])
        let f2 = Feature(geometry: .point(Point(x: 74.59, y: 42.87)), properties: [
            "name": .string("Бишкек — пост «Ак-Жол»"), "count": .null, "weight": .double(0.25),
            "active": .bool(false), "day": .string("2023-12-31"), "occurred_at": .string("2023-12-31 23:59:59"),
        ])
        let f3 = Feature(geometry: nil, properties: [
            "name": .string("O'Neil \"quoted\""), "count": .integer(5_000_000_000), "weight": .integer(2),
        ])
        return FeatureCollection(name: "incidents", fields: fields, features: [f1, f2, f3], crs: "EPSG:4326")
    }

    static func writeSample() throws -> String {
        let path = try GeoPackageOracle.tempDirectory().appendingPathComponent("out.gpkg").path
        try GeoPackageWriter(options: GeoPackageWriteOptions(dateTimeFields: ["occurred_at"])).write(sampleLayer(), to: path)
        return path
    }

    @Test("ogrinfo -so: layer, geometry type, count, extent, CRS, field types; no warnings")
    func summary() throws {
        let path = try Self.writeSample()
        let o = try GeoPackageOracle.ogrinfo(["-al", "-so", path])
        #expect(o.stderr.isEmpty, "GDAL wrote to stderr: \(o.stderr)")
        #expect(o.stdout.contains("using driver `GPKG' successful"))
        #expect(o.stdout.contains("Layer name: incidents"))
        #expect(o.stdout.contains("Geometry: Point"))
        #expect(o.stdout.contains("Feature Count: 3"))
        #expect(o.stdout.contains("Extent: (69.240100, 41.299500) - (74.590000, 42.870000)"))
        #expect(o.stdout.contains("ID[\"EPSG\",4326]"), "layer SRS is EPSG:4326")
        #expect(o.stdout.contains("FID Column = fid"))
        #expect(o.stdout.contains("Geometry Column = geom"))
        let types = GeoPackageOracle.fieldTypes(o.stdout)
        #expect(types["name"] == "String")
        #expect(types["count"] == "Integer64")
        #expect(types["weight"] == "Real")
        #expect(types["active"] == "Integer(Boolean)")
        #expect(types["day"] == "Date")
        #expect(types["occurred_at"] == "DateTime")
        #expect(types["заметка"] == "String")
    }

    @Test("ogrinfo -al: values, Cyrillic text, dates and UTC date-times")
    func values() throws {
        let path = try Self.writeSample()
        let o = try GeoPackageOracle.ogrinfo(["-al", "-q", path])
        #expect(o.stderr.isEmpty, "GDAL wrote to stderr: \(o.stderr)")
        let blocks = o.stdout.components(separatedBy: "OGRFeature(incidents):").dropFirst().map { $0 }
        try #require(blocks.count == 3)
        for expected in ["1", "name (String) = Ташкент", "count (Integer64) = 3", "weight (Real) = 1.5",
                         "active (Integer(Boolean)) = 1", "day (Date) = 2024/03/05",
                         "occurred_at (DateTime) = 2024/03/05 07:34:56.789+00",
                         "заметка (String) = партия «Б»", "POINT (69.2401 41.2995)"] {
            #expect(blocks[0].contains(expected), "feature 1 lacks \(expected)")
        }
        for expected in ["2", "name (String) = Бишкек — пост «Ак-Жол»", "count (Integer64) = (null)",
                         "active (Integer(Boolean)) = 0", "day (Date) = 2023/12/31",
                         "occurred_at (DateTime) = 2023/12/31 23:59:59+00", "POINT (74.59 42.87)"] {
            #expect(blocks[1].contains(expected), "feature 2 lacks \(expected)")
        }
        for expected in ["3", "name (String) = O'Neil \"quoted\"", "count (Integer64) = 5000000000",
                         "weight (Real) = 2", "day (Date) = (null)", "occurred_at (DateTime) = (null)"] {
            #expect(blocks[2].contains(expected), "feature 3 lacks \(expected)")
        }
        #expect(!blocks[2].contains("POINT"), "feature 3 has no geometry")
    }

    @Test("ogr2ogr GeoJSON: coordinates equal the input to 1e-9, through the spatial index too")
    func coordinates() throws {
        let path = try Self.writeSample()
        let o = try GeoPackageOracle.geoJSON(path)
        #expect(o.stderr.isEmpty, "GDAL wrote to stderr: \(o.stderr)")
        let features = try GeoPackageOracle.features(o.stdout)
        try #require(features.count == 3)
        let expected: [[Double]] = [[69.2401, 41.2995], [74.59, 42.87], []]
        for (feature, want) in zip(features, expected) {
            let got = GeoPackageOracle.flatCoordinates((feature["geometry"] as? [String: Any])?["coordinates"])
            #expect(got.count == want.count)
            for (a, b) in zip(got, want) { #expect(abs(a - b) <= 1e-9) }
        }
        // -spat makes GDAL answer from rtree_incidents_geom: only Tashkent lies west of 70 E.
        let spatial = try GeoPackageOracle.geoJSON(path, extra: ["-spat", "60", "35", "70", "45"])
        let hits = try GeoPackageOracle.features(spatial.stdout)
        #expect(hits.count == 1)
        #expect((hits.first?["properties"] as? [String: Any])?["name"] as? String == "Ташкент")
    }

    @Test("GDAL's validate_gpkg.py accepts the file with warnings as errors",
          .enabled(if: FileManager.default.fileExists(atPath: GeoPackageOracle.validator)))
    func validator() throws {
        let path = try Self.writeSample()
        let o = try GeoPackageOracle.validate(path)
        #expect(o.status == 0, "validate_gpkg.py: \(o.stdout) \(o.stderr)")
        #expect(o.stderr.isEmpty, "validate_gpkg.py: \(o.stderr)")
    }

    @Test("sqlite3: application_id 'GPKG', user_version 10300, required SRS rows, R-tree filled")
    func header() throws {
        let path = try Self.writeSample()
        #expect(try GeoPackageOracle.sqlite3(path, "PRAGMA application_id") == "1196444487")
        #expect(try GeoPackageOracle.sqlite3(path, "PRAGMA user_version") == "10300")
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT group_concat(srs_id) FROM (SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id)") == "-1,0,4326")
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT geometry_type_name, srs_id, z, m FROM gpkg_geometry_columns") == "POINT|4326|0|0")
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT count(*) FROM rtree_incidents_geom") == "2")
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'") == "6")
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT occurred_at FROM incidents WHERE fid = 1") == "2024-03-05T07:34:56.789Z")
        #expect(try GeoPackageOracle.sqlite3(path, "PRAGMA integrity_check") == "ok")
        // GeoPackage binary header of the first point: 'GP', version 0, flags 0x03, srs_id 4326 LE.
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT hex(substr(geom, 1, 8)) FROM incidents WHERE fid = 1") == "47500003E6100000")
    }

    @Test("edits made through GDAL keep the R-tree in step via the written triggers")
    func triggers() throws {
        let path = try Self.writeSample()
        for sql in ["UPDATE incidents SET geom = AsGPB(MakePoint(70.5, 40.5, 4326)) WHERE fid = 3",
                    "DELETE FROM incidents WHERE fid = 2",
                    "UPDATE incidents SET fid = 10 WHERE fid = 1"] {
            let o = try GeoPackageOracle.ogrinfo(["-q", path, "-sql", sql])
            #expect(o.stderr.isEmpty, "GDAL wrote to stderr for \(sql): \(o.stderr)")
        }
        // update1 (geometry set), delete, update3 (fid changed): R-tree ids 3 and 10 remain.
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT group_concat(id) FROM (SELECT id FROM rtree_incidents_geom ORDER BY id)") == "3,10")
        #expect(try GeoPackageOracle.sqlite3(path, "SELECT minx <= 70.5 AND maxx >= 70.5 FROM rtree_incidents_geom WHERE id = 3") == "1")
        let v = try GeoPackageOracle.validate(path)
        #expect(v.status == 0, "validate_gpkg.py: \(v.stdout) \(v.stderr)")
    }
}
