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
