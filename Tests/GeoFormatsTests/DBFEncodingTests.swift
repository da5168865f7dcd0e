import Foundation
import Testing
@testable import GeoFormats

/// Code page tables checked against iconv, and code page names.
@Suite("DBF text encodings")
struct DBFEncodingTests {
    /// Bytes 0x80-0xFF that the code page defines (iconv rejects the others).
    static let cases: [(TextEncoding, String, Set<UInt8>)] = [
        (.windows1251, "CP1251", [0x98]),
        (.cp866, "CP866", []),
        (.windows1252, "CP1252", [0x81, 0x8D, 0x8F, 0x90, 0x9D]),
        (.iso8859_1, "ISO-8859-1", []),
    ]

    @Test("upper halves decode as iconv decodes them, and encode back", arguments: 0..<4)
    func againstIconv(_ i: Int) throws {
        let (enc, iconvName, undefined) = Self.cases[i]
        let bytes = (0x20...0xFF).map { UInt8($0) }.filter { !undefined.contains($0) && $0 != 0x7F }
        let dir = try ShapefileOracle.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("in.bin")
        try Data(bytes).write(to: file)
        let r = try ShapefileOracle.run(["iconv", "-f", iconvName, "-t", "UTF-8", file.path])
        #expect(r.status == 0, "\(r.err)")
        let (text, lossy) = enc.decode(bytes)
        #expect(!lossy)
        #expect(text == String(decoding: r.out, as: UTF8.self))
        #expect(enc.encode(text).bytes == bytes)
    }

    @Test("code page names from .cpg files", arguments: [
        ("UTF-8", TextEncoding.utf8), ("utf8\n", .utf8), ("1251", .windows1251), ("CP1251", .windows1251),
        ("windows-1251", .windows1251), ("ANSI 1251", .windows1251), ("866", .cp866), ("CP866", .cp866),
        ("IBM866", .cp866), ("1252", .windows1252), ("ISO-8859-1", .iso8859_1), ("88591", .iso8859_1),
    ])
    func names(text: String, expected: TextEncoding) {
        #expect(TextEncoding(codePageName: text) == expected)
    }

    @Test("unknown names and language drivers give nil")
    func unknown() {
        #expect(TextEncoding(codePageName: "KOI8-R") == nil)
        #expect(TextEncoding(languageDriverID: 0) == nil)
        #expect(TextEncoding(languageDriverID: 0xC9) == .windows1251)
        #expect(TextEncoding(languageDriverID: 0x26) == .cp866)
    }

    @Test("characters outside a code page are written as ? and reported")
    func lossyEncode() {
        let (bytes, lossy) = TextEncoding.windows1251.encode("Қ")
        #expect(bytes == [0x3F] && lossy)
    }
}
