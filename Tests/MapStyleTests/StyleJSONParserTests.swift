import Testing
@testable import MapStyle

/// The style's JSON reader: RFC 8259 strings and numbers, errors with byte offsets, bounded nesting.
@Suite struct StyleJSONParserTests {
    static func parse(_ text: String) -> Result<StyleJSON, StyleDiagnostic> {
        Result { () throws(StyleDiagnostic) -> StyleJSON in try StyleJSONParser.parse(Array(text.utf8)) }
    }

    @Test func stringsAndEscapes() throws {
        let v = try Self.parse(#"{"ru": "\u0414\u0443\u0448\u0430\u043d\u0431\u0435", "uz": "Qo‘qon", "e": "a\"b\\c\/\n", "emoji": "\ud83d\uddfa"}"#).get()
        #expect(v["ru"] == .string("Душанбе"))
        #expect(v["uz"] == .string("Qo‘qon"))
        #expect(v["e"] == .string("a\"b\\c/\n"))
        #expect(v["emoji"] == .string("🗺"))
    }

    @Test func numbersAndLiterals() throws {
        #expect(try Self.parse("[0, -1.5, 2e3, 1E-2, true, false, null]").get()
                == .array([.number(0), .number(-1.5), .number(2000), .number(0.01), .bool(true), .bool(false), .null]))
    }

    @Test(arguments: [
        ("[1, 2", "invalid JSON at byte 5: unexpected end of input"),
        ("[01]", "invalid JSON at byte 2: expected ',' or ']'"),
        ("{\"a\" 1}", "invalid JSON at byte 5: expected ':'"),
        ("[1] x", "invalid JSON at byte 4: unexpected text after the document"),
        ("\"tab\there\"", "invalid JSON at byte 4: control character in string"),
        ("[1e999]", "invalid JSON at byte 6: number out of range"),
        ("[nul]", "invalid JSON at byte 1: unexpected character"),
    ])
    func syntaxErrors(_ text: String, _ message: String) {
        guard case .failure(let error) = Self.parse(text) else {
            Issue.record("\(text) parsed")
            return
        }
        #expect(error.description == message)
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        guard case .failure(let error) = Self.parse(deep) else {
            Issue.record("300 levels parsed")
            return
        }
        #expect(error.message.contains("nesting deeper than 256"))
        #expect((try? Self.parse(String(repeating: "[", count: 200) + String(repeating: "]", count: 200)).get()) != nil)
    }
}
