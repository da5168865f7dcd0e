import Foundation
import GeoCore
import Testing
@testable import GeoFormats

/// The Esri JSON FeatureSet writer, checked with GDAL's ESRIJSON driver and by parsing our
/// output with Foundation (ring orientation, field types, epoch-millisecond dates).
@Suite("Esri JSON writer")
struct EsriJSONWriterTests {
    static func write(_ c: FeatureCollection, _ name: String, options: EsriJSONWriter.Options = .init()) throws -> (URL, [String: Any]) {
        let url = try GDALOracle.tempDir().appendingPathComponent(name)
        try EsriJSONWriter.write(c, to: url, options: options)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return (url, root)
    }

    /// A ring's identity independent of start point and direction: count and coordinate sums.
    static func key(_ part: [Double]) -> [Double] {
        var sx = 0.0, sy = 0.0
        for i in stride(from: 0, to: part.count, by: 2) { sx += part[i]; sy += part[i + 1] }
        return [Double(part.count), sx, sy]
    }

    /// The same multiset of rings: keys sorted, then equal counts and sums within 1e-7 per position.
    static func sameRings(_ a: [[Double]], _ b: [[Double]]) -> Bool {
        let ka = a.map(key).sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
        let kb = b.map(key).sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
        return ka.count == kb.count && zip(ka, kb).allSatisfy { x, y in
            x[0] == y[0] && abs(x[1] - y[1]) <= 1e-7 * x[0] && abs(x[2] - y[2]) <= 1e-7 * x[0]
        }
    }

