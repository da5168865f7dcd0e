import Foundation

/// Reading quantities written by hand or by spreadsheets in different locales.
extension IncidentTable {
    /// A non-negative quantity in kilograms from cell text: `12.5`, `12,5` (when `decimalComma`),
    /// `1 234,5` (spaces, no-break and narrow no-break spaces as thousands separators),
    /// `1,234.5` (comma thousands when `decimalComma` is false), an optional `kg` / `кг` suffix.
    /// Exponents, `inf` and `nan` are refused.
    /// - Throws: `FormatError` whose message says the text is not a number, or is negative.
    public static func parseQuantity(_ text: String, decimalComma: Bool) throws -> Double {
        // Plain `digits[.digits]`, by far the usual cell, goes straight to `Double` (the same
        // value the general path reaches after all its checks).
        if text.utf8.first != 0x2B, text.utf8.first != 0x2D, let v = CoordinateParsing.plainDecimal(text), v.isFinite { return v }
        let shown = text.trimmedCell
        var s = shown.lowercased().filter { !$0.isWhitespace && $0 != "\u{A0}" && $0 != "\u{202F}" && $0 != "\u{2009}" }
        for unit in ["kg.", "kg", "кг.", "кг"] where s.hasSuffix(unit) {
            s.removeLast(unit.count)
            break
        }
        if decimalComma {
            s = String(s.map { $0 == "," ? "." : $0 })
        } else if s.contains("," as Character) {
            // Only thousands grouping: 1,234 or 12,345,678.9
            let intPart = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let groups = intPart.split(separator: ",", omittingEmptySubsequences: false)
            let ok = groups.count > 1 && (1...3).contains(groups[0].filter(\.isNumber).count)
                && groups.dropFirst().allSatisfy { $0.count == 3 }
            guard ok else { throw FormatError("'\(shown)' is not a number (comma in a comma-delimited file)") }
            s = s.replacingOccurrences(of: ",", with: "")
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              s.filter({ $0 == "." }).count <= 1, let v = Double(s), v.isFinite else {
            throw FormatError("'\(shown)' is not a number")
        }
        guard v >= 0 else { throw FormatError("quantity \(shown) is negative") }
        return v
    }
}
