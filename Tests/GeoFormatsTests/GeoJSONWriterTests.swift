import Foundation
import GeoCore
import Testing
@testable import GeoFormats

/// A test transformer: mirrors x (which flips every ring's orientation) and shifts y.
struct MirrorTransform: CoordinateTransforming {
    func transform(_ coordinates: inout [Coordinate]) throws {
        for i in coordinates.indices { coordinates[i].x = -coordinates[i].x; coordinates[i].y += 1 }
    }
}

struct FailingTransform: CoordinateTransforming {
    struct Failure: Error {}
    func transform(_ coordinates: inout [Coordinate]) throws { throw Failure() }
}

/// Writer unit behaviour: number text, exact small output, streaming, options.
@Suite("GeoJSON writer")
struct GeoJSONWriterTests {
    @Test(arguments: [
        (1.23456789, 7, "1.2345679"), (-0.0, 7, "0"), (-0.00000001, 7, "0"), (1e-7, 7, "0.0000001"),
        (180, 7, "180"), (0.1 + 0.2, 7, "0.3"), (123456789.123456789, 7, "123456789.1234568"),
        (1e21, 7, "1000000000000000000000"), (-1e21, 7, "-1000000000000000000000"), (1.5, 0, "2"),
        (-69.27870001, 7, "-69.2787"), (41.31115, 4, "41.3112"), (5e-324, 7, "0"), (12.5, 3, "12.5"),
        (-7484823.529999, 2, "-7484823.53"), (0.000123, 15, "0.000123"),
    ])
    func numberText(value: Double, decimals: Int, expected: String) {
        #expect(JSONNumberFormat.fixed(value, decimals: decimals) == expected)
    }

    @Test func numberTextNeverUsesExponent() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let v = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF) * (Bool.random() ? 1 : -1)
            let t = JSONNumberFormat.fixed(v, decimals: 7)
            #expect(!t.contains("e") && !t.contains("E") && t != "-0", "\(v) -> \(t)")
            if abs(v) < 1e15 { #expect(abs((Double(t) ?? .nan) - v) <= 5e-8 + 2 * v.ulp, "\(v) -> \(t)") }
        }
    }

    static func sample() throws -> FeatureCollection {
        let shell = LinearRing([Coordinate(0, 0), Coordinate(0, 10), Coordinate(10, 10), Coordinate(10, 0), Coordinate(0, 0)]) // clockwise
        let hole = LinearRing([Coordinate(2, 2), Coordinate(4, 2), Coordinate(4, 4), Coordinate(2, 4), Coordinate(2, 2)]) // ccw
        return FeatureCollection(
            name: "sample",
            fields: [Field(name: "name", type: .string), Field(name: "n", type: .integer)],
            features: [
                Feature(id: .integer(7), geometry: .polygon(Polygon(exterior: shell, holes: [hole])),
                        properties: ["z_extra": .double(.nan), "n": .integer(3), "name": .string("Qo‘qon \"q\"\n"),
                                     "d": .date(try #require(CalendarDate(year: 2024, month: 3, day: 1))), "b": .bool(true)]),
                Feature(id: .string("x"), geometry: nil, properties: ["n": .null]),
                Feature(geometry: .point(Point(Coordinate(x: 69.123456789, y: -0.00000001, z: 455.25)))),
            ])
    }

    @Test func exactSmallOutput() throws {
        let text = String(decoding: try GeoJSONWriter.data(for: try Self.sample()), as: UTF8.self)
        let expected = """
        {"type":"FeatureCollection","name":"sample","features":[
        {"type":"Feature","id":7,"properties":{"name":"Qo‘qon \\"q\\"\\n","n":3,"b":true,"d":"2024-03-01","z_extra":null},\
        "geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4],[4,2],[2,2]]]}},
        {"type":"Feature","id":"x","properties":{"name":null,"n":null},"geometry":null},
        {"type":"Feature","properties":{"name":null,"n":null},"geometry":{"type":"Point","coordinates":[69.1234568,0,455.25]}}
        ]}

        """
        #expect(text == expected)
        // And Foundation's parser accepts it.
        #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
    }

    @Test func bboxAndTransform() throws {
        let opts = GeoJSONWriter.Options(decimals: 3, writeBBox: true)
        let data = try GeoJSONWriter.data(for: try Self.sample(), options: opts, toWGS84: MirrorTransform())
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["bbox"] as? [Double] == [-69.123, 1, 0, 11])
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features[0]["bbox"] as? [Double] == [-10, 1, 0, 11])
        #expect(features[1]["bbox"] == nil)
        let rings = try #require((features[0]["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])
        #expect(GDALOracle.signedArea(rings[0]) > 0, "shell counter-clockwise after a mirroring transform")
        #expect(GDALOracle.signedArea(rings[1]) < 0, "hole clockwise")
        #expect(root["crs"] == nil)
    }

    @Test func streamingChunksAndMisuse() throws {
        var chunks: [Data] = []
        var w = GeoJSONWriter { chunks.append($0) }
        #expect(throws: FormatError.self) { try w.write(Feature(geometry: nil)) }
        try w.begin(fields: [Field(name: "i", type: .integer)])
        #expect(throws: FormatError.self) { try w.begin() }
        for i in 0..<60_000 {
            try w.write(Feature(geometry: .point(Point(x: Double(i) / 1000, y: 1)), properties: ["i": .integer(Int64(i))]))
        }
        #expect(chunks.count >= 1, "flushed before end")
        try w.end()
        #expect(throws: FormatError.self) { try w.end() }
        let all = chunks.reduce(into: Data()) { $0.append($1) }
        let r = try GeoJSONReader.read(all)
        #expect(r.features.count == 60_000)
        #expect(r.features[59_999]["i"] == .integer(59_999))
        #expect(chunks.count > 1)
    }

    @Test func transformFailureNamesFeature() throws {
        do { _ = try GeoJSONWriter.data(for: try Self.sample(), toWGS84: FailingTransform()); Issue.record("expected error") }
        catch let e as FormatError { #expect(e.location == "features[0]") }
    }

    @Test func nonFiniteCoordinatesRejected() throws {
        let bad = FeatureCollection(features: [Feature(geometry: .lineString(LineString([Coordinate(0, 0), Coordinate(1, 1)]))),
                                               Feature(geometry: .lineString(LineString([Coordinate(0, 0), Coordinate(.nan, 1)])))])
        do { _ = try GeoJSONWriter.data(for: bad); Issue.record("expected error") } catch let e as FormatError {
            #expect(e.location == "features[1].geometry")
            #expect(e.message.contains("NaN"))
        }
        do { _ = try EsriJSONWriter.data(for: bad); Issue.record("expected error") } catch let e as FormatError {
            #expect(e.location == "features[1].geometry")
        }
    }

    @Test func writeToFile() throws {
        let url = try GDALOracle.tempDir().appendingPathComponent("out.geojson")
        try GeoJSONWriter.write(try Self.sample(), to: url)
        #expect(try Data(contentsOf: url) == (try GeoJSONWriter.data(for: try Self.sample())))
        #expect(throws: FormatError.self) {
            try GeoJSONWriter.write(try Self.sample(), to: URL(fileURLWithPath: "/nonexistent-dir/x.geojson"))
        }
    }
}
