import Foundation
import TestSupport
import Testing
@testable import IncidentStore

/// `StoredPropertiesText.canonicalMembers`: what it copies through is exactly what decoding
/// and re-writing would give, it copies through the usual stored text, and it refuses (decode
/// instead) what `SQLiteRowDecoder.encode` would not have written.
@Suite struct StoredPropertiesTextTests {
    static func members(_ text: String) -> String? {
        Array(text.utf8).withUnsafeBufferPointer { b in
            StoredPropertiesText.canonicalMembers(b).map { String(decoding: b[$0], as: UTF8.self) }
        }
    }

    /// `,"k":"v"...` as the GeoJSON stream writes decoded properties.
    static func rewritten(_ properties: [String: String]) -> String {
        var out: [UInt8] = []
        IncidentGeoJSON.appendFreeProperties(properties, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func seededDictionariesCopyThroughAsTheyWouldBeRewritten() throws {
        var rng = SplitMix64(seed: 2026)
        let pieces = ["a", "Z", "synthetic", "anchor", "x y", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1f}", "\u{7f}", "/",
                      "é", "Қазақстан", "😀", "id", "source", "category", "{", "}", ":", ","]
        func text(_ n: Int) -> String { (0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined() }
        var copied = 0
        for _ in 0..<3_000 {
            var properties: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &rng) { properties[text(Int.random(in: 1...3, using: &rng))] = text(Int.random(in: 0...4, using: &rng)) }
            let stored = SQLiteRowDecoder.encode(properties)
            let decoded = try JSONDecoder().decode([String: String].self, from: Data(stored.utf8))
            #expect(decoded == properties)
            guard let members = Self.members(stored) else {
                // Refused only for a key that is not plain ASCII, or is a field name.
                #expect(properties.keys.contains { k in !k.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C }
                    || IncidentGeoJSON.fields.contains { $0.name == k } }, "\(stored)")
                continue
            }
            copied += 1
            #expect((members.isEmpty ? "" : "," + members) == Self.rewritten(properties), "\(stored)")
        }
        #expect(copied > 500)
    }

    @Test(arguments: [
        "{\"b\":\"1\",\"a\":\"2\"}",  // not sorted
        "{\"a\":\"1\",\"a\":\"2\"}",  // repeated key
        "{ \"a\":\"1\"}", "{\"a\": \"1\"}",  // whitespace
        "{\"a\":\"\\/\"}", "{\"a\":\"\\u0041\"}", "{\"a\":\"\\u001F\"}", "{\"a\":\"\\u000a\"}", "{\"a\":\"\\b\"}",  // other escapes
        "{\"a\":1}", "{\"a\":null}", "{\"a\":\"1\",}", "{\"a\":\"1\"", "[]", "",  // not an object of strings
        "{\"source\":\"x\"}", "{\"a\\u0041\":\"x\"}",  // a field name; an escaped key
        "{\"a\":\"\u{1}\"}",  // a raw control character
    ])
    func textEncodeWouldNotWriteIsDecoded(_ text: String) {
        #expect(Self.members(text) == nil)
    }

    @Test func invalidUTF8IsDecoded() {
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80]] {
            let text = Array("{\"a\":\"".utf8) + bad + Array("\"}".utf8)
            #expect(text.withUnsafeBufferPointer { StoredPropertiesText.canonicalMembers($0) } == nil, "\(bad)")
        }
        #expect(Self.members("{\"a\":\"€ Қ 😀\"}") == "\"a\":\"€ Қ 😀\"")
        #expect(Self.members("{}") == "")
    }
}
