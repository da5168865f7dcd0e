import Foundation
import GeoCore
import Testing
@testable import GeoFormats

/// Writes shapefiles and has GDAL read them back.
@Suite("Shapefile writer read by GDAL")
struct ShapefileWriterTests {
    /// Compares two GDAL GeoJSON feature lists (ours re-read vs the original).
    static func jsonDifferences(_ a: [[String: Any]], _ b: [[String: Any]]) -> [String] {
        var out: [String] = []
        if a.count != b.count { out.append("count \(a.count) vs \(b.count)") }
        for (i, (x, y)) in zip(a, b).enumerated() where out.count < 5 {
            let px = x["properties"] as? [String: Any] ?? [:], py = y["properties"] as? [String: Any] ?? [:]
            if Set(px.keys) != Set(py.keys) { out.append("feature \(i): keys \(px.keys.sorted()) vs \(py.keys.sorted())") }
            for (k, v) in py {
                let w = px[k]
                let same = (v as? NSObject)?.isEqual(w) == true || ShapefileOracle.close(v, w as Any, tolerance: 1e-12)
                    || (v is NSNull && w is NSNull)
                if !same { out.append("feature \(i) '\(k)': \(String(describing: w)) vs \(v)") }
            }
            let gx = x["geometry"] as? [String: Any], gy = y["geometry"] as? [String: Any]
            var cx = gx?["coordinates"] as? [Any] ?? [], cy = gy?["coordinates"] as? [Any] ?? []
            if gx?["type"] as? String == "MultiPolygon" {
                cx = ShapefileOracle.sortedPolygons(cx)
                cy = ShapefileOracle.sortedPolygons(cy)
            }
            if gx?["type"] as? String != gy?["type"] as? String || !ShapefileOracle.close(cx, cy) {
                out.append("feature \(i): geometry differs")
            }
        }
        return out
    }

    @Test("round trip of every sample layer: GDAL reads ours as it reads the original", arguments: ShapefileOracle.sampleLayers)
    func roundTrip(layer: String) throws {
        let dir = try ShapefileOracle.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = "\(ShapefileOracle.dataDir)/\(layer).shp"
        let collection = try ShapefileReader(path: original).readAll()
        let out = dir.appendingPathComponent("\(layer).shp").path
        let report = try ShapefileWriter.write(collection, to: out)
        #expect(report.renames.isEmpty)
        #expect(report.recordCount == collection.features.count)

        let theirs = try ShapefileOracle.gdalSummary(original), ours = try ShapefileOracle.gdalSummary(out)
        #expect(ours.count == theirs.count)
        #expect(ours.geometry == theirs.geometry)
        #expect(ours.fields.map(\.0) == theirs.fields.map(\.0))
        let typeName = { (s: String) in s.split(separator: " ").first.map(String.init) ?? s }
        #expect(ours.fields.map { typeName($0.1) } == theirs.fields.map { typeName($0.1) })

        let diffs = Self.jsonDifferences(try ShapefileOracle.gdalFeatures(out), try ShapefileOracle.gdalFeatures(original))
        #expect(diffs.isEmpty, "\(layer): \(diffs.joined(separator: "; "))")
        let cpg = try String(contentsOfFile: dir.appendingPathComponent("\(layer).cpg").path, encoding: .utf8)
        #expect(cpg.trimmingCharacters(in: .whitespacesAndNewlines) == "UTF-8")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("\(layer).prj").path))
    }

