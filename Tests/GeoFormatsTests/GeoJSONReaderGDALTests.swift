import Foundation
import GeoCore
import Testing
@testable import GeoFormats

/// Reads GeoJSON that GDAL's ogr2ogr made from the sample shapefiles and compares what we read
/// with what GDAL reads from the same file (attributes, field types, every coordinate).
@Suite("GeoJSON reader vs GDAL")
struct GeoJSONReaderGDALTests {
    static let layers = ["ca_admin0_countries", "ca_populated_places", "ca_admin1_provinces", "ca_roads"]

    /// `ogr2ogr -f GeoJSON out.geojson data/<layer>.shp [extra]`, in a temp dir.
    static func makeGeoJSON(_ layer: String, _ extra: [String] = []) throws -> URL {
        let dir = try GDALOracle.tempDir()
        let out = dir.appendingPathComponent("\(layer).geojson")
        let r = try GDALOracle.run("ogr2ogr", ["-f", "GeoJSON", out.path,
                                               GDALOracle.dataDir.appendingPathComponent("\(layer).shp").path] + extra)
        #expect(r.status == 0, "ogr2ogr: \(r.err)")
        return out
    }

    /// GDAL's field types for a layer (`ogrinfo -so`), e.g. ["NAME": "String", "pop": "Integer64"].
    static func gdalFieldTypes(_ file: String) throws -> [String: String] {
        let r = try GDALOracle.run("ogrinfo", ["-so", "-al", "-ro", file])
        var types: [String: String] = [:]
        for line in r.out.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, !line.hasPrefix(" "), let t = parts[1].split(separator: " ").first,
                  ["String", "Integer", "Integer64", "Real", "Date"].contains(String(t)) else { continue }
            types[String(parts[0])] = String(t)
        }
        return types
    }

    static func compare(_ file: URL, rfc7946: Bool) throws {
        let ours = try GeoJSONReader.read(contentsOf: file)
        let rows = try GDALOracle.csvRows(file.path)
        #expect(ours.features.count == rows.count)
        #expect(ours.crs == "EPSG:4326")
        let types = try gdalFieldTypes(file.path)
        #expect(Set(ours.fields.map(\.name)) == Set(types.keys))
        for field in ours.fields {
            let expected: FieldType = switch types[field.name] {
            case "Integer", "Integer64": .integer
            case "Real": .real
            case "Date": .date
            default: .string
            }
            #expect(field.type == expected, "field \(field.name): GDAL says \(types[field.name] ?? "?")")
        }
        for (i, (f, row)) in zip(ours.features, rows).enumerated() {
            for (name, text) in row where name != "WKT" {
                let v = f[name]
                switch v {
                case .null: #expect(text == "", "features[\(i)].\(name)")
                case .string(let s): #expect(s == text, "features[\(i)].\(name)")
                case .integer, .double:
                    let d = v.doubleValue ?? .nan
                    #expect(abs(d - (Double(text) ?? .nan)) <= 1e-9 * max(1, abs(d)), "features[\(i)].\(name): \(v) vs \(text)")
                case .date(let date): #expect(date.description == text.replacingOccurrences(of: "/", with: "-"))
                case .bool(let b): #expect((b ? "1" : "0") == text || String(b) == text)
                }
            }
            let gdal = GDALOracle.wktParts(row["WKT"] ?? "")
            let mine = GDALOracle.parts(f.geometry)
            #expect(gdal.count == mine.count, "features[\(i)] part/ring count")
            #expect(GDALOracle.partsMatch(mine, gdal, tolerance: 1e-9, allowReversed: false), "features[\(i)] coordinates")
        }
    }

    @Test(arguments: layers)
    func gdalDefaultOutput(layer: String) throws {
        try Self.compare(try Self.makeGeoJSON(layer), rfc7946: false)
    }

    @Test(arguments: ["ca_admin0_countries", "ca_populated_places"])
    func gdalRFC7946Output(layer: String) throws {
        try Self.compare(try Self.makeGeoJSON(layer, ["-lco", "RFC7946=YES"]), rfc7946: true)
    }

    @Test func unicodeAttributes() throws {
        let places = try GeoJSONReader.read(contentsOf: try Self.makeGeoJSON("ca_populated_places"))
        #expect(places.features.count == 8475)
        #expect(places.features.contains { $0["name"] == .string("Qo‘qon") })
        #expect(places.features.contains { ($0["alt_cyr"].stringValue ?? "").contains("Душанбе") })
        #expect(places.fields.first?.name == "gn_id", "first-seen field order")
        #expect(places.fields.map(\.name) == ["gn_id", "name", "alt_cyr", "iso_a2", "gn_adm1", "pop", "timezone",
                                               "capital", "ne_adm0", "ne_adm1", "lon", "lat"])
    }

    @Test func crsMemberOfNonWGS84Layer() throws {
        let file = try Self.makeGeoJSON("ca_admin0_countries", ["-t_srs", "EPSG:3857"])
        let ours = try GeoJSONReader.read(contentsOf: file)
        #expect(ours.crs == "EPSG:3857")
        let rows = try GDALOracle.csvRows(file.path)
        for (f, row) in zip(ours.features, rows) {
            #expect(GDALOracle.partsMatch(GDALOracle.parts(f.geometry), GDALOracle.wktParts(row["WKT"] ?? ""),
                                          tolerance: 1e-6, allowReversed: false))
        }
    }
}
