/// JSON text for code that writes JSON by hand (styles, stored properties, HTTP answers).
public enum JSONText {
    /// `s` as a JSON string literal: quotes and backslashes escaped, control characters as
    /// `\n` `\r` `\t` or `\u00XX` (RFC 8259 section 7); everything else as is (UTF-8 output).
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
