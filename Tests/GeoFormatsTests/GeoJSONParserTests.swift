import Foundation
import GeoCore
import Testing
@testable import GeoFormats

/// The hand-written JSON parser, checked against Swift's correctly rounded `Double(String)`
/// and Foundation's `JSONSerialization` (independent implementations).
@Suite("JSON parser")
struct GeoJSONParserTests {
    func parse(_ s: String) throws -> JSONValue { try JSONParser.parse(Data(s.utf8)) }

    @Test func numbersRoundCorrectly() throws {
        var rng = SystemRandomNumberGenerator()
        var texts = ["0", "-0", "1", "-1", "0.1", "0.30000000000000004", "1e-7", "1E+2", "123456789012345678",
                     "9007199254740993", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                     "1.7976931348623157e308", "5e-324", "2.2250738585072014e-308", "69.2787",
                     "0.000000000000000000000000000000000001", "12345678901234567890123456789", "1e-400",
                     "37.9999999999999999999", "-180.0", "179.99999999999997"]
        for _ in 0..<20_000 {
            let d = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
            texts.append(String(d))
            let deg = Double.random(in: -180...180, using: &rng)
            texts.append(String(format: "%.\(Int.random(in: 0...17, using: &rng))f", deg))
            texts.append(String(format: "%.\(Int.random(in: 1...17, using: &rng))e", deg))
        }
        for t in texts {
            let json = t.replacingOccurrences(of: "e+", with: "e+")
            guard case .numbers(let ns) = try parse("[\(json)]") else { Issue.record("not numbers: \(t)"); continue }
            let expected = Double(t) ?? .nan
            #expect(ns[0].bitPattern == expected.bitPattern || (ns[0] == 0 && expected == 0), "\(t): \(ns[0]) vs \(expected)")
        }
    }

    @Test func integersKeepExactValue() throws {
        guard case .object(let o) = try parse(#"{"a":9223372036854775807,"b":-9223372036854775808,"c":9223372036854775808,"d":1.0,"e":2e0}"#) else {
            Issue.record("not an object"); return
        }
        guard case .number(_, let a)? = o["a"], case .number(_, let b)? = o["b"], case .number(let cd, let c)? = o["c"],
              case .number(_, let d)? = o["d"], case .number(_, let e)? = o["e"] else { Issue.record("kinds"); return }
        #expect(a == Int64.max)
        #expect(b == Int64.min)
        #expect(c == nil && cd == 9223372036854775808.0)
        #expect(d == nil && e == nil)
    }

    @Test func stringsAndEscapes() throws {
        let json = #"["plain", "Qo‘qon Душанбе", "a\"b\\c\/d\b\f\n\r\t", "\u00e9\u0416\ud83d\ude00", "\u0000"]"#
        guard case .array(let a) = try parse(json) else { Issue.record("not array"); return }
        let strings = a.compactMap { if case .string(let s) = $0 { return s }; return nil }
        #expect(strings == ["plain", "Qo‘qon Душанбе", "a\"b\\c/d\u{8}\u{c}\n\r\t", "éЖ😀", "\u{0}"])
        // Compare with Foundation on the same text.
        let foundation = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
        #expect(foundation == strings)
    }

    @Test func jsonTextRoundTripsThroughFoundation() throws {
        let json = #"{"a":[1,2.5,-3e-2],"b":{"c":null,"d":[true,false,"x\"y\n"]},"e":[],"f":{},"g":[[1,2],"s"]}"#
        let v = try parse(json)
        let again = try JSONSerialization.jsonObject(with: Data(v.jsonText.utf8)) as? NSDictionary
        let original = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary
        #expect(again == original)
    }

    @Test func byteOrderMarkAndWhitespace() throws {
        let r = try GeoJSONReader.read(Data([0xEF, 0xBB, 0xBF] + Array(" \r\n\t{\"type\":\"Point\",\"coordinates\":[1,2]} \n".utf8)))
        #expect(r.features.first?.geometry == .point(Point(x: 1, y: 2)))
    }

    @Test func duplicateKeysLastWins() throws {
        let r = try GeoJSONReader.read(Data(#"{"type":"Point","coordinates":[1,2],"coordinates":[3,4]}"#.utf8))
        #expect(r.features.first?.geometry == .point(Point(x: 3, y: 4)))
    }

    @Test func largeInputIsLinear() throws {
        // 200k features: must parse in well under a few seconds (quadratic behaviour would not).
        var s = #"{"type":"FeatureCollection","features":["#
        for i in 0..<200_000 {
            if i > 0 { s += "," }
            s += #"{"type":"Feature","id":\#(i),"properties":{"n":"p\#(i)","v":\#(i).5},"geometry":{"type":"Point","coordinates":[\#(Double(i) / 1e4),1.25]}}"#
        }
        s += "]}"
        let data = Data(s.utf8)
        let start = Date()
        let r = try GeoJSONReader.read(data)
        let seconds = Date().timeIntervalSince(start)
        #expect(r.features.count == 200_000)
        #expect(r.features[199_999].id == .integer(199_999))
        #expect(r.features[123]["v"] == .double(123.5))
        #expect(seconds < 20, "took \(seconds) s for \(data.count) bytes")
    }
}
