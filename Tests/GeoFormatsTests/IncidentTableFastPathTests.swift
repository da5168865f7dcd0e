import Foundation
import TestSupport
import Testing
@testable import GeoFormats

/// The shortcuts of row conversion (fixed source-key order, plain decimals, whitespace-free
/// cells) give exactly what the general paths give.
@Suite struct IncidentTableFastPathTests {
    @Test("the fixed key order hashes the same text as sorting per row", arguments: [
        ["date", "date_time", "lat", "lon", "Примечание", "", "x"],
        ["Дата", "широта", "долгота", "col", "col_1", "column_6", "a"],
    ])
    func sourceKeyOrder(header: [String]) throws {
        let table = try IncidentTable(header: header, decimalComma: false)
        var rng = SplitMix64(seed: 9)
        for _ in 0..<200 {
            let values = header.indices.map { i -> String in
                switch rng.next() % 5 {
                case 0: ""
                case 1: " \(i) "
                case 2: "41.\(rng.next() % 1000)"
                case 3: "значение \(rng.next() % 7)"
                default: "2024-01-0\(1 + rng.next() % 9)"
                }
            }
            let fixed = [table.columns[.occurredAt]: "2024-01-02", table.columns[.lat]: "41.5", table.columns[.lon]: "69.25"]
            let valid = values.enumerated().map { i, v in fixed[i] ?? v }
            guard case .record(let r) = table.convert(valid, row: 2) else { Issue.record("row rejected: \(valid)"); continue }
            #expect(r.sourceKey == IncidentTable.sourceKey(header: header, values: valid))
        }
    }

    @Test("repeated names fall back to sorting per row")
    func repeatedNames() throws {
        let header = ["date", "lat", "lon", "note", "Note"]
        let table = try IncidentTable(header: header, decimalComma: false)
        for values in [["2024-01-02", "41.5", "69.2", "b", "a"], ["2024-01-02", "41.5", "69.2", "a", "b"]] {
            guard case .record(let r) = table.convert(values, row: 2) else { Issue.record("rejected"); continue }
            #expect(r.sourceKey == IncidentTable.sourceKey(header: header, values: values))
        }
    }

    @Test("plain decimals parse as the general path does", arguments: [
        "41.311", "-69.28", "+41.3", "0", "007.5", "179.99999999999999", "12345678901234567890.5", "90",
    ])
    func plainDecimals(text: String) throws {
        #expect(CoordinateParsing.plainDecimal(text) != nil)
        // A leading space sends the same text down the general path.
        let general = try CoordinateParsing.parseAngle(" " + text, axis: .longitude, decimalComma: false)
        #expect(try CoordinateParsing.parseAngle(text, axis: .longitude, decimalComma: false) == general)
        if !text.hasPrefix("-"), !text.hasPrefix("+") {
            #expect(try IncidentTable.parseQuantity(text, decimalComma: false) == IncidentTable.parseQuantity(" " + text, decimalComma: false))
        }
    }

    @Test("anything else is left to the general path", arguments: ["", ".5", "5.", "1.2.3", "4-5", "41,3", "1e5", "41.3N", " 41", "--4", "4+"])
    func notPlain(text: String) {
        #expect(CoordinateParsing.plainDecimal(text) == nil)
    }

    @Test("trimming keeps Unicode white space rules", arguments: [
        ("abc", "abc"), (" abc", "abc"), ("abc\t", "abc"), ("\u{A0}abc\u{2009}", "abc"), ("a b", "a b"), ("", ""), ("\u{1C}x", "\u{1C}x"),
    ])
    func trimming(pair: (String, String)) {
        #expect(pair.0.trimmedCell == pair.1)
    }

}
