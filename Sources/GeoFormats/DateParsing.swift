import Foundation
import GeoCore

/// Parses incident dates and times as spreadsheets hold them, to UTC instants.
///
/// Accepted forms (the date may be followed by a time; the time by a zone):
/// - ISO 8601: `2024-03-05`, `2024-03-05T14:30`, `2024-03-05 14:30:15`, `2024-03-05T14:30:15.250Z`,
///   `2024-03-05T14:30+05:00`, `+0500`, `+05`; also the basic date `20240305`.
/// - Year first with dots or slashes: `2024.03.05`, `2024/3/5` (always year, month, day).
/// - Day first, as Russian and most Central Asian locales write dates: `05.03.2024`, `5.3.2024`,
///   `05/03/2024`, `05-03-2024`, each optionally with ` 14:30` or ` 14:30:15`. `03/05/2024` is
///   therefore 5 March, never 3 May. Two-digit years are refused (the century is a guess).
/// - Excel serial day numbers (when `excelSerials`): `45356` or `45356.6041667` — days since
///   1899-12-30 in the 1900 date system, the fraction being the time of day. Only 5-digit
///   integer parts (1927-05-18 to 2173-10-14) are taken as serials.
///
/// A date without a time is midnight. A time without a zone is local time at
/// `utcOffsetSeconds` east of UTC (default 0: taken as UTC). Years outside 1900...2999 are refused.
/// Errors are `FormatError`s without file or location whose `message` is the reason.
public enum DateParsing {
    /// Parses `text` to an instant.
    /// - Parameters:
    ///   - text: the cell text (surrounding whitespace ignored).
    ///   - utcOffsetSeconds: the offset east of UTC of times written without a zone (default 0).
    ///   - excelSerials: whether bare 5-digit numbers are Excel serial dates (default true).
    /// - Throws: `FormatError` naming the problem: empty, unknown form, `31.02.2024 is not a date`, ...
    public static func parse(_ text: String, utcOffsetSeconds: Int = 0, excelSerials: Bool = true) throws -> Date {
        let shown = text.trimmedCell
        guard !shown.isEmpty else { throw FormatError("no date given") }
        if excelSerials, let serial = excelSerial(shown) { return serial }
        var c = Scanner(Array(shown.utf8), shown: shown)
        let (y, m, d) = try c.date()
        guard (1900...2999).contains(y) else { throw FormatError("'\(shown)': year \(y) is out of range 1900...2999") }
        guard CalendarDate(year: y, month: m, day: d) != nil else { throw FormatError("'\(shown)' is not a date (no day \(d) in month \(m) of \(y))") }
        var seconds = Double(daysFromCivil(y, m, d)) * 86_400
        var offset = utcOffsetSeconds
        if c.skipTimeSeparator() {
            seconds += try c.time()
            if let z = try c.zone() { offset = z }
        }
        guard c.atEnd else { throw FormatError("'\(shown)' has unexpected text after the date") }
        return Date(timeIntervalSince1970: seconds - Double(offset))
    }

