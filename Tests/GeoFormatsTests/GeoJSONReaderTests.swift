import Foundation
import GeoCore
import Testing
@testable import GeoFormats

/// Reader semantics on small fixtures (hand-checkable values; geometry cross-checked with GDAL).
@Suite("GeoJSON reader")
struct GeoJSONReaderTests {
    static func fixture(_ name: String) throws -> URL {
        let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return dir.appendingPathComponent("geojson").appendingPathComponent(name)
    }

    @Test func allTypesFixture() throws {
        let url = try Self.fixture("all_types.geojson")
        let r = try GeoJSONReader.read(contentsOf: url)
        #expect(r.name == "all_types")
        #expect(r.crs == "EPSG:4326")
        #expect(r.features.count == 8)
        #expect(r.fields.map(\.name) == ["kind", "kg", "when", "ok", "meta", "extra"])
        #expect(r.fields.map(\.type) == [.string, .real, .date, .boolean, .string, .string])
        let f = r.features
        #expect(f[0].id == .integer(1))
        #expect(f[1].id == .string("b-2"))
        #expect(f[2].id == nil)
        #expect(f[0].geometry == .point(Point(Coordinate(x: 69.2787, y: 41.3111, z: 455.5))))
        #expect(f[0]["kg"] == .integer(12), "integers in a real field stay integers")
        #expect(f[1]["kg"] == .double(0.75))
        #expect(f[0]["when"] == .date(try #require(CalendarDate(year: 2024, month: 3, day: 1))))
        #expect(f[1]["when"] == .date(try #require(CalendarDate(year: 2024, month: 2, day: 29))))
        #expect(f[0]["ok"] == .bool(true))
        #expect(f[2]["ok"] == .null)
        #expect(f[3]["kind"] == .string("7"), "mixed string/number field: numbers become text")
        #expect(f[7].geometry == nil)
        #expect(f[6].properties.isEmpty)
        // Nested JSON kept as JSON text; compare structurally with GDAL's text.
        let rows = try GDALOracle.csvRows(url.path)
        let ours = try JSONSerialization.jsonObject(with: Data((f[0]["meta"].stringValue ?? "").utf8)) as? NSDictionary
        let gdal = try JSONSerialization.jsonObject(with: Data((rows[0]["meta"] ?? "").utf8)) as? NSDictionary
        #expect(ours != nil && ours == gdal)
        // Every geometry equals GDAL's reading (3-D for the first).
        for (i, (feat, row)) in zip(f, rows).enumerated() {
            let z = feat.geometry?.hasZ ?? false
            #expect(GDALOracle.partsMatch(GDALOracle.parts(feat.geometry, z: z), GDALOracle.wktParts(row["WKT"] ?? ""),
                                          tolerance: 1e-12, dim: z ? 3 : 2, allowReversed: false), "features[\(i)]")
        }
        guard case .polygon(let p)? = f[2].geometry else { Issue.record("not a polygon"); return }
        #expect(p.holes.count == 1)
        guard case .geometryCollection(let gc)? = f[6].geometry else { Issue.record("not a collection"); return }
        #expect(gc.geometries.map(\.typeName) == ["Point", "LineString"])
    }

    @Test func crs2008() throws {
        let m = try GeoJSONReader.read(contentsOf: try Self.fixture("crs2008_epsg3857.geojson"))
        #expect(m.crs == "EPSG:3857")
        #expect(m.name == "crs2008_epsg3857")
        #expect(m.features[0].geometry == .point(Point(x: 7484823.52, y: 4442447.91)))
        #expect(m.fields == [Field(name: "post", type: .string), Field(name: "staff", type: .integer)])
        let g = try GeoJSONReader.read(contentsOf: try Self.fixture("crs2008_urn4326.geojson"))
        #expect(g.crs == "EPSG:4326")
        // GDAL reads this URN in GeoJSON as lon/lat too: x is the longitude.
        let rows = try GDALOracle.csvRows(try Self.fixture("crs2008_urn4326.geojson").path)
        #expect(GDALOracle.wktParts(rows[0]["WKT"] ?? "") == GDALOracle.parts(g.features[0].geometry))
        #expect(g.features[0].geometry == .point(Point(x: 68.7739, y: 38.5598)))
    }

    @Test(arguments: [
        ("urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326"), ("EPSG:4326", "EPSG:4326"),
        ("urn:ogc:def:crs:EPSG::32642", "EPSG:32642"), ("urn:ogc:def:crs:EPSG:6.6:4326", "EPSG:4326"),
        ("epsg:3857", "EPSG:3857"), ("+proj=longlat +datum=WGS84", "+proj=longlat +datum=WGS84"),
    ])
    func crsNames(name: String, expected: String) throws {
        let json = #"{"type":"Point","coordinates":[1,2],"crs":{"type":"name","properties":{"name":"\#(name)"}}}"#
        #expect(try GeoJSONReader.read(Data(json.utf8)).crs == expected)
    }

    @Test func singleFeatureAndBareGeometry() throws {
        let f = try GeoJSONReader.read(Data(#"{"type":"Feature","id":2.5,"geometry":{"type":"Point","coordinates":[1,2,3,4]},"properties":{"a":1}}"#.utf8))
        #expect(f.features.count == 1)
        #expect(f.features[0].id == .string("2.5"))
        #expect(f.features[0].geometry == .point(Point(Coordinate(x: 1, y: 2, z: 3))))
        #expect(f.fields == [Field(name: "a", type: .integer)])
        let g = try GeoJSONReader.read(Data(#"{"type":"MultiPolygon","coordinates":[]}"#.utf8))
        #expect(g.features.count == 1)
        #expect(g.features[0].geometry == .multiPolygon(MultiPolygon([])))
        let empty = try GeoJSONReader.read(Data(#"{"type":"FeatureCollection","features":[]}"#.utf8))
        #expect(empty.features.isEmpty && empty.fields.isEmpty)
    }

    @Test func datesOnlyWhenAllValuesAreDates() throws {
        let json = #"""
        {"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":null,"properties":{"d":"2024-01-31","e":"2024-01-31","f":"2023-02-29"}},
        {"type":"Feature","geometry":null,"properties":{"d":null,"e":"yesterday","f":"2023-02-28"}}]}
        """#
        let r = try GeoJSONReader.read(Data(json.utf8))
        #expect(r.fields.map(\.type) == [.date, .string, .string], "f has an impossible date, so stays text")
        #expect(r.features[1]["e"] == .string("yesterday"))
        #expect(r.features[0]["e"] == .string("2024-01-31"))
        let plain = try GeoJSONReader.read(Data(json.utf8), options: .init(detectDates: false))
        #expect(plain.fields.map(\.type) == [.string, .string, .string])
    }

    @Test func integerTypes() throws {
        let json = #"{"type":"Feature","geometry":null,"properties":{"big":9007199254740993,"huge":1e30,"neg":-5,"f":1.0}}"#
        let r = try GeoJSONReader.read(Data(json.utf8))
        #expect(r.features[0]["big"] == .integer(9_007_199_254_740_993))
        #expect(r.features[0]["huge"] == .double(1e30))
        #expect(r.features[0]["neg"] == .integer(-5))
        #expect(r.features[0]["f"] == .double(1.0))
    }
}