    @Test("long field names are cut and de-duplicated as GDAL does, and reported")
    func fieldNames() throws {
        let dir = try ShapefileOracle.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = ["population_total", "population_urban", "name", "population_rural", "POPULATION"]
        var props: [String: PropertyValue] = [:]
        for (i, n) in names.enumerated() { props[n] = n == "name" ? .string("Osh") : .integer(Int64(i * 1000)) }
        let fc = FeatureCollection(fields: names.map { Field(name: $0, type: $0 == "name" ? .string : .integer) },
                                   features: [Feature(geometry: .point(Point(x: 72.8, y: 40.5)), properties: props)])
        let report = try ShapefileWriter.write(fc, to: dir.appendingPathComponent("ours.shp").path)
        let written = report.fieldNames.map(\.written)
        #expect(report.renames.map(\.original) == ["population_total", "population_urban", "population_rural", "POPULATION"])

        // GDAL reads back the names we report...
        let ours = try ShapefileOracle.gdalSummary(dir.appendingPathComponent("ours.shp").path)
        #expect(ours.fields.map(\.0) == written)
        // ...and they are the names GDAL itself chooses for the same fields.
        var json = #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[72.8,40.5]},"properties":{"#
        json += names.enumerated().map { i, n in n == "name" ? "\"\(n)\":\"Osh\"" : "\"\(n)\":\(i * 1000)" }.joined(separator: ",")
        json += "}}]}"
        let src = dir.appendingPathComponent("src.geojson")
        try json.write(to: src, atomically: true, encoding: .utf8)
        let gdalOut = dir.appendingPathComponent("gdal.shp").path
        let r = try ShapefileOracle.run(["ogr2ogr", "-f", "ESRI Shapefile", gdalOut, src.path])
        #expect(r.status == 0, "\(r.err)")
        #expect(try ShapefileOracle.gdalSummary(gdalOut).fields.map(\.0) == written)
        #expect(written == ["population", "populati_1", "name", "populati_2", "POPULATI_3"])
    }

    @Test("Z and M geometries, dates, booleans, nulls and Cyrillic text survive GDAL")
    func typesAndDimensions() throws {
        let dir = try ShapefileOracle.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ring = [Coordinate(x: 0, y: 0, z: 1), Coordinate(x: 4, y: 0, z: 2), Coordinate(x: 4, y: 4, z: 3), Coordinate(x: 0, y: 4, z: 4), Coordinate(x: 0, y: 0, z: 1)]
        let hole = [Coordinate(x: 1, y: 1, z: 5), Coordinate(x: 1, y: 2, z: 5), Coordinate(x: 2, y: 2, z: 5), Coordinate(x: 2, y: 1, z: 5), Coordinate(x: 1, y: 1, z: 5)]
        // Shell given counter-clockwise and hole clockwise: the writer must flip both.
        let poly = GeoCore.Polygon(exterior: LinearRing(ring), holes: [LinearRing(hole)])
        let fc = FeatureCollection(
            fields: [Field(name: "when", type: .date), Field(name: "ok", type: .boolean), Field(name: "name", type: .string), Field(name: "v", type: .real)],
            features: [
                Feature(geometry: .polygon(poly), properties: ["when": .date(CalendarDate(year: 2024, month: 2, day: 29)!), "ok": .bool(true), "name": .string("Хорог"), "v": .double(2.5)]),
                Feature(geometry: nil, properties: ["when": .null, "ok": .null, "name": .null, "v": .null]),
            ])
        let path = dir.appendingPathComponent("z.shp").path
        let report = try ShapefileWriter.write(fc, to: path)
        #expect(report.shapeType == .polygonZ)
        let gdal = try ShapefileOracle.gdalFeatures(path)
        #expect(gdal.count == 2)
        let p0 = gdal[0]["properties"] as? [String: Any] ?? [:]
        #expect(p0["when"] as? String == "2024-02-29")
        // GDAL 3.6 reads dBASE logical fields as text ("T"); later versions as booleans.
        #expect(p0["ok"] as? String == "T" || (p0["ok"] as? NSNumber)?.boolValue == true, "\(p0)")
        #expect(p0["name"] as? String == "Хорог")
        #expect((p0["v"] as? NSNumber)?.doubleValue == 2.5)
        let geometry = gdal[0]["geometry"] as? [String: Any]
        #expect(geometry?["type"] as? String == "Polygon")
        let rings = geometry?["coordinates"] as? [[[Double]]] ?? []
        #expect(rings.count == 2)
        #expect(rings.first?.count == 5 && rings.first?[1] == [0, 4, 4], "shell written clockwise")
        let p1 = gdal[1]["properties"] as? [String: Any] ?? [:]
        #expect(p1.values.allSatisfy { $0 is NSNull }, "\(p1)")
        #expect(gdal[1]["geometry"] is NSNull)
    }