    /// `YYYY-MM-DDThh:mm:ssZ` in UTC, whole seconds (fractions are dropped).
    public static func iso8601(_ date: Date) -> String {
        var out: [UInt8] = []
        appendISO8601(seconds: date.timeIntervalSince1970, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `iso8601(_:)` of the time `seconds` after 1970-01-01T00:00:00Z, appended to `out` as
    /// UTF-8 (no `String` is made: the GeoJSON incident stream writes one per row).
    public static func appendISO8601(seconds: Double, to out: inout [UInt8]) {
        let total = Int64(seconds.rounded(.down))
        let days = total >= 0 ? total / 86_400 : -((-total + 86_399) / 86_400)
        let secs = Int(total - days * 86_400)
        let (y, m, d) = civilFromDays(Int(days))
        /// `v` with at least `n` digits (zeros in front).
        func p(_ v: Int, _ n: Int = 2) {
            if v < 0 || v >= (n == 4 ? 10_000 : 100) {
                let text = String(v)
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, n - text.utf8.count)))
                out.append(contentsOf: text.utf8)
                return
            }
            if n == 4 {
                out.append(UInt8(48 + v / 1000))
                out.append(UInt8(48 + v / 100 % 10))
            }
            out.append(UInt8(48 + v / 10 % 10))
            out.append(UInt8(48 + v % 10))
        }
        p(y, 4); out.append(UInt8(ascii: "-")); p(m); out.append(UInt8(ascii: "-")); p(d); out.append(UInt8(ascii: "T"))
        p(secs / 3600); out.append(UInt8(ascii: ":")); p(secs / 60 % 60); out.append(UInt8(ascii: ":")); p(secs % 60)
        out.append(UInt8(ascii: "Z"))
    }

    // MARK: - Calendar arithmetic (GeoCore's CalendarDate)

    /// Days since 1970-01-01 of a valid Gregorian date.
    static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
        CalendarDate.daysSinceEpoch(year: y, month: m, day: d)
    }

    /// The Gregorian date `z` days after 1970-01-01.
    static func civilFromDays(_ z: Int) -> (Int, Int, Int) {
        let c = CalendarDate.civil(daysSinceEpoch: z)
        return (c.year, c.month, c.day)
    }

    /// Excel 1900-system serial: 5 integer digits, optional fraction with `.` or `,`.
    private static func excelSerial(_ s: String) -> Date? {
        // Cheap refusal of the usual dates (`2024-03-05`, `05.03.2024`): five digits, then the end or a separator.
        var bytes = s.utf8.makeIterator()
        for _ in 0..<5 {
            guard let b = bytes.next(), (0x30...0x39).contains(b) else { return nil }
        }
        if let b = bytes.next(), b != 0x2E, b != 0x2C { return nil }
        let parts = s.split(separator: s.contains("," as Character) ? "," : ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].count == 5, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let value = Double(parts.joined(separator: ".")) else { return nil }
        // Serial 25569 is 1970-01-01; serials above 60 are past Excel's fictitious 1900-02-29.
        let seconds = ((value - 25_569) * 86_400).rounded()
        return Date(timeIntervalSince1970: seconds)
    }

    /// A cursor over the ASCII bytes of a date text.
    private struct Scanner {
        let b: [UInt8]
        let shown: String
        var i = 0
        init(_ b: [UInt8], shown: String) { self.b = b; self.shown = shown }
        var atEnd: Bool { i == b.count }

        func fail(_ why: String) -> FormatError { FormatError("'\(shown)' \(why)") }

        mutating func digits(_ minCount: Int, _ maxCount: Int) -> Int? {
            var v = 0, n = 0
            while i < b.count, n < maxCount, (0x30...0x39).contains(b[i]) {
                v = v * 10 + Int(b[i] - 0x30)
                i += 1
                n += 1
            }
            return n >= minCount ? v : nil
        }

        mutating func take(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }

        /// Year, month, day in any accepted date form.
        mutating func date() throws -> (Int, Int, Int) {
            let start = i
            var n = 0
            while start + n < b.count, (0x30...0x39).contains(b[start + n]) { n += 1 }
            if n == 4, start + n < b.count, b[start + n] == 0x2D {  // YYYY-MM-DD
                let y = digits(4, 4) ?? 0
                guard take(0x2D), let m = digits(2, 2), take(0x2D), let d = digits(2, 2) else {
                    throw fail("is not a date (expected YYYY-MM-DD)")
                }
                return (y, m, d)
            }
            if n == 4, start + n < b.count, b[start + n] == 0x2E || b[start + n] == 0x2F {  // YYYY.MM.DD, YYYY/MM/DD
                let y = digits(4, 4) ?? 0
                let sep = b[i]
                i += 1
                guard let m = digits(1, 2), take(sep), let d = digits(1, 2) else { throw fail("is not a date (expected YYYY.MM.DD)") }
                return (y, m, d)
            }
            if n == 8 {  // YYYYMMDD
                guard let v = digits(8, 8) else { throw fail("is not a date") }
                return (v / 10_000, v / 100 % 100, v % 100)
            }
            guard n == 1 || n == 2, let d = digits(1, 2), i < b.count, [0x2E, 0x2F, 0x2D].contains(b[i]) else {
                throw fail("is not a date (expected YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY)")
            }
            let sep = b[i]
            i += 1
            guard let m = digits(1, 2), take(sep) else { throw fail("is not a date (expected DD.MM.YYYY or DD/MM/YYYY)") }
            let yStart = i
            guard let y = digits(2, 4) else { throw fail("is not a date (no year)") }
            guard i - yStart == 4 else { throw fail("has a two-digit year; write the year in full") }
            return (y, m, d)
        }

        /// Skips `T` or spaces before a time; false when nothing follows the date.
        mutating func skipTimeSeparator() -> Bool {
            if atEnd { return false }
            if take(0x54) || take(0x74) { return true }
            var skipped = false
            while take(0x20) { skipped = true }
            return skipped && !atEnd
        }

        /// Seconds since midnight from `h:mm[:ss[.fff]]`.
        mutating func time() throws -> Double {
            guard let h = digits(1, 2), take(0x3A), let mi = digits(2, 2) else { throw fail("has no valid time (expected hh:mm)") }
            var s = 0.0
            if take(0x3A) {
                guard let whole = digits(2, 2) else { throw fail("has no valid seconds") }
                s = Double(whole)
                if take(0x2E) || take(0x2C) {
                    var scale = 0.1, any = false
                    while i < b.count, (0x30...0x39).contains(b[i]) {
                        s += Double(b[i] - 0x30) * scale
                        scale /= 10
                        i += 1
                        any = true
                    }
                    guard any else { throw fail("has an empty fraction of a second") }
                }
            }
            guard h < 24, mi < 60, s < 60 else { throw fail("is not a valid time of day") }
            return Double(h * 3600 + mi * 60) + s
        }

        /// The zone's offset east of UTC in seconds, or nil when none is written.
        mutating func zone() throws -> Int? {
            while take(0x20) {}
            if atEnd { return nil }
            if take(0x5A) || take(0x7A) { return 0 }
            if b[i...].elementsEqual("UTC".utf8) || b[i...].elementsEqual("GMT".utf8) {
                i = b.count
                return 0
            }
            let sign: Int
            if take(0x2B) { sign = 1 } else if take(0x2D) { sign = -1 } else { throw fail("has unexpected text after the time") }
            guard let h = digits(2, 2) else { throw fail("has a malformed UTC offset") }
            var m = 0
            if !atEnd {
                _ = take(0x3A)
                guard let mm = digits(2, 2) else { throw fail("has a malformed UTC offset") }
                m = mm
            }
            guard h <= 14, m < 60 else { throw fail("has a UTC offset out of range") }
            return sign * (h * 3600 + m * 60)
        }
    }
}
