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
    /// `raw` without ASCII whitespace at either end (numbers in `<v>` are rarely padded, so
    /// this is usually `raw` itself).
    static func trimmed(_ raw: String) -> String {
        func space(_ b: UInt8?) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        return space(raw.utf8.first) || space(raw.utf8.last) ? raw.trimmedCell : raw
    }

    /// The text of a number cell's stored value, or nil when it is not a finite number.
    static func number(_ raw: String) -> String? {
        let t = trimmed(raw)
        let u = t.utf8
        let negative = u.first == 0x2D
        let digits = negative ? u.dropFirst() : u[...]
        if !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) {
            let stripped = digits.drop { $0 == 0x30 }
            if stripped.isEmpty { return "0" }
            if !negative, stripped.count == u.count { return t }
            return (negative ? "-" : "") + String(decoding: stripped, as: UTF8.self)
        }
        guard let d = Double(t), d.isFinite else { return nil }
        return plain(d)
    }

    /// `d` in the shortest round-trip digits, positional notation.
    static func plain(_ d: Double) -> String {
        if d == 0 { return "0" }
        let description = d.description  // shortest round-trip: "41.311", "-1e-07", "1.5e+20", "5.0"
        var desc = Array(description.utf8)
        guard let e = desc.firstIndex(where: { $0 == 0x65 || $0 == 0x45 }) else {
            if desc.count > 2, desc[desc.count - 2] == 0x2E, desc[desc.count - 1] == 0x30 { desc.removeLast(2) }
            return String(decoding: desc, as: UTF8.self)
        }
        let exponent = Int(String(decoding: desc[(e + 1)...], as: UTF8.self)) ?? 0
        var digits: [UInt8] = [], point = 0, seenPoint = false
        for b in desc[..<e] where b != 0x2D {
            if b == 0x2E { seenPoint = true; continue }
            digits.append(b)
            if !seenPoint { point += 1 }
        }
        point += exponent
        var out: [UInt8] = d < 0 ? [0x2D] : []
        if point <= 0 {
            out += [0x30, 0x2E] + Array(repeating: 0x30, count: -point) + digits
        } else if point >= digits.count {
            out += digits + Array(repeating: 0x30, count: point - digits.count)
        } else {
            out += digits[..<point] + [0x2E] + digits[point...]
        }
        if out.contains(0x2E) {
            while out.last == 0x30 { out.removeLast() }
            if out.last == 0x2E { out.removeLast() }
        }
        return String(decoding: out, as: UTF8.self)
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
