import Foundation
import GeoCore

/// GeoPackage DATETIME values: text `YYYY-MM-DDTHH:MM:SS.SSSZ` in UTC (OGC 12-128r18 §1.1.1.1.1,
/// "ISO-8601 ... in UTC"), made from ISO 8601 text or from unix seconds.
enum GeoPackageDateTime {
    /// Milliseconds since 1970-01-01T00:00:00Z of ISO 8601 text, or nil when it is not one of:
    /// `YYYY-MM-DD`, or that followed by `T` or a space and `HH:MM`, `HH:MM:SS` or
    /// `HH:MM:SS.fraction` (any number of fraction digits, rounded to the millisecond), then
    /// optionally `Z`, `±HH:MM`, `±HHMM` or `±HH`. Text without a zone is taken as UTC.
    static func milliseconds(iso text: String) -> Int64? {
        let s = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= s.count else { return nil }
            var v = 0
            for k in i..<(i + digits) {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(s[k]) else { return nil }
                v = v * 10 + Int(s[k] - UInt8(ascii: "0"))
            }
            i += digits
            return v
        }
        func expect(_ c: Character) -> Bool {
            guard i < s.count, s[i] == c.asciiValue else { return false }
            i += 1
            return true
        }
        guard let y = number(4), expect("-"), let mo = number(2), expect("-"), let d = number(2),
              let date = CalendarDate(year: y, month: mo, day: d) else { return nil }
        var millisOfDay = 0
        var offsetMinutes = 0
        if i < s.count {
            guard expect("T") || expect(" ") else { return nil }
            guard let h = number(2), h < 24, expect(":"), let mi = number(2), mi < 60 else { return nil }
            var sec = 0, frac = 0.0
            if expect(":") {
                guard let v = number(2), v < 60 else { return nil }
                sec = v
                if expect(".") || expect(",") {
                    var scale = 0.1, digits = 0
                    while i < s.count, let v = number(1) {
                        frac += Double(v) * scale
                        scale /= 10
                        digits += 1
                    }
                    guard digits > 0 else { return nil }
                }
            }
            millisOfDay = ((h * 60 + mi) * 60 + sec) * 1000 + Int((frac * 1000).rounded())
            if expect("Z") || expect("z") {
            } else if i < s.count {
                let sign: Int
                if expect("+") { sign = 1 } else if expect("-") { sign = -1 } else { return nil }
                guard let oh = number(2), oh <= 14 else { return nil }
                var om = 0
                if expect(":") {
                    guard let v = number(2) else { return nil }
                    om = v
                } else if i < s.count {
                    guard let v = number(2) else { return nil }
                    om = v
                }
                guard om < 60 else { return nil }
                offsetMinutes = sign * (oh * 60 + om)
            }
            guard i == s.count else { return nil }
        }
        let days = Int64(date.daysSinceEpoch)
        return days * 86_400_000 + Int64(millisOfDay) - Int64(offsetMinutes) * 60_000
    }

    /// `YYYY-MM-DDTHH:MM:SS.SSSZ` of milliseconds since the unix epoch (years 0...9999).
    static func text(milliseconds ms: Int64) -> String {
        let days = ms >= 0 ? ms / 86_400_000 : -((-ms + 86_399_999) / 86_400_000)
        var rest = Int(ms - days * 86_400_000)
        let (y, m, d) = CalendarDate.civil(daysSinceEpoch: Int(days))
        let millis = rest % 1000
        rest /= 1000
        let sec = rest % 60, min = (rest / 60) % 60, hour = rest / 3600
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(hour, 2)):\(pad(min, 2)):\(pad(sec, 2)).\(pad(millis, 3))Z"
    }

    /// The DATETIME text of ISO 8601 text (see `milliseconds(iso:)`), or nil.
    static func text(iso: String) -> String? {
        milliseconds(iso: iso).map { text(milliseconds: $0) }
    }

    /// The DATETIME text of unix seconds, rounded to the millisecond; nil when not finite or
    /// outside years 0...9999.
    static func text(unixSeconds: Double) -> String? {
        let ms = (unixSeconds * 1000).rounded()
        guard ms.isFinite, ms >= -62_167_219_200_000, ms < 253_402_300_800_000 else { return nil }
        return text(milliseconds: Int64(ms))
    }

    private static func pad(_ v: Int, _ n: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, n - s.count)) + s
    }
}
