/// Recognises number formats that show a cell as a date, time or duration.
///
/// Built-in formats (ECMA-376 Part 1, 18.8.30): 14-17 dates, 18-21, 45 and 47 times,
/// 22 date and time, 46 `[h]:mm:ss` elapsed time. A custom format code is a date format when
/// its first section (before `;`) has a `d`, `m`, `y`, `h` or `s` token outside quoted text
/// (`"..."`), escaped characters (`\x`), padding (`_x`, `*x`) and brackets (`[Red]`,
/// `[$-409]`); `[h]`, `[mm]`, `[ss]` in brackets make it an elapsed duration.
public enum XLSXDateFormat {
    /// How a date-formatted serial number is shown.
    public enum Kind: Sendable, Hashable {
        /// A calendar date (`dd.mm.yyyy`).
        case date
        /// A date with a time of day (`yyyy-mm-dd hh:mm`).
        case dateTime
        /// A time of day only (`hh:mm`).
        case time
        /// Elapsed time (`[h]:mm:ss`).
        case duration
    }

    /// The kind of format `numFmtId` (with its code, for custom formats), or nil for a
    /// format that does not show dates.
    public static func kind(numFmtId: Int, formatCode: String?) -> Kind? {
        switch numFmtId {
        case 14...17: return .date
        case 18...21, 45, 47: return .time
        case 22: return .dateTime
        case 46: return .duration
        default: break
        }
        guard let code = formatCode else { return nil }
        var hasDate = false, hasTime = false, hasMonthOrMinute = false, elapsed = false
        var chars = code.lowercased().makeIterator()
        scan: while let c = chars.next() {
            switch c {
            case ";": break scan
            case "\"": while let q = chars.next(), q != "\"" {}
            case "\\", "_", "*": _ = chars.next()
            case "[":
                var inside = ""
                while let b = chars.next(), b != "]" { inside.append(b) }
                if !inside.isEmpty, let first = inside.first, "hms".contains(first), inside.allSatisfy({ $0 == first }) { elapsed = true }
            case "d", "y": hasDate = true
            case "h", "s": hasTime = true
            case "m": hasMonthOrMinute = true
            default: break
            }
        }
        if elapsed { return .duration }
        if hasDate { return hasTime ? .dateTime : .date }
        if hasTime { return .time }
        return hasMonthOrMinute ? .date : nil
    }
}
