import Foundation
import Testing
@testable import GeoFormats

@Suite("Date parsing")
struct DateParsingTests {
    /// Expected instants come from Foundation's Gregorian calendar, not from DateParsing.
    static func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0, offset: Int = 0) -> Date {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(secondsFromGMT: offset)!
        return cal.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))!
    }

    @Test("accepted forms", arguments: [
        ("2024-03-05", utc(2024, 3, 5)),
        ("2024-03-05T14:30", utc(2024, 3, 5, 14, 30)),
        ("2024-03-05 14:30:15", utc(2024, 3, 5, 14, 30, 15)),
        ("2024-03-05T14:30:15Z", utc(2024, 3, 5, 14, 30, 15)),
        ("2024-03-05T14:30+05:00", utc(2024, 3, 5, 14, 30, offset: 5 * 3600)),
        ("2024-03-05T14:30:00-0330", utc(2024, 3, 5, 14, 30, offset: -(3 * 3600 + 1800))),
        ("2024-03-05T01:30+06", utc(2024, 3, 5, 1, 30, offset: 6 * 3600)),
        ("2024-03-05 14:30 UTC", utc(2024, 3, 5, 14, 30)),
        ("20240305", utc(2024, 3, 5)),
        ("05.03.2024", utc(2024, 3, 5)),
        ("5.3.2024", utc(2024, 3, 5)),
        ("05.03.2024 14:30", utc(2024, 3, 5, 14, 30)),
        ("05.03.2024 9:05:07", utc(2024, 3, 5, 9, 5, 7)),
        ("05/03/2024", utc(2024, 3, 5)),   // day first
        ("03/05/2024", utc(2024, 5, 3)),   // day first, never 5 March
        ("05-03-2024", utc(2024, 3, 5)),
        ("29.02.2024", utc(2024, 2, 29)),
        ("2024.03.05", utc(2024, 3, 5)),
        ("2024/3/5 7:00", utc(2024, 3, 5, 7)),
        ("45356", utc(2024, 3, 5)),        // Excel serial (Excel shows 05.03.2024)
        ("45356.5", utc(2024, 3, 5, 12)),
        ("45356,75", utc(2024, 3, 5, 18)),
    ])
    func accepted(text: String, expected: Date) throws {
        #expect(try DateParsing.parse(text) == expected, "\(text)")
    }

    @Test("fractions of seconds are kept")
    func fraction() throws {
        let d = try DateParsing.parse("2024-03-05T14:30:15.250Z")
        #expect(d.timeIntervalSince1970 - Self.utc(2024, 3, 5, 14, 30, 15).timeIntervalSince1970 == 0.25)
    }

    @Test("times without a zone use the given offset")
    func localOffset() throws {
        #expect(try DateParsing.parse("05.03.2024 14:30", utcOffsetSeconds: 5 * 3600) == Self.utc(2024, 3, 5, 9, 30))
        #expect(try DateParsing.parse("2024-03-05T14:30Z", utcOffsetSeconds: 5 * 3600) == Self.utc(2024, 3, 5, 14, 30))
    }

    @Test("refused with a reason", arguments: [
        ("", "no date"),
        ("31.02.2024", "not a date"),
        ("29.02.2023", "not a date"),
        ("2024-13-01", "not a date"),
        ("05.03.24", "two-digit year"),
        ("05.03.2024 25:00", "not a valid time"),
        ("05.03.2024 14:61", "not a valid time"),
        ("2024-03-05T14:30+15:00", "offset out of range"),
        ("2024-03-05 later", "no valid time"),
        ("2024-03-05T14:30 PST", "unexpected text"),
        ("март 2024", "is not a date"),
        ("1024-01-01", "out of range"),
        ("12345678", "out of range"),          // YYYYMMDD with year 1234
    ])
    func refused(text: String, reason: String) {
        let error = #expect(throws: FormatError.self) { try DateParsing.parse(text) }
        #expect(error?.message.contains(reason) == true, "\(text): \(error?.message ?? "-")")
    }

    @Test("Excel serials can be turned off")
    func noSerials() {
        #expect(throws: FormatError.self) { try DateParsing.parse("45356", excelSerials: false) }
    }

    @Test("ISO 8601 output agrees with ISO8601DateFormatter", arguments: [0.0, 1_709_649_000, -86_401, 951_782_400, 4_102_444_799])
    func iso(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(secondsFromGMT: 0)
        #expect(DateParsing.iso8601(date) == f.string(from: date))
    }
}
