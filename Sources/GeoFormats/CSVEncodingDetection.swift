/// Decides the text encoding of a CSV file from its bytes when the caller does not say.
///
/// The rule: a UTF-8 byte-order mark means UTF-8. Otherwise, bytes that are valid UTF-8 and
/// contain non-ASCII characters mean UTF-8, and invalid UTF-8 means Windows-1251 — the ANSI code
/// page Excel writes in Russian, Kazakh, Kyrgyz, Tajik and Uzbek (Cyrillic) locales.
///
/// Why this is safe enough: Cyrillic letters in Windows-1251 are bytes 0xC0-0xFF; in valid UTF-8
/// each such lead byte must be followed by a continuation byte 0x80-0xBF, which in Windows-1251
/// are rare punctuation and Serbian/Macedonian letters. A run of Russian text in Windows-1251 is
/// therefore invalid UTF-8 after its first two letters. Pure ASCII decides nothing; the reader
/// then waits for the first non-ASCII field and decides from it and the bytes after it.
enum CSVEncodingDetection {
    /// The UTF-8 byte-order mark.
    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The verdict on a sample of bytes.
    enum Verdict: Equatable {
        /// Only ASCII: nothing decided.
        case ascii
        case utf8
        case windows1251
    }

    /// Judges `bytes`, a sample that may stop in the middle of a UTF-8 sequence (a truncated last
    /// sequence is not held against UTF-8).
    static func judge(_ bytes: ArraySlice<UInt8>) -> Verdict {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return .ascii }
        var end = bytes.endIndex
        // Drop an incomplete sequence at the end: find the last lead byte among the last 3.
        var i = end
        while i > bytes.startIndex, end - i < 4 {
            i -= 1
            let b = bytes[i]
            if b & 0xC0 == 0x80 { continue }
            let need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            if end - i < need { end = i }
            break
        }
        return String(validating: bytes[bytes.startIndex..<end], as: UTF8.self) == nil ? .windows1251 : .utf8
    }

    /// True when the bytes start with the UTF-16 byte-order mark (Excel's "Unicode Text" export),
    /// which this reader does not decode.
    static func hasUTF16BOM(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 2 else { return false }
        let a = bytes[bytes.startIndex], b = bytes[bytes.startIndex + 1]
        return (a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF)
    }
}
