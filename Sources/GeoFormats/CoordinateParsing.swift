import Foundation

/// Which coordinate an angle is: decides which hemisphere letters it may carry and its range.
public enum CoordinateAxis: Sendable, Hashable {
    /// North-south, degrees in -90...90; hemisphere N or S (Russian с.ш. / ю.ш.).
    case latitude
    /// East-west, degrees in -180...180; hemisphere E or W (Russian в.д. / з.д.).
    case longitude
}

/// Parses coordinates as analysts type them into spreadsheets.
///
/// Accepted angle forms (degrees; negative for S and W):
/// - decimal degrees `41.311`, `-69.28`, `+41.3`, and `41,311` when `decimalComma` is true
///   (files whose delimiter is not `,`);
/// - degrees, minutes, seconds: `43°15'30"N`, `43°15'30.5"`, `43 15 30 N`, `N43 15 30`,
///   `43°15.5'N`, `43º 15′ 30″ с.ш.`; degree signs `°` `º` `˚`, minute marks `'` `′` `’`,
///   second marks `"` `″` `”` or two minute marks; hemisphere as a prefix or suffix letter
///   N S E W (either case) or Russian с.ш. ю.ш. в.д. з.д.
///
/// Errors are `FormatError`s without file or location whose `message` is the reason in words.
public enum CoordinateParsing {
    /// One angle in degrees. No range check (see `validate(lat:lon:)`): a latitude of 123
    /// parses, so that callers can tell swapped columns from garbage.
    /// - Parameters:
    ///   - text: the cell text.
    ///   - axis: which coordinate the column holds; a hemisphere letter of the other axis is an error.
    ///   - decimalComma: whether `,` may be the decimal separator (default true).
    /// - Throws: `FormatError` naming what is wrong (empty, unexpected character, minutes >= 60, ...).
    public static func parseAngle(_ text: String, axis: CoordinateAxis, decimalComma: Bool = true) throws -> Double {
        if let plain = plainDecimal(text) { return plain }
        var s = Substring(normalisedHemispheres(text))
        trim(&s)
        guard !s.isEmpty else { throw FormatError("no coordinate given") }
        var hemisphere: Character?
        if let f = s.first, "NSEW".contains(f) {
            hemisphere = f
            s.removeFirst()
        } else if let l = s.last, "NSEW".contains(l) {
            hemisphere = l
            s.removeLast()
        }
        trim(&s)
        var negative = false
        if let f = s.first, "-+\u{2212}".contains(f) {
            negative = f != "+"
            s.removeFirst()
            trim(&s)
        }
        let shown = text.trimmedCell
        let value = try dmsValue(s, decimalComma: decimalComma, shown: shown)
        if let h = hemisphere {
            let isLatitudeLetter = h == "N" || h == "S"
            if isLatitudeLetter != (axis == .latitude) {
                throw FormatError("'\(shown)' has hemisphere \(h), which is for \(isLatitudeLetter ? "latitude" : "longitude")")
            }
            if negative { throw FormatError("'\(shown)' has both a minus sign and a hemisphere letter") }
            negative = h == "S" || h == "W"
        }
        return negative ? -value : value
    }