    /// Geometry lines of `ogrinfo -al -q` (WKT with Z and M).
    static func gdalWKT(_ path: String) throws -> [String] {
        let r = try ShapefileOracle.run(["ogrinfo", "-al", "-q", path])
        return String(decoding: r.out, as: UTF8.self).split(separator: "\n")
            .filter { $0.hasPrefix("  POINT") || $0.hasPrefix("  MULTI") || $0.hasPrefix("  LINE") || $0.hasPrefix("  POLY") }
            .map(String.init)
    }

    @Test("Z and M fixtures written back: GDAL reads the same WKT (with M) from ours", arguments: ["pointz", "pointm", "linezm", "polygonz", "polygonm", "multipointz"])
    func zmRoundTrip(layer: String) throws {
        let dir = try ShapefileOracle.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = ShapefileOracle.fixture(layer + ".shp")
        let out = dir.appendingPathComponent(layer + ".shp").path
        let report = try ShapefileWriter.write(try ShapefileReader(path: original).readAll(), to: out)
        #expect(report.shapeType == (try ShapefileReader(path: original).header.shapeType))
        let theirs = try Self.gdalWKT(original)
        #expect(!theirs.isEmpty)
        #expect(try Self.gdalWKT(out) == theirs)
    }

    @Test("EPSG:4326 collections get ESRI's WGS 84 .prj, which GDAL recognises")
    func prjForEPSG4326() throws {
        let dir = try ShapefileOracle.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fc = FeatureCollection(features: [Feature(geometry: .point(Point(x: 69.2, y: 41.3)))], crs: "EPSG:4326")
        let out = dir.appendingPathComponent("p.shp").path
        try ShapefileWriter.write(fc, to: out)
        let r = try ShapefileOracle.run(["ogrinfo", "-so", "-al", out])
        #expect(String(decoding: r.out, as: UTF8.self).contains("ID[\"EPSG\",4326]"))
        #expect(try ShapefileReader(path: out).crs == ShapefileWriter.esriWGS84)
    }

    @Test("streaming writer with default widths and CP1251 text, read by GDAL")
    func streamingCP1251() throws {
        let dir = try ShapefileOracle.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("s.shp").path
        let w = try ShapefileWriter(path: out, shapeType: .polyLine,
                                    fields: [Field(name: "name", type: .string), Field(name: "km", type: .real)], encoding: .windows1251)
        for i in 0..<500 {
            let line = LineString([Coordinate(Double(i), 0), Coordinate(Double(i), 1), Coordinate(Double(i) + 1, 1)])
            try w.write(Feature(geometry: .lineString(line), properties: ["name": .string("Дорога \(i)"), "km": .double(Double(i) / 4)]))
        }
        let report = try w.finish()
        #expect(report.recordCount == 500)
        let gdal = try ShapefileOracle.gdalFeatures(out)
        #expect(gdal.count == 500)
        let p = gdal[499]["properties"] as? [String: Any] ?? [:]
        #expect(p["name"] as? String == "Дорога 499")
        #expect((p["km"] as? NSNumber)?.doubleValue == 124.75)
        #expect(try ShapefileOracle.gdalSummary(out).fields.map(\.1) == ["String (80.0)", "Real (24.15)"])
        #expect(throws: FormatError.self) { try w.write(Feature(geometry: .point(Point(x: 0, y: 0)))) }
    }

    @Test("mixed geometry families are an error naming the feature")
    func mixedTypes() throws {
        let dir = try ShapefileOracle.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fc = FeatureCollection(features: [
            Feature(geometry: .point(Point(x: 1, y: 2))),
            Feature(geometry: .lineString(LineString([Coordinate(0, 0), Coordinate(1, 1)]))),
        ])
        #expect {
            try ShapefileWriter.write(fc, to: dir.appendingPathComponent("m.shp").path)
        } throws: { e in
            (e as? FormatError)?.location == "feature 1" && (e as? FormatError)?.file != nil
        }
    }
}
