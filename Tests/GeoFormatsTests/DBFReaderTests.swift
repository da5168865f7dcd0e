import Foundation
import GeoCore
import Testing
@testable import GeoFormats

/// Builds DBF bytes by hand from the dBASE III layout (independent of our writer).
struct HandmadeDBF {
    var fields: [(name: String, type: Character, width: Int, decimals: Int)]
    var ldid: UInt8 = 0
    var rows: [(deleted: Bool, cells: [[UInt8]])] = []

    var bytes: [UInt8] {
        let recLen = 1 + fields.reduce(0) { $0 + $1.width }
        let headLen = 32 + 32 * fields.count + 1
        var b: [UInt8] = [3, 124, 1, 1]
        let n = UInt32(rows.count)
        b += [UInt8(n & 0xFF), UInt8((n >> 8) & 0xFF), UInt8((n >> 16) & 0xFF), UInt8(n >> 24)]
        b += [UInt8(headLen & 0xFF), UInt8(headLen >> 8), UInt8(recLen & 0xFF), UInt8(recLen >> 8)]
        b += [UInt8](repeating: 0, count: 17) + [ldid, 0, 0]
        for f in fields {
            let name = Array(f.name.utf8)
            b += name + [UInt8](repeating: 0, count: 11 - name.count)
            b += [f.type.asciiValue ?? 0x43, 0, 0, 0, 0, UInt8(f.width), UInt8(f.decimals)] + [UInt8](repeating: 0, count: 14)
        }
        b.append(0x0D)
        for r in rows {
            b.append(r.deleted ? 0x2A : 0x20)
            for (cell, f) in zip(r.cells, fields) {
                let c = Array(cell.prefix(f.width))
                b += c + [UInt8](repeating: 0x20, count: f.width - c.count)
            }
        }
        return b + [0x1A]
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }
}

@Suite("DBF reader")
struct DBFReaderTests {
    static let sample: HandmadeDBF = {
        var d = HandmadeDBF(fields: [("NAME", "C", 12, 0), ("POP", "N", 9, 0), ("AREA", "F", 12, 3), ("OK", "L", 1, 0),
                                     ("SINCE", "D", 8, 0), ("NOTE", "M", 10, 0)])
        let t = HandmadeDBF.text
        d.rows = [
            (false, [t("  Osh  "), t("   322164"), t("     182.500"), t("T"), t("19391121"), t("         7")]),
            (true, [t("deleted"), t("1"), t("1.0"), t("F"), t("20000101"), t("")]),
            (false, [t(""), t("*********"), t("            "), t("?"), t("        "), t("")]),
            (false, [t("Хорог"), t("-42"), t("-0.125"), t("n"), t("00000000"), t("")]),
        ]
        return d
    }()

    @Test("types, nulls and deleted records read as GDAL reads them")
    func matchesGDAL() throws {
        let dir = try ShapefileOracle.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.dbf").path
        try Data(Self.sample.bytes).write(to: URL(fileURLWithPath: path))
        try "UTF-8".write(toFile: dir.appendingPathComponent("t.cpg").path, atomically: true, encoding: .utf8)
        let reader = try DBFReader(path: path)
        #expect(reader.recordCount == 4)
        #expect(reader.fields.map(\.field.type) == [.string, .integer, .real, .boolean, .date, .string])
        #expect(reader.warnings.contains { $0.contains("NOTE") }, "memo field read as text with a warning")
        let rows = try reader.readAll()
        #expect(rows.count == 3)
        #expect(rows[0]["NAME"] == .string("Osh"))
        #expect(rows[0]["POP"] == .integer(322164))
        #expect(rows[0]["AREA"] == .double(182.5))
        #expect(rows[0]["OK"] == .bool(true))
        #expect(rows[0]["SINCE"] == .date(CalendarDate(year: 1939, month: 11, day: 21)!))
        #expect(rows[1].values.allSatisfy { $0 == .null })
        #expect(rows[2]["NAME"] == .string("Хорог"))
        #expect(rows[2]["OK"] == .bool(false))
        #expect(try reader.record(at: 1) == nil)

        // GDAL: same rows (deleted one skipped), same numbers, same nulls.
        let gdal = try ShapefileOracle.gdalFeatures(path)
        #expect(gdal.count == 3)
        for (ours, theirs) in zip(rows, gdal) {
            let props = theirs["properties"] as? [String: Any] ?? [:]
            for k in ["NAME", "POP", "AREA", "SINCE"] {
                #expect(ShapefileOracle.sameValue(ours[k] ?? .null, props[k]), "\(k): \(String(describing: ours[k])) vs \(String(describing: props[k]))")
            }
        }
    }

    @Test("invalid UTF-8 is decoded lossily with a warning naming the row and field")
    func invalidUTF8() throws {
        var d = HandmadeDBF(fields: [("NAME", "C", 5, 0)])
        d.rows = [(false, [[0x41, 0xFF, 0x42]]), (false, [Array("Қ".utf8).prefix(1) + []])]
        let reader = try DBFReader(data: Data(d.bytes))
        let rows = try reader.readAll()
        #expect(rows[0]["NAME"] == .string("A\u{FFFD}B"))
        #expect(rows[1]["NAME"] == .string("\u{FFFD}"), "a character cut at the field width")
        #expect(reader.warnings.count == 2)
        #expect(reader.warnings.first?.contains("row 1") == true)
        #expect(reader.warnings.first?.contains("NAME") == true)
    }

    @Test("the language-driver byte selects the code page when there is no .cpg")
    func languageDriver() throws {
        var d = HandmadeDBF(fields: [("NAME", "C", 10, 0)], ldid: 0xC9)
        d.rows = [(false, [[0xC1, 0xE8, 0xF8, 0xEA, 0xE5, 0xEA]])]
        #expect(try DBFReader(data: Data(d.bytes)).readAll()[0]["NAME"] == .string("Бишкек"))
        d.ldid = 0x65
        d.rows = [(false, [[0x81, 0xA8, 0xE8, 0xAA, 0xA5, 0xAA]])]
        #expect(try DBFReader(data: Data(d.bytes)).readAll()[0]["NAME"] == .string("Бишкек"))
        d.ldid = 0
        d.rows = [(false, [Array("Бишкек".utf8)])]
        #expect(try DBFReader(data: Data(d.bytes)).encoding == .utf8)
    }

    @Test("hostile headers are errors, not crashes or huge allocations", arguments: [
        ("too short", [UInt8](repeating: 3, count: 20)),
        ("header longer than file", [3, 1, 1, 1, 1, 0, 0, 0, 0xFF, 0xFF, 10, 0] + [UInt8](repeating: 0, count: 40)),
        ("billions of records", [3, 1, 1, 1, 0xFF, 0xFF, 0xFF, 0x7F, 33, 0, 10, 0] + [UInt8](repeating: 0, count: 21) + [0x0D]),
    ])
    func hostile(name: String, bytes: [UInt8]) throws {
        #expect(throws: FormatError.self, "\(name)") { try DBFReader(data: Data(bytes), name: "h.dbf").readAll() }
    }

    @Test("fields wider than the record are an error")
    func fieldsWiderThanRecord() throws {
        var b = HandmadeDBF(fields: [("A", "C", 50, 0)]).bytes
        b[10] = 5  // record length 5, field 50
        b[4] = 1   // one record
        b += [UInt8](repeating: 0x20, count: 5)
        #expect(throws: FormatError.self) { try DBFReader(data: Data(b)) }
    }
}
