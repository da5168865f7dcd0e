import Foundation
import Testing
@testable import GeoFormats

@Suite("XLSX cell text")
struct XLSXCellTextTests {
    // Serial numbers as Excel's DATEVALUE gives them (Microsoft: "Differences between the 1900
    // and the 1904 date system in Excel"; 45356 = 2024-03-05 is shown by Excel and LibreOffice).
    @Test("1900 date system, with the fake 29 February 1900", arguments: [
        (1.0, "1900-01-01"), (59.0, "1900-02-28"), (60.0, "1900-02-29"), (61.0, "1900-03-01"),
        (45356.0, "2024-03-05"), (2_958_465.0, "9999-12-31"),
    ])
    func serials1900(serial: Double, text: String) {
        #expect(XLSXCellText.date(serial: serial, kind: .date, date1904: false) == text)
    }

    @Test("1904 date system, times and durations")
    func serialsOther() {
        #expect(XLSXCellText.date(serial: 0, kind: .date, date1904: true) == "00:00:00", "below 1: a time, as openpyxl")
        #expect(XLSXCellText.date(serial: 1, kind: .date, date1904: true) == "1904-01-02")
        #expect(XLSXCellText.date(serial: 43894, kind: .date, date1904: true) == "2024-03-05")  // 45356 - 1462
        #expect(XLSXCellText.date(serial: 45356.25, kind: .date, date1904: false) == "2024-03-05T06:00:00")
        #expect(XLSXCellText.date(serial: 45356, kind: .dateTime, date1904: false) == "2024-03-05T00:00:00")
        #expect(XLSXCellText.date(serial: 45356.999999999, kind: .dateTime, date1904: false) == "2024-03-06T00:00:00")
        #expect(XLSXCellText.date(serial: 0.5, kind: .time, date1904: false) == "12:00:00")
        #expect(XLSXCellText.date(serial: 1.5, kind: .duration, date1904: false) == "36:00:00")
        #expect(XLSXCellText.date(serial: -1, kind: .date, date1904: false) == nil)
        #expect(XLSXCellText.date(serial: 3e6, kind: .date, date1904: false) == nil)
    }

    @Test("numbers without exponent noise", arguments: [
        ("41.311000000000001", "41.311"), ("41.311", "41.311"), ("1E-7", "0.0000001"), ("1.5E+20", "150000000000000000000"),
        ("5.0", "5"), ("-7.25", "-7.25"), ("0", "0"), ("-0.0", "0"), ("0.30000000000000004", "0.30000000000000004"),
        ("12345678901234567890", "12345678901234567890"), ("007", "7"), ("-12", "-12"), ("1234.5e3", "1234500"),
    ])
    func numbers(raw: String, text: String) {
        #expect(XLSXCellText.number(raw) == text)
    }

    @Test("non-numbers are refused")
    func notNumbers() {
        #expect(XLSXCellText.number("abc") == nil)
        #expect(XLSXCellText.number("inf") == nil)
        #expect(XLSXCellText.number("") == nil)
    }

    @Test("date format recognition", arguments: [
        (14, nil, XLSXDateFormat.Kind.date), (22, nil, .dateTime), (20, nil, .time), (46, nil, .duration),
        (0, nil, nil), (2, nil, nil), (49, nil, nil),
        (164, "dd.mm.yyyy", .date), (164, "yyyy-mm-dd hh:mm", .dateTime), (164, "hh:mm", .time),
        (164, "[h]:mm:ss", .duration), (164, "0.0 \"days\"", nil), (164, "#,##0.00\\ \"kg\"", nil),
        (164, "[Red]0.00;[Blue]-0.00", nil), (164, "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", .date),
        (164, "General", nil), (164, "0.00E+00", nil), (164, "mmm", .date), (164, "0;\"d\"", nil),
        (164, "@", nil), (164, "_(* #,##0_)", nil),
    ] as [(Int, String?, XLSXDateFormat.Kind?)])
    func dateFormats(id: Int, code: String?, kind: XLSXDateFormat.Kind?) {
        #expect(XLSXDateFormat.kind(numFmtId: id, formatCode: code) == kind, "\(id) \(code ?? "")")
    }
}
