import Foundation
import GeoCore
import Testing
@testable import GeoFormats

/// Writes GeoJSON with our writer and has GDAL read it back: coordinates (1e-7), attributes,
/// field types, no warnings; ring orientation is checked independently with Foundation's parser.
@Suite("GeoJSON writer vs GDAL")
struct GeoJSONWriterGDALTests {
    /// Counter-clockwise shells and clockwise holes in every polygon of the written file.
    static func checkOrientation(_ data: Data) throws {
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for f in root["features"] as? [[String: Any]] ?? [] {
            guard let g = f["geometry"] as? [String: Any], let type = g["type"] as? String else { continue }
            var polygons: [[[[Double]]]] = []
            if type == "Polygon", let c = g["coordinates"] as? [[[Double]]] { polygons = [c] }
            if type == "MultiPolygon", let c = g["coordinates"] as? [[[[Double]]]] { polygons = c }
            for p in polygons {
                for (k, ring) in p.enumerated() {
                    let a = GDALOracle.signedArea(ring)
                    #expect(k == 0 ? a > 0 : a < 0, "ring \(k) has signed area \(a)")
                }
            }
        }
    }

    static func roundTrip(_ collection: FeatureCollection, file: String) throws -> (URL, [[String: String]]) {
        let url = try GDALOracle.tempDir().appendingPathComponent(file)
        try GeoJSONWriter.write(collection, to: url)
        try checkOrientation(try Data(contentsOf: url))
        let info = try GDALOracle.run("ogrinfo", ["-al", "-ro", "-q", url.path])
        #expect(info.status == 0)
        #expect(info.err.isEmpty, "GDAL warnings: \(info.err)")
        return (url, try GDALOracle.csvRows(url.path))
    }

    @Test(arguments: ["ca_admin0_countries", "ca_admin1_provinces", "ca_populated_places", "ca_roads", "ca_lakes"])
    func realLayers(layer: String) throws {
        let source = try GeoJSONReaderGDALTests.makeGeoJSON(layer)
        let original = try GeoJSONReader.read(contentsOf: source)
        let (url, rows) = try Self.roundTrip(original, file: "\(layer).geojson")
        #expect(rows.count == original.features.count)
        let types = try GeoJSONReaderGDALTests.gdalFieldTypes(url.path)
        #expect(Set(types.keys) == Set(original.fields.map(\.name)))
        for field in original.fields {
            let t = types[field.name] ?? "?"
            switch field.type {
            case .integer: #expect(t == "Integer" || t == "Integer64", "\(field.name): \(t)")
            case .real: #expect(t == "Real", "\(field.name): \(t)")
            default: #expect(t == "String", "\(field.name): \(t)")
            }
        }
        for (i, (f, row)) in zip(original.features, rows).enumerated() {
            for field in original.fields {
                let text = row[field.name] ?? "<missing>"
                switch f[field.name] {
                case .null: #expect(text == "")
                case .string(let s): #expect(s == text, "features[\(i)].\(field.name)")
                case let v: #expect(abs((v.doubleValue ?? .nan) - (Double(text) ?? .nan)) <= 1e-9 * max(1, abs(v.doubleValue ?? 0)),
                                    "features[\(i)].\(field.name): \(v) vs \(text)")
                }
            }
            #expect(GDALOracle.partsMatch(GDALOracle.parts(f.geometry), GDALOracle.wktParts(row["WKT"] ?? ""),
                                          tolerance: 1e-7, allowReversed: true), "features[\(i)] geometry")
        }
    }

    @Test func syntheticValuesAndTypes() throws {
        let sample = try GeoJSONWriterTests.sample()
        let (url, rows) = try Self.roundTrip(sample, file: "sample.geojson")
        let types = try GeoJSONReaderGDALTests.gdalFieldTypes(url.path)
        #expect(types["name"] == "String")
        #expect(types["n"] == "Integer")
        #expect(types["d"] == "Date")
        #expect(types["z_extra"] == nil || types["z_extra"] == "String", "an all-null field: GDAL types it String")
        let info = try GDALOracle.run("ogrinfo", ["-al", "-ro", "-so", url.path])
        #expect(info.out.contains("b: Integer(Boolean)"))
        #expect(info.out.contains("Layer name: sample"))
        #expect(rows[0]["name"] == "Qo‘qon \"q\"\n")
        #expect(rows[0]["d"] == "2024/03/01")
        #expect(rows[0]["b"] == "1")
        #expect(rows[0]["z_extra"] == "")
        #expect(rows[1]["WKT"] == "")
        #expect(rows[2]["WKT"]?.hasPrefix("POINT Z") == true)
        #expect(GDALOracle.wktParts(rows[2]["WKT"] ?? "") == [[69.1234568, 0, 455.25]])
        // GDAL's own ids: ogrinfo reports FID 7 for the integer id.
        let all = try GDALOracle.run("ogrinfo", ["-al", "-ro", "-q", url.path])
        #expect(all.out.contains("OGRFeature(sample):7"))
    }
}