    /// A latitude-longitude pair from one cell, latitude first: `41.31, 69.28`, `41.31 69.28`,
    /// `41,31; 69,28`, `41,31, 69,28` (decimal commas, `decimalComma` true),
    /// `41°18'N 69°16'E` or `N41 18 E69 16`. With hemisphere letters the order may be either
    /// (`69°16'E 41°18'N`).
    /// - Returns: (lat, lon) in degrees, not range-checked.
    /// - Throws: `FormatError` when the cell does not split into two angles or either is invalid.
    public static func parsePair(_ text: String, decimalComma: Bool = true) throws -> (lat: Double, lon: Double) {
        let u = normalisedHemispheres(text).trimmedCell
        let shown = text.trimmedCell
        guard !u.isEmpty else { throw FormatError("no coordinates given") }
        guard let (a, b, halvesUseComma) = split(u, decimalComma: decimalComma) else {
            throw FormatError("'\(shown)' is not a latitude, longitude pair")
        }
        func letter(_ s: Substring) -> Character? {
            let t = s.trimmingCharacters(in: .whitespaces)
            if let f = t.first, "NSEW".contains(f) { return f }
            if let l = t.last, "NSEW".contains(l) { return l }
            return nil
        }
        let lonFirst = (letter(a).map { "EW".contains($0) } ?? false) || (letter(b).map { "NS".contains($0) } ?? false)
        let (latText, lonText) = lonFirst ? (b, a) : (a, b)
        let lat = try parseAngle(String(latText), axis: .latitude, decimalComma: halvesUseComma)
        let lon = try parseAngle(String(lonText), axis: .longitude, decimalComma: halvesUseComma)
        return (lat, lon)
    }

    /// Checks a point: finite, |lat| <= 90, |lon| <= 180, and not (0, 0) — "null island", which
    /// in incident tables is an empty cell exported as zero, never a real place.
    /// - Throws: `FormatError` with the reason.
    public static func validate(lat: Double, lon: Double) throws {
        guard lat.isFinite, lon.isFinite else { throw FormatError("coordinates are not finite numbers") }
        guard abs(lat) <= 90 else { throw FormatError("latitude \(lat) is outside -90...90") }
        guard abs(lon) <= 180 else { throw FormatError("longitude \(lon) is outside -180...180") }
        if lat == 0, lon == 0 { throw FormatError("point is 0, 0 (\"null island\"): coordinates missing") }
    }

    // MARK: - Pieces

    /// `[+-]digits[.digits]` and nothing else, the form nearly every cell has, parsed without
    /// the general path's string work (which cost 40 % of converting a row); nil for any other
    /// text. The value is what the general path gives: the same digits through `Double(_:)`.
    static func plainDecimal(_ text: String) -> Double? {
        var digits = 0, dots = 0, afterDot = 0
        for (i, b) in text.utf8.enumerated() {
            switch b {
            case 0x30...0x39:
                digits += 1
                if dots > 0 { afterDot += 1 }
            case 0x2E where dots == 0 && digits > 0: dots = 1
            case 0x2B where i == 0, 0x2D where i == 0: continue
            default: return nil
            }
        }
        guard digits > 0, dots == 0 || afterDot > 0 else { return nil }
        return Double(text)
    }

    /// Upper-cases and turns Russian hemisphere abbreviations into N S E W.
    static func normalisedHemispheres(_ text: String) -> String {
        var u = text.uppercased()
        // Only Cyrillic text can hold с.ш. etc.; skipping the rest avoids 16 NSString searches per cell.
        guard u.unicodeScalars.contains(where: { (0x400...0x4FF).contains($0.value) }) else { return u }
        for (ru, en) in [("С", "N"), ("Ю", "S"), ("В", "E"), ("З", "W")] {
            let second = ru == "С" || ru == "Ю" ? "Ш" : "Д"
            for form in ["\(ru).\(second).", "\(ru). \(second).", "\(ru).\(second)", "\(ru)\(second)"] {
                u = u.replacingOccurrences(of: form, with: en)
            }
        }
        return u
    }

    private static func trim(_ s: inout Substring) {
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
    }

