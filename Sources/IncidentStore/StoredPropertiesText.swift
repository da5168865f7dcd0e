/// The stored `properties` column (`SQLiteRowDecoder.encode`: a JSON object of strings, keys
/// sorted, RFC 8259 escapes) read without decoding: when the text is exactly what `encode`
/// writes, its members are already the text `IncidentGeoJSON.appendFreeProperties` would write
/// for the decoded dictionary, and the GeoJSON stream copies them through.
enum StoredPropertiesText {
    /// The range of the members of `text` (between the braces; empty for `{}`), or nil unless
    /// `text` is canonical: no whitespace; every key ASCII without escapes, in strictly
    /// increasing byte order (which is Swift's `String` order for ASCII), and not a field name
    /// (`IncidentGeoJSON.fields` win over free properties); every value a string of valid UTF-8
    /// with only the escapes `GeoJSONText.appendString` writes (`\"` `\\` `\n` `\r` `\t`, else
    /// `\u00xx` in lowercase hex for the other control characters). Nil means: decode it.
    static func canonicalMembers(_ text: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let n = text.count
        guard n >= 2, text[0] == UInt8(ascii: "{"), text[n - 1] == UInt8(ascii: "}") else { return nil }
        if n == 2 { return 1..<1 }
        var i = 1
        var previousKey: Range<Int>? = nil
        while true {
            guard let key = keyEnd(text, from: i) else { return nil }
            let keyRange = (i + 1)..<(key - 1)
            if let p = previousKey, !text[p].lexicographicallyPrecedes(text[keyRange]) { return nil }
            if isFieldName(text[keyRange]) { return nil }
            previousKey = keyRange
            guard key < n, text[key] == UInt8(ascii: ":"), let value = valueEnd(text, from: key + 1), value < n else { return nil }
            if text[value] == UInt8(ascii: ",") { i = value + 1; continue }
            return value == n - 1 ? 1..<(n - 1) : nil
        }
    }

    /// The index after a key string starting at `i`: printable ASCII without `"` or `\`.
    private static func keyEnd(_ t: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
        guard i < t.count, t[i] == UInt8(ascii: "\"") else { return nil }
        var j = i + 1
        while j < t.count {
            let b = t[j]
            if b == UInt8(ascii: "\"") { return j + 1 }
            if b < 0x20 || b >= 0x80 || b == UInt8(ascii: "\\") { return nil }
            j += 1
        }
        return nil
    }

    /// The index after a canonical value string starting at `i`.
    private static func valueEnd(_ t: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
        guard i < t.count, t[i] == UInt8(ascii: "\"") else { return nil }
        var j = i + 1
        var ascii = true
        while j < t.count {
            let b = t[j]
            switch b {
            case UInt8(ascii: "\""):
                return ascii || isValidUTF8(t[(i + 1)..<j]) ? j + 1 : nil
            case UInt8(ascii: "\\"):
                guard j + 1 < t.count else { return nil }
                switch t[j + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"): j += 2
                case UInt8(ascii: "u"):
                    guard j + 5 < t.count, t[j + 2] == UInt8(ascii: "0"), t[j + 3] == UInt8(ascii: "0"),
                          let hi = hexDigit(t[j + 4]), hi <= 1, let lo = hexDigit(t[j + 5]) else { return nil }
                    let c = hi * 16 + lo
                    if c == 0x0A || c == 0x0D || c == 0x09 { return nil }
                    j += 6
                default: return nil
                }
            case 0..<0x20: return nil
            default:
                if b >= 0x80 { ascii = false }
                j += 1
            }
        }
        return nil
    }

    /// The value of a lowercase hex digit.
    private static func hexDigit(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private static let fieldNames: [[UInt8]] = IncidentGeoJSON.fields.map { Array($0.name.utf8) }

    private static func isFieldName(_ key: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        fieldNames.contains { $0.count == key.count && $0.elementsEqual(key) }
    }

    /// Well-formed UTF-8 (Unicode 15 table 3-7: no overlongs, surrogates or values past U+10FFFF).
    static func isValidUTF8(_ s: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var i = s.startIndex
        let end = s.endIndex
        func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool { k < end && range.contains(s[k]) }
        while i < end {
            let b = s[i]
            switch b {
            case 0x00...0x7F: i += 1
            case 0xC2...0xDF:
                guard continuation(i + 1) else { return false }
                i += 2
            case 0xE0...0xEF:
                let second: ClosedRange<UInt8> = b == 0xE0 ? 0xA0...0xBF : b == 0xED ? 0x80...0x9F : 0x80...0xBF
                guard continuation(i + 1, second), continuation(i + 2) else { return false }
                i += 3
            case 0xF0...0xF4:
                let second: ClosedRange<UInt8> = b == 0xF0 ? 0x90...0xBF : b == 0xF4 ? 0x80...0x8F : 0x80...0xBF
                guard continuation(i + 1, second), continuation(i + 2), continuation(i + 3) else { return false }
                i += 4
            default: return false
            }
        }
        return true
    }
}