    @Test(arguments: [("ca_admin0_countries", "esriGeometryPolygon"), ("ca_roads", "esriGeometryPolyline"),
                      ("ca_populated_places", "esriGeometryPoint"), ("ca_lakes", "esriGeometryPolygon")])
    func realLayersReadByGDAL(layer: String, geometryType: String) throws {
        let source = try GeoJSONReader.read(contentsOf: try GeoJSONReaderGDALTests.makeGeoJSON(layer))
        let (url, root) = try Self.write(source, "\(layer).json")
        #expect(root["geometryType"] as? String == geometryType)
        let info = try GDALOracle.run("ogrinfo", ["-al", "-ro", "-so", url.path])
        #expect(info.out.contains("using driver `ESRIJSON'"))
        #expect(info.err.isEmpty, "GDAL warnings: \(info.err)")
        #expect(info.out.contains("Feature Count: \(source.features.count)"))
        let types = try GeoJSONReaderGDALTests.gdalFieldTypes(url.path)
        #expect(types["OBJECTID"] == "Integer")
        for f in source.fields {
            let t = types[f.name] ?? "?"
            switch f.type {
            case .integer: #expect(t == "Integer" || t == "Real", "\(f.name) \(t)")
            case .real: #expect(t == "Real", "\(f.name) \(t)")
            default: #expect(t == "String", "\(f.name) \(t)")
            }
        }
        let rows = try GDALOracle.csvRows(url.path)
        #expect(rows.count == source.features.count)
        let features = root["features"] as? [[String: Any]] ?? []
        for (i, (f, row)) in zip(source.features, rows).enumerated() {
            #expect(row["OBJECTID"] == String(i + 1))
            for field in source.fields {
                let text = row[field.name] ?? "<missing>"
                switch f[field.name] {
                case .null: #expect(text == "")
                case .string(let s): #expect(s == text, "features[\(i)].\(field.name)")
                case let v: #expect(abs((v.doubleValue ?? .nan) - (Double(text) ?? .nan)) <= 1e-9 * max(1, abs(v.doubleValue ?? 0)),
                                    "features[\(i)].\(field.name)")
                }
            }
            let mine = GDALOracle.parts(f.geometry), gdal = GDALOracle.wktParts(row["WKT"] ?? "")
            if geometryType == "esriGeometryPolygon" {
                // GDAL regroups rings into polygons itself; the set of rings must be the same.
                #expect(Self.sameRings(mine, gdal), "features[\(i)] rings")
                // Our shells clockwise, holes counter-clockwise, in source order.
                let rings = ((features[i]["geometry"] as? [String: Any])?["rings"] as? [[[Double]]]) ?? []
                var k = 0
                var polygons: [Polygon] = []
                if case .polygon(let p)? = f.geometry { polygons = [p] }
                if case .multiPolygon(let m)? = f.geometry { polygons = m.polygons }
                for p in polygons {
                    for h in 0..<(1 + p.holes.count) {
                        let a = GDALOracle.signedArea(rings[k])
                        #expect(h == 0 ? a < 0 : a > 0, "features[\(i)] ring \(k)")
                        k += 1
                    }
                }
                #expect(k == rings.count)
            } else {
                #expect(GDALOracle.partsMatch(mine, gdal, tolerance: 1e-7, allowReversed: false), "features[\(i)]")
            }
        }
    }

    @Test func typesDatesHolesAndZ() throws {
        let shell = LinearRing([Coordinate(0, 0), Coordinate(10, 0), Coordinate(10, 10), Coordinate(0, 10), Coordinate(0, 0)]) // ccw
        let hole = LinearRing([Coordinate(2, 2), Coordinate(2, 4), Coordinate(4, 4), Coordinate(4, 2), Coordinate(2, 2)]) // cw
        let d1 = try #require(CalendarDate(year: 2024, month: 3, day: 1))
        let d2 = try #require(CalendarDate(year: 1900, month: 1, day: 1))
        let c = FeatureCollection(fields: [Field(name: "name", type: .string), Field(name: "big", type: .integer),
                                           Field(name: "small", type: .integer), Field(name: "r", type: .real),
                                           Field(name: "when", type: .date), Field(name: "flag", type: .boolean),
                                           Field(name: "objectid", type: .integer)],
                                  features: [
            Feature(geometry: .polygon(Polygon(exterior: shell, holes: [hole])),
                    properties: ["name": .string("Хорог"), "big": .integer(5_000_000_000), "small": .integer(-7), "r": .double(.nan),
                                 "when": .date(d1), "flag": .bool(true), "objectid": .integer(99)]),
            Feature(geometry: nil, properties: ["name": .string("ab"), "big": .integer(1), "small": .integer(2_147_483_647), "r": .double(2.5),
                                                "when": .date(d2), "flag": .bool(false)]),
        ])
        let (url, root) = try Self.write(c, "types.json", options: .init(wkid: 32642))
        let fields = try #require(root["fields"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: fields.map { ($0["name"] as? String ?? "", $0) })
        #expect(byName["OBJECTID"]?["type"] as? String == "esriFieldTypeOID")
        #expect(byName["name"]?["type"] as? String == "esriFieldTypeString")
        #expect(byName["name"]?["length"] as? Int == 5)
        #expect(byName["big"]?["type"] as? String == "esriFieldTypeDouble")
        #expect(byName["small"]?["type"] as? String == "esriFieldTypeInteger")
        #expect(byName["r"]?["type"] as? String == "esriFieldTypeDouble")
        #expect(byName["when"]?["type"] as? String == "esriFieldTypeDate")
        #expect(byName["flag"]?["type"] as? String == "esriFieldTypeSmallInteger")
        #expect(byName["objectid_1"]?["type"] as? String == "esriFieldTypeInteger", "user OBJECTID renamed")
        #expect((root["spatialReference"] as? [String: Int]) == ["wkid": 32642, "latestWkid": 32642])
        let feats = try #require(root["features"] as? [[String: Any]])
        let a0 = try #require(feats[0]["attributes"] as? [String: Any])
        #expect(a0["OBJECTID"] as? Int == 1)
        #expect(a0["when"] as? Int64 == 1_709_251_200_000)   // date -u -d 2024-03-01 +%s → 1709251200
        #expect(a0["flag"] as? Int == 1)
        #expect(a0["r"] is NSNull)
        #expect(a0["objectid_1"] as? Int == 99)
        let a1 = try #require(feats[1]["attributes"] as? [String: Any])
        #expect(a1["when"] as? Int64 == -2_208_988_800_000)  // date -u -d 1900-01-01 +%s
        #expect(feats[1]["geometry"] == nil)
        let rings = try #require((feats[0]["geometry"] as? [String: Any])?["rings"] as? [[[Double]]])
        #expect(GDALOracle.signedArea(rings[0]) < 0 && GDALOracle.signedArea(rings[1]) > 0)
        // GDAL: polygon with one hole, the attributes, EPSG:32642.
        let rows = try GDALOracle.csvRows(url.path)
        #expect(rows[0]["WKT"] == "POLYGON ((0 0,0 10,10 10,10 0,0 0),(2 2,4 2,4 4,2 4,2 2))")
        #expect(rows[0]["name"] == "Хорог" && rows[0]["small"] == "-7" && rows[0]["big"] == "5000000000")
        #expect(rows[1]["r"] == "2.5" && rows[1]["flag"] == "0" && rows[1]["WKT"] == "")
        let info = try GDALOracle.run("ogrinfo", ["-al", "-ro", "-so", url.path])
        #expect(info.out.contains("UTM zone 42N"))
    }

    @Test func pointsWithZAndMultipoints() throws {
        let c = FeatureCollection(features: [
            Feature(geometry: .point(Point(Coordinate(x: 69.5, y: 41.25, z: 455)))),
            Feature(geometry: .multiPoint(MultiPoint([Point(x: 1, y: 2), Point(x: 3, y: 4)]))),
        ])
        let (url, root) = try Self.write(c, "mp.json")
        #expect(root["geometryType"] as? String == "esriGeometryMultipoint")
        #expect(root["hasZ"] as? Bool == true)
        let rows = try GDALOracle.csvRows(url.path)
        #expect(GDALOracle.wktParts(rows[0]["WKT"] ?? "") == [[69.5, 41.25, 455]])
        #expect(GDALOracle.wktParts(rows[1]["WKT"] ?? "") == [[1, 2, 0], [3, 4, 0]])
        let pointOnly = FeatureCollection(features: [Feature(geometry: .point(Point(Coordinate(x: 69.5, y: 41.25, z: 455))))])
        let (url2, _) = try Self.write(pointOnly, "pz.json")
        #expect(try GDALOracle.csvRows(url2.path)[0]["WKT"] == "POINT Z (69.5 41.25 455)")
    }

    @Test func mixedDimensionsRejected() throws {
        let c = FeatureCollection(features: [
            Feature(geometry: .point(Point(x: 1, y: 2))),
            Feature(geometry: .lineString(LineString([Coordinate(0, 0), Coordinate(1, 1)]))),
        ])
        do { _ = try EsriJSONWriter.data(for: c); Issue.record("expected an error") } catch let e as FormatError {
            #expect(e.location == "features[1]")
            #expect(e.message.contains("one geometry type"))
        }
    }

    @Test(arguments: [(1970, 1, 1, Int64(0)), (1969, 12, 31, -86_400_000), (2000, 2, 29, 951_782_400_000),
                      (2026, 11, 29, 1_795_910_400_000)])
    func epochMilliseconds(y: Int, m: Int, d: Int, ms: Int64) throws {
        // Expected values: `date -u -d YYYY-MM-DD +%s` × 1000.
        #expect(EsriJSONWriter.epochMilliseconds(try #require(CalendarDate(year: y, month: m, day: d))) == ms)
    }
}
