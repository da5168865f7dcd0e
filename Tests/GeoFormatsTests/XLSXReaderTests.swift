import Foundation
import Testing
@testable import GeoFormats

/// The XLSX fixtures and the rows openpyxl read from them (Fixtures/xlsx/make_fixtures.py).
enum XLSXFixtures {
    struct Row: Decodable, Equatable { let row: Int; let cells: [String] }
    struct Workbook: Decodable { let sheetNames: [String]; let sheets: [String: [Row]] }

    static func url(_ name: String) throws -> URL {
        let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return dir.appendingPathComponent("xlsx").appendingPathComponent(name)
    }

    static func expected(_ name: String) throws -> Workbook {
        try JSONDecoder().decode(Workbook.self, from: Data(contentsOf: url(name + ".json")))
    }
}

@Suite("XLSX reader")
struct XLSXReaderTests {
    @Test("every sheet reads as openpyxl reads it", arguments: ["incidents", "date1904", "types"])
    func sheetsMatchOpenpyxl(name: String) throws {
        let expected = try XLSXFixtures.expected(name)
        let path = try XLSXFixtures.url(name + ".xlsx").path
        for (i, sheetName) in expected.sheetNames.enumerated() {
            let want = try #require(expected.sheets[sheetName])
            for selector in [XLSXSheet.named(sheetName), .index(i + 1)] {
                let reader = try XLSXReader(path: path, sheet: selector)
                #expect(reader.sheetNames == expected.sheetNames)
                #expect(reader.sheetName == sheetName)
                let rows = try reader.readAll().map { XLSXFixtures.Row(row: $0.row, cells: $0.cells) }
                #expect(rows.map(\.row) == want.map(\.row), "\(name) \(selector): row numbers")
                for (got, exp) in zip(rows, want) where got != exp {
                    Issue.record("\(name) \(selector) row \(exp.row): got \(got.cells), openpyxl \(exp.cells)")
                }
            }
        }
    }

    @Test("the first sheet is the default, and in-memory data reads the same")
    func defaultSheetAndData() throws {
        let url = try XLSXFixtures.url("incidents.xlsx")
        let expected = try XLSXFixtures.expected("incidents")
        let fromData = try XLSXReader(data: Data(contentsOf: url), name: "mem.xlsx")
        #expect(fromData.sheetName == "Incidents" && fromData.file == "mem.xlsx")
        #expect(try fromData.readAll().map(\.cells) == expected.sheets["Incidents"]?.map(\.cells))
        let russian = try XLSXReader(path: url.path, sheet: XLSXSheet(argument: "инциденты"))
        #expect(russian.sheetName == "Инциденты", "names match ignoring case")
        #expect(try russian.next()?.cells == ["дата", "широта", "долгота", "категория", "вещество", "количество_кг"])
        #expect(XLSXSheet(argument: "2") == .index(2))
    }

    @Test("date systems and sheet parts")
    func dateSystem() throws {
        #expect(try XLSXReader(path: XLSXFixtures.url("date1904.xlsx").path).date1904)
        #expect(try !XLSXReader(path: XLSXFixtures.url("incidents.xlsx").path).date1904)
        let types = try XLSXReader(path: XLSXFixtures.url("types.xlsx").path)
        #expect(types.sheetPart == "xl/worksheets/data.xml", "absolute relationship target")
        #expect(try XLSXReader(path: XLSXFixtures.url("types.xlsx").path, sheet: .index(2)).sheetPart == "xl/worksheets/second.xml")
    }
}

/// Timing on a large workbook, run only when BORDERMAP_XLSX_BENCH names one (not part of CI).
@Suite("XLSX reader timing")
struct XLSXReaderTimingTests {
    static let path = ProcessInfo.processInfo.environment["BORDERMAP_XLSX_BENCH"]

    @Test("rows and incidents of a large sheet", .enabled(if: path != nil))
    func timing() throws {
        let path = try #require(Self.path)
        let clock = ContinuousClock()
        var rows = 0
        let read = try clock.measure {
            let reader = try XLSXReader(path: path)
            while try reader.next() != nil { rows += 1 }
        }
        var loaded = 0
        let converted = try clock.measure {
            let reader = try XLSXIncidentReader(path: path)
            while let r = try reader.next() { if case .record = r { loaded += 1 } }
        }
        print("XLSX timing: \(rows) rows read in \(read), \(loaded) incidents converted in \(converted)")
        #expect(rows > 0)
    }
}
