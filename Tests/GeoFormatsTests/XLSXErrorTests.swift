import Foundation
import Testing
@testable import GeoFormats

@Suite("XLSX errors")
struct XLSXErrorTests {
    private func error(_ body: () throws -> Void) -> FormatError? {
        do { try body() } catch let e as FormatError { return e } catch { Issue.record("not a FormatError: \(error)") }
        return nil
    }

    @Test("a text file and a truncated workbook are not ZIP archives")
    func notZip() throws {
        for name in ["notzip.xlsx", "truncated.xlsx"] {
            let path = try XLSXFixtures.url(name).path
            let e = try #require(error { _ = try XLSXReader(path: path) })
            #expect(e.file == path)
            #expect(e.message.contains("not a ZIP archive"), "\(e)")
        }
        let e = try #require(error { _ = try XLSXReader(data: Data("hello".utf8), name: "x.xlsx") })
        #expect(e.file == "x.xlsx")
        #expect(try #require(error { _ = try XLSXReader(path: "/nonexistent/file.xlsx") }).message.contains("cannot read"))
    }

    @Test("damaged compressed data in the sheet part is an error naming the part")
    func damagedPart() throws {
        var bytes = Array(try Data(contentsOf: XLSXFixtures.url("types.xlsx")))
        // Local file header: signature PK\u{3}\u{4}, name length at +26, extra length at +28, name at +30.
        let name = Array("xl/worksheets/data.xml".utf8)
        func isHeader(_ i: Int) -> Bool {
            guard bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 3, bytes[i + 3] == 4 else { return false }
            return Array(bytes[(i + 30)..<(i + 30 + name.count)]) == name
        }
        let header = try #require((0..<(bytes.count - 60)).first(where: isHeader))
        let extra = Int(bytes[header + 28]) | Int(bytes[header + 29]) << 8
        let start = header + 30 + name.count + extra
        for i in (start + 20)..<(start + 60) { bytes[i] ^= 0x5A }
        let e = try #require(error {
            let reader = try XLSXReader(data: Data(bytes), name: "damaged.xlsx")
            while try reader.next() != nil {}
        })
        #expect(e.file == "damaged.xlsx")
        #expect(e.location == "xl/worksheets/data.xml", "\(e)")
    }

    @Test("a missing part is named")
    func missingPart() throws {
        let e = try #require(error { _ = try XLSXReader(path: XLSXFixtures.url("missing_workbook.xlsx").path) })
        #expect(e.location == "xl/workbook.xml", "\(e)")
        #expect(e.description.contains("xl/workbook.xml: the workbook has no such part"))
    }

    @Test("malformed sheet XML names the part and line, after the rows before it")
    func malformed() throws {
        let reader = try XLSXReader(path: XLSXFixtures.url("malformed.xlsx").path)
        #expect(try reader.next()?.row == 1)
        var e: FormatError?
        do { while try reader.next() != nil {} } catch let f as FormatError { e = f }
        let f = try #require(e)
        #expect(f.location == "xl/worksheets/data.xml", "\(f)")
        #expect(f.message.contains("malformed XML at line"), "\(f)")
    }

    @Test("scanner skips a byte-order mark and the XML declaration")
    func byteOrderMark() throws {
        let s = XLSXXMLScanner(bytes: Array("\u{FEFF}<?xml version=\"1.0\"?>\n<a b=\"&lt;1&gt;\"/>".utf8), file: nil, part: "p")
        guard case .start("a", let attributes, true)? = try s.next() else { Issue.record("no start tag"); return }
        #expect(attributes["b"] == "<1>" && attributes.pairs.count == 1)
        guard case .end("a")? = try s.next() else { Issue.record("no end tag"); return }
        #expect(try s.next() == nil)
    }

    @Test("scanner refuses broken XML", arguments: [
        "<a><b></a>", "<a", "<a x=1/>", "<a x=\"1\"", "<a>&bogus;</a>", "<!DOCTYPE a [<!ENTITY x \"y\">]><a/>",
        "<a><!-- open", "text<a/>", "<a></a></b>", "<a>&amp</a>",
    ])
    func scanner(xml: String) {
        let s = XLSXXMLScanner(bytes: Array(xml.utf8), file: "f.xlsx", part: "xl/p.xml")
        let e = error {
            while let event = try s.next() { if case .text(let r, let c) = event { _ = try s.text(r, cdata: c) } }
        }
        #expect(e?.location == "xl/p.xml", "\(xml)")
    }

    @Test("an unknown sheet name lists the sheets there are")
    func unknownSheet() throws {
        let path = try XLSXFixtures.url("incidents.xlsx").path
        let e = try #require(error { _ = try XLSXReader(path: path, sheet: .named("Лист9")) })
        #expect(e.message == "no sheet named 'Лист9'; the workbook has 'Incidents', 'Инциденты'")
        let i = try #require(error { _ = try XLSXReader(path: path, sheet: .index(3)) })
        #expect(i.message.contains("no sheet 3") && i.message.contains("'Incidents', 'Инциденты'"))
        #expect(error { _ = try XLSXReader(path: path, sheet: .index(0)) } != nil)
    }

    @Test("parts larger than the bound are refused before inflating")
    func partBound() throws {
        let path = try XLSXFixtures.url("incidents.xlsx").path
        let e = try #require(error { _ = try XLSXReader(path: path, maxPartBytes: 200) })
        #expect(e.message.contains("more than the limit of 200"), "\(e)")
        #expect(e.location != nil)
        #expect(XLSXReader.defaultMaxPartBytes == 512 * 1024 * 1024)
    }

    @Test("a shared string index beyond the table and a bad reference are errors")
    func badCells() throws {
        func rows(_ sheetData: String) throws -> [(row: Int, cells: [String])] {
            let xml = "<worksheet><sheetData>\(sheetData)</sheetData></worksheet>"
            let r = XLSXSheetRows(scanner: XLSXXMLScanner(bytes: Array(xml.utf8), file: "f", part: "xl/worksheets/s.xml"),
                                  sharedStrings: ["a"], styles: XLSXStyles(), date1904: false)
            var out: [(row: Int, cells: [String])] = []
            while let row = try r.next() { out.append(row) }
            return out
        }
        #expect(try rows("<row r=\"4\"><c r=\"C4\" t=\"s\"><v>0</v></c></row>").first?.cells == ["", "", "a"])
        #expect(error { _ = try rows("<row><c t=\"s\"><v>1</v></c></row>") }?.message.contains("shared string 1") == true)
        #expect(error { _ = try rows("<row><c r=\"4C\"><v>1</v></c></row>") }?.message.contains("bad cell reference") == true)
        #expect(error { _ = try rows("<row><c><v>abc</v></c></row>") }?.message.contains("not a number") == true)
    }
}
