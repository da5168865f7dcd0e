/// Cell values as text, the way `XLSXReader` hands them out.
///
/// - Numbers: the shortest decimal that reads back as the same `Double` (Swift's own
///   shortest round-trip digits), written out without exponent: `41.311`, not
///   `41.311000000000001`; `1E-7` as `0.0000001`; integers without `.0`. An integer literal in
///   the file is passed through as written, so long identifiers keep every digit.
/// - Date-formatted numbers: ISO 8601 text from the serial day number, rounded to whole seconds:
///   `YYYY-MM-DD` (a date format, midnight), `YYYY-MM-DDThh:mm:ss` otherwise; `hh:mm:ss` for
///   serials below 1 (a time of day); `h:mm:ss` with unbounded hours for elapsed formats. No zone:
///   Excel stores wall-clock time.
/// - 1900 date system: serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was
///   (serial 60, given as the text `1900-02-29`); later serials are one day less than a plain
///   count from 1899-12-31. 1904 system: serial 0 is 1904-01-01.
enum XLSXCellText {
    /// The text of a number cell's stored value, or nil when it is not a finite number.
    static func number(_ raw: String) -> String? {
        let t = raw.trimmedCell
        var digits = Substring(t)
        let negative = digits.hasPrefix("-")
        if negative { digits = digits.dropFirst() }
        if !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            let stripped = digits.drop { $0 == "0" }
            if stripped.isEmpty { return "0" }
            return (negative ? "-" : "") + stripped
        }
        guard let d = Double(t), d.isFinite else { return nil }
        return plain(d)
    }

    /// `d` in the shortest round-trip digits, positional notation.
    static func plain(_ d: Double) -> String {
        if d == 0 { return "0" }
        var s = d.magnitude.description  // shortest round-trip: "41.311", "1e-07", "1.5e+20", "5.0"
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(s[s.index(after: e)...]) ?? 0
            s = String(s[..<e])
        }
        let halves = s.split(separator: ".", omittingEmptySubsequences: false)
        let digits = Array(halves[0] + (halves.count > 1 ? halves[1] : ""))
        let point = halves[0].count + exponent
        var out: String
        if point <= 0 {
            out = "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            out = String(digits) + String(repeating: "0", count: point - digits.count)
        } else {
            out = String(digits[..<point]) + "." + String(digits[point...])
        }
        if out.contains(".") {
            while out.hasSuffix("0") { out.removeLast() }
            if out.hasSuffix(".") { out.removeLast() }
        }
        while out.count > 1, out.hasPrefix("0"), !out.hasPrefix("0.") { out.removeFirst() }
        return (d < 0 ? "-" : "") + out
    }

    /// The ISO 8601 text of serial day number `serial`, or nil when it is negative or beyond
    /// 9999-12-31 (Excel shows `####` then; the caller gives the number instead).
    static func date(serial: Double, kind: XLSXDateFormat.Kind, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        func p(_ v: Int, _ n: Int = 2) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
        func clock(_ s: Int) -> String { "\(p(s / 3600)):\(p(s / 60 % 60)):\(p(s % 60))" }
        if kind == .duration {
            let s = Int((serial * 86_400).rounded())
            return "\(s / 3600):\(p(s / 60 % 60)):\(p(s % 60))"
        }
        var day = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(day)) * 86_400).rounded())
        if seconds >= 86_400 { day += 1; seconds -= 86_400 }
        if serial < 1, day == 0 { return clock(seconds) }
        let dateText: String
        if !date1904 && day == 60 {
            dateText = "1900-02-29"
        } else {
            let days1970: Int
            if date1904 {
                days1970 = DateParsing.daysFromCivil(1904, 1, 1) + day
            } else {
                days1970 = DateParsing.daysFromCivil(1899, 12, day < 60 ? 31 : 30) + day
            }
            let (y, m, d) = DateParsing.civilFromDays(days1970)
            dateText = "\(p(y, 4))-\(p(m))-\(p(d))"
        }
        if kind == .date && seconds == 0 { return dateText }
        return dateText + "T" + clock(seconds)
    }
}
