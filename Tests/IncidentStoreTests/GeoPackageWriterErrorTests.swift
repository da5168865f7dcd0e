import Foundation
import GeoCore
import Testing
@testable import IncidentStore

/// What the writer refuses, and that a refused or failed write leaves the target untouched.
@Suite("GeoPackage writer errors")
struct GeoPackageWriterErrorTests {
    static func layer(_ fields: [Field], _ properties: [String: PropertyValue], name: String = "t") -> FeatureCollection {
        FeatureCollection(name: name, fields: fields, features: [Feature(geometry: .point(Point(x: 1, y: 2)), properties: properties)])
    }

    @Test("a field named like the fid column (any case) is refused")
    func fidCollision() throws {
        let path = try GeoPackageOracle.tempDirectory().appendingPathComponent("x.gpkg").path
        #expect(throws: GeoPackageError.invalidName("FID", reason: "two columns of table t have this name (ignoring case)")) {
            try GeoPackageWriter().write(Self.layer([Field(name: "FID", type: .integer)], [:]), to: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("reserved gpkg_ table names are refused")
    func reservedName() throws {
        let path = try GeoPackageOracle.tempDirectory().appendingPathComponent("x.gpkg").path
        #expect(throws: GeoPackageError.self) { try GeoPackageWriter().write(Self.layer([], [:], name: "gpkg_x"), to: path) }
    }

    @Test("a value that does not fit its column names feature, field and type; the old file survives")
    func mismatch() throws {
        let path = try GeoPackageOracle.tempDirectory().appendingPathComponent("x.gpkg").path
        try GeoPackageWriter().write(Self.layer([Field(name: "ok", type: .boolean)], ["ok": .bool(true)]), to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: GeoPackageError.valueMismatch(feature: 0, field: "ok", columnType: "BOOLEAN", value: "yes")) {
            try GeoPackageWriter().write(Self.layer([Field(name: "ok", type: .boolean)], ["ok": .string("yes")]), to: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(leftovers == ["x.gpkg"], "no temporary files remain: \(leftovers)")
    }

    @Test("an unparseable date-time is refused")
    func badDateTime() throws {
        let path = try GeoPackageOracle.tempDirectory().appendingPathComponent("x.gpkg").path
        let writer = GeoPackageWriter(options: GeoPackageWriteOptions(dateTimeFields: ["at"]))
        #expect(throws: GeoPackageError.valueMismatch(feature: 0, field: "at", columnType: "DATETIME", value: "05.03.2024")) {
            try writer.write(Self.layer([Field(name: "at", type: .string)], ["at": .string("05.03.2024")]), to: path)
        }
    }

    @Test("NaN coordinates are refused")
    func nonFinite() throws {
        let path = try GeoPackageOracle.tempDirectory().appendingPathComponent("x.gpkg").path
        let bad = FeatureCollection(name: "t", features: [Feature(geometry: .point(Point(x: .nan, y: 1)))])
        #expect(throws: GeoPackageError.nonFiniteCoordinate(feature: 0)) { try GeoPackageWriter().write(bad, to: path) }
    }

    @Test("rewriting replaces the previous layer")
    func overwrite() throws {
        let path = try GeoPackageOracle.tempDirectory().appendingPathComponent("x.gpkg").path
        try GeoPackageWriter().write(Self.layer([], [:], name: "first"), to: path)
        try GeoPackageWriter().write(Self.layer([], [:], name: "second"), to: path)
        let o = try GeoPackageOracle.ogrinfo(["-q", path])
        #expect(o.stdout.contains("second") && !o.stdout.contains("first"))
    }
}