    /// Splits pair text into two halves; the flag says whether the halves may use decimal commas.
    private static func split(_ u: String, decimalComma: Bool) -> (Substring, Substring, Bool)? {
        let s = Substring(u)
        if let i = s.firstIndex(of: ";"), s.lastIndex(of: ";") == i {
            return (s[..<i], s[s.index(after: i)...], decimalComma)
        }
        let commas = s.indices.filter { s[$0] == "," }
        if commas.count == 1 { return (s[..<commas[0]], s[s.index(after: commas[0])...], false) }
        if commas.count == 3, decimalComma { return (s[..<commas[1]], s[s.index(after: commas[1])...], true) }
        if commas.count == 2, decimalComma {
            // `41,31, 69` or `41, 69,28`: the comma followed by a space separates.
            let spaced = commas.filter { s.index(after: $0) < s.endIndex && s[s.index(after: $0)] == " " }
            if spaced.count == 1 { return (s[..<spaced[0]], s[s.index(after: spaced[0])...], true) }
        }
        if !commas.isEmpty, !decimalComma { return nil }
        // Hemisphere letters: split after the first one (suffix style) or before the second (prefix style).
        let letters = s.indices.filter { "NSEW".contains(s[$0]) }
        if letters.count == 2 {
            let prefixStyle = s[..<letters[0]].allSatisfy(\.isWhitespace)
            let cut = prefixStyle ? letters[1] : s.index(after: letters[0])
            return (s[..<cut], s[cut...], decimalComma)
        }
        guard letters.isEmpty else { return nil }
        let tokens = s.split(whereSeparator: \.isWhitespace)
        guard tokens.count == 2 || tokens.count == 4 || tokens.count == 6 else { return nil }
        let mid = tokens[tokens.count / 2].startIndex
        return (s[..<mid], s[mid...], decimalComma)
    }

    private enum Unit: Int { case degree = 0, minute = 1, second = 2 }

    /// Degrees from `d`, `d m`, `d m s` with optional unit marks.
    private static func dmsValue(_ s: Substring, decimalComma: Bool, shown: String) throws -> Double {
        var parts: [(text: String, unit: Unit?)] = []
        var number = ""
        func close() {
            if !number.isEmpty { parts.append((number, nil)) }
            number = ""
        }
        func mark(_ unit: Unit) throws {
            close()
            guard let last = parts.last else { throw FormatError("'\(shown)' has a unit mark without a number") }
            if unit == .minute, last.unit == .minute {
                parts[parts.count - 1].unit = .second  // '' used as a second mark
                return
            }
            guard last.unit == nil else { throw FormatError("'\(shown)' has two unit marks in a row") }
            parts[parts.count - 1].unit = unit
        }
        for c in s {
            if c.isASCII, c.isNumber {
                number.append(c)
            } else if c == "." || (c == "," && decimalComma) {
                guard !number.contains("." as Character) else { throw FormatError("'\(shown)' has two decimal separators in one number") }
                number.append(".")
            } else if "°º˚".contains(c) {
                try mark(.degree)
            } else if "'′’‘`".contains(c) {
                try mark(.minute)
            } else if "\"″”“".contains(c) {
                try mark(.second)
            } else if c.isWhitespace {
                close()
            } else if c == "," {
                throw FormatError("'\(shown)' has a decimal comma, which is read only in files delimited by ; or tab")
            } else {
                throw FormatError("'\(shown)' is not a coordinate (unexpected '\(c)')")
            }
        }
        close()
        guard !parts.isEmpty else { throw FormatError("'\(shown)' has no number") }
        guard parts.count <= 3 else { throw FormatError("'\(shown)' has more than degrees, minutes and seconds") }
        var total = 0.0
        for (i, p) in parts.enumerated() {
            if let u = p.unit, u.rawValue != i {
                throw FormatError("'\(shown)' has its degree, minute and second marks out of order")
            }
            guard p.text != ".", let v = Double(p.text) else { throw FormatError("'\(shown)' has a malformed number '\(p.text)'") }
            if i < parts.count - 1, p.text.contains("." as Character) {
                throw FormatError("'\(shown)': only the last of degrees, minutes, seconds may have a fraction")
            }
            if i > 0, v >= 60 { throw FormatError("'\(shown)': \(i == 1 ? "minutes" : "seconds") must be below 60") }
            total += v / [1.0, 60.0, 3600.0][i]
        }
        return total
    }
}
