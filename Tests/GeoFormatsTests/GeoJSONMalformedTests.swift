import Foundation
import GeoCore
import TestSupport
import Testing
@testable import GeoFormats

/// Malformed GeoJSON and JSON: each case must fail with a `FormatError` naming where and why.
@Suite("GeoJSON malformed input")
struct GeoJSONMalformedTests {
    struct Case: CustomStringConvertible, Sendable {
        var json: String
        var location: String
        var message: String
        var description: String { location + ": " + message }
    }

    static func fc(_ features: String) -> String { #"{"type":"FeatureCollection","features":[\#(features)]}"# }
    static func pt(_ coords: String) -> String { #"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":\#(coords)}}"# }
    static let ok = pt("[1,2]")

    static let structural: [Case] = [
        Case(json: fc("\(ok),\(ok),\(ok),"
                      + #"{"type":"Feature","properties":null,"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1]]]}}"#),
             location: "features[3].geometry.coordinates[0][2]", message: "expected a position of 2 or 3 numbers, found 1 number"),
        Case(json: fc(pt("[1]")), location: "features[0].geometry.coordinates", message: "expected a position of 2 or 3 numbers"),
        Case(json: fc(pt(#"["1",2]"#)), location: "features[0].geometry.coordinates", message: "expected a position of 2 or 3 numbers"),
        Case(json: fc(pt("[[1,2]]")), location: "features[0].geometry.coordinates", message: "expected a position"),
        Case(json: fc(#"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}"#),
             location: "features[0].geometry.coordinates[0]", message: "linear ring is not closed"),
        Case(json: fc(#"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}"#),
             location: "features[0].geometry.coordinates[0]", message: "a linear ring needs at least 4 positions, found 3"),
        Case(json: fc(#"{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,1],[0,1]]]]}}"#),
             location: "features[0].geometry.coordinates[1][0]", message: "not closed"),
        Case(json: fc(#"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0]]}}"#),
             location: "features[0].geometry.coordinates", message: "at least 2 positions"),
        Case(json: fc(#"{"type":"Feature","geometry":{"type":"LineString","coordinates":[0,0]}}"#),
             location: "features[0].geometry.coordinates", message: "found a single position"),
        Case(json: fc(#"{"type":"Feature","geometry":{"type":"Circle","coordinates":[0,0]}}"#),
             location: "features[0].geometry.type", message: "unknown geometry type \"Circle\""),
        Case(json: fc(#"{"type":"Feature","geometry":{"type":"Point"}}"#),
             location: "features[0].geometry.coordinates", message: "missing \"coordinates\""),
        Case(json: fc(#"{"type":"Feature","geometry":{"coordinates":[0,0]}}"#),
             location: "features[0].geometry.type", message: "expected a geometry \"type\" string"),
        Case(json: fc(#"{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[0,0]},null]}}"#),
             location: "features[0].geometry.geometries[1]", message: "cannot be null"),
        Case(json: fc(#"{"type":"Feature","geometry":[1,2]}"#), location: "features[0].geometry", message: "expected a geometry object or null"),
        Case(json: fc(#"{"type":"Feature","properties":{}}"#), location: "features[0].geometry", message: "missing \"geometry\""),
        Case(json: fc(#"{"type":"Feature","geometry":null,"properties":[1]}"#), location: "features[0].properties", message: "expected an object or null"),
        Case(json: fc(#"{"type":"Feature","geometry":null,"id":true}"#), location: "features[0].id", message: "expected a number or string id"),
        Case(json: fc(#"{"type":"Feture","geometry":null}"#), location: "features[0].type", message: "expected \"type\": \"Feature\""),
        Case(json: fc("42"), location: "features[0]", message: "expected a Feature object, found a number"),
        Case(json: #"{"type":"FeatureCollection"}"#, location: "features", message: "expected a \"features\" array"),
        Case(json: #"{"features":[]}"#, location: "type", message: "expected a GeoJSON \"type\""),
        Case(json: "[1,2]", location: "$", message: "expected a GeoJSON object at the top level, found an array"),
    ]

    @Test(arguments: structural)
    func structuralError(_ c: Case) {
        do {
            let r = try GeoJSONReader.read(Data(c.json.utf8))
            Issue.record("expected an error, read \(r.features.count) features")
        } catch let e as FormatError {
            #expect(e.location == c.location, "\(e)")
            #expect(e.message.contains(c.message), "\(e)")
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    static let syntax: [Case] = [
        Case(json: #"{"type":"Point","coordinates":[NaN,1]}"#, location: "line 1, column 32", message: "NaN and Infinity"),
        Case(json: #"{"type":"Point","coordinates":[-Infinity,1]}"#, location: "line 1, column 33", message: "NaN and Infinity"),
        Case(json: #"{"type":"Point","coordinates":[1e999,1]}"#, location: "line 1, column 32", message: "out of range"),
        Case(json: "{\"type\":\"Point\",\n\"coordinates\":[1,2", location: "line 2, column 19", message: "unexpected end of file"),
        Case(json: #"{"type":"Point","coordinates":[1,2]"#, location: "line 1, column 36", message: "truncated"),
        Case(json: #"{"type":"Poi"#, location: "line 1, column 9", message: "unterminated string"),
        Case(json: #"{"type":"Point","coordinates":[1,2,]}"#, location: "line 1, column 36", message: "expected a value"),
        Case(json: #"{"type":"Point","coordinates":[01,2]}"#, location: "line 1, column 33", message: "leading zeros"),
        Case(json: #"{"type":"Point","coordinates":[1.,2]}"#, location: "line 1, column 34", message: "digit after '.'"),
        Case(json: #"{"type":"Point","coordinates":[1,2]} x"#, location: "line 1, column 38", message: "after the end"),
        Case(json: #"{'type':"Point"}"#, location: "line 1, column 2", message: "member name in double quotes"),
        Case(json: #"{"type" "Point"}"#, location: "line 1, column 9", message: "':'"),
        Case(json: "{\"type\":\"Po\tint\"}", location: "line 1, column 12", message: "control character"),
        Case(json: #"{"type":"\x"}"#, location: "line 1, column 11", message: "invalid escape"),
        Case(json: #"{"type":"\ud800"}"#, location: "line 1, column 16", message: "unpaired UTF-16 surrogate"),
        Case(json: #"{"a":tru}"#, location: "line 1, column 9", message: "expected 'true'"),
        Case(json: "", location: "line 1, column 1", message: "empty"),
        Case(json: "  \n ", location: "line 2, column 2", message: "empty"),
        Case(json: "/* c */ {}", location: "line 1, column 1", message: "expected a value"),
    ]

    @Test(arguments: syntax)
    func syntaxError(_ c: Case) {
        do {
            _ = try GeoJSONReader.read(Data(c.json.utf8))
            Issue.record("expected an error")
        } catch let e as FormatError {
            #expect(e.location == c.location, "\(e)")
            #expect(e.message.contains(c.message), "\(e)")
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test func invalidUTF8() {
        var bytes = Array(#"{"type":"Feature","geometry":null,"properties":{"n":"ab"#.utf8)
        bytes += [0xC3, 0x28]  // invalid 2-byte sequence
        bytes += Array(#""}}"#.utf8)
        #expect(throws: FormatError.self) { try GeoJSONReader.read(Data(bytes)) }
        do { _ = try GeoJSONReader.read(Data(bytes)) } catch let e as FormatError {
            #expect(e.message.contains("invalid UTF-8"))
        } catch { Issue.record("\(error)") }
        // Also in a string with escapes (slow path), and a lone continuation byte in a key.
        let escaped = Array(#"{"type":"\n"#.utf8) + [0xFF] + Array(#""}"#.utf8)
        #expect(throws: FormatError.self) { try GeoJSONReader.read(Data(escaped)) }
    }

    @Test func nestingBomb() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let json = #"{"type":"Feature","geometry":null,"properties":{"a":\#(deep)}}"#
        do {
            _ = try GeoJSONReader.read(Data(json.utf8))
            Issue.record("expected an error")
        } catch let e as FormatError {
            #expect(e.message.contains("nesting deeper than 128"), "\(e)")
        }
        // Nesting just within a custom limit is fine.
        let ok = #"{"type":"Feature","geometry":null,"properties":{"a":[[[[1]]]]}}"#
        let r = try GeoJSONReader.read(Data(ok.utf8), options: .init(maxDepth: 6))
        #expect(r.features[0]["a"] == .string("[[[[1]]]]"))
        #expect(throws: FormatError.self) { try GeoJSONReader.read(Data(ok.utf8), options: .init(maxDepth: 5)) }
    }

    @Test func truncatedRealFile() throws {
        let full = Array(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Душанбе"},"geometry":{"type":"Point","coordinates":[68.77,38.56]}}]}"#.utf8)
        // Every proper prefix must fail cleanly (never crash, never succeed).
        for n in 0..<full.count {
            #expect(throws: FormatError.self, "prefix \(n)") { try GeoJSONReader.read(Data(full[0..<n])) }
        }
        #expect(try GeoJSONReader.read(Data(full)).features.count == 1)
    }

    @Test func errorNamesFile() throws {
        let dir = try GDALOracle.tempDir()
        let url = dir.appendingPathComponent("bad.geojson")
        try Data(#"{"type":"Point","coordinates":[1]}"#.utf8).write(to: url)
        do { _ = try GeoJSONReader.read(contentsOf: url); Issue.record("expected an error") } catch let e as FormatError {
            #expect(e.file == url.path)
            #expect(e.description == "\(url.path): $.coordinates: expected a position of 2 or 3 numbers, found 1 number")
        }
        do { _ = try GeoJSONReader.read(contentsOf: dir.appendingPathComponent("missing.geojson")) } catch let e as FormatError {
            #expect(e.message.contains("cannot read"))
        }
    }

    /// Seeded (reproducible: seed and round are in every message) byte flips, insertions and
    /// deletions on the fixtures. Each mutant either reads or throws a `FormatError` that says
    /// where: a line and column inside the mutant (JSON syntax) or a JSON path (GeoJSON
    /// structure). Any other error, or one without a place, fails with the round that made it.
    @Test func seededRandomMutationsReadOrSayWhereTheyFail() throws {
        let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("geojson")
        let seeds = try ["all_types.geojson", "crs2008_epsg3857.geojson"].map { Array(try Data(contentsOf: dir.appendingPathComponent($0))) }
        let seed: UInt64 = 0x5EED_0002
        var rng = SplitMix64(seed: seed)
        let alphabet = Array("{}[],:\"\\-0123456789.eE+ntrufalse \u{0}\u{7F}".utf8) + [0xC3, 0xFF, 0xE2, 0x80]
        var read = 0, syntax = 0, structure = 0
        for round in 0..<3000 {
            let tag = "seed \(seed), round \(round)"
            var b = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<b.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: b[i] = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                case 1: b.insert(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)], at: i)
                default: b.remove(at: i)
                }
            }
            do {
                _ = try GeoJSONReader.read(Data(b))
                read += 1
            } catch let e as FormatError {
                #expect(!e.message.isEmpty, "\(tag)")
                let location = e.location ?? ""
                if let (line, column) = Self.lineAndColumn(location) {
                    syntax += 1
                    // The place is inside the mutant (or just past its end).
                    let lines = b.split(separator: 0x0A, omittingEmptySubsequences: false)
                    #expect(line >= 1 && line <= lines.count && column >= 1 && column <= lines[line - 1].count + 1,
                            "\(tag): \(location) is outside the \(lines.count)-line input: \(e)")
                } else {
                    structure += 1
                    let path = location.hasPrefix("$") || location.hasPrefix("features") || ["type", "crs"].contains { location.hasPrefix($0) }
                    #expect(path, "\(tag): '\(location)' is neither a line and column nor a JSON path: \(e)")
                }
            } catch {
                Issue.record("\(tag): \(type(of: error)), not a FormatError: \(error)")
            }
        }
        #expect(read + syntax + structure == 3000)
        #expect(syntax > 1000 && structure > 20 && read > 20, "read \(read), syntax errors \(syntax), GeoJSON errors \(structure)")
    }

    /// (line, column) from "line L, column C".
    static func lineAndColumn(_ location: String) -> (Int, Int)? {
        let parts = location.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, parts[0].hasPrefix("line "), parts[1].hasPrefix("column "),
              let line = Int(parts[0].dropFirst(5)), let column = Int(parts[1].dropFirst(7)) else { return nil }
        return (line, column)
    }
}
