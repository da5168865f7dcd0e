import Foundation

/// The character encoding of DBF text, chosen from a `.cpg` file or the DBF language-driver byte.
///
/// The single-byte code pages are decoded and encoded with tables in this module, so results do
/// not depend on which encodings Foundation supports on the platform (CP866 is missing on Linux).
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    /// UTF-8; the default when neither `.cpg` nor the language-driver byte says anything.
    case utf8 = "UTF-8"
    /// Windows-1251 (Cyrillic, ANSI).
    case windows1251 = "CP1251"
    /// IBM 866 (Cyrillic, DOS).
    case cp866 = "CP866"
    /// Windows-1252 (Western European, ANSI).
    case windows1252 = "CP1252"
    /// ISO-8859-1 (Latin-1).
    case iso8859_1 = "ISO-8859-1"

    /// Reads the text of a `.cpg` file: `UTF-8`, `UTF8`, `1251`, `CP1251`, `windows-1251`,
    /// `ANSI 1251`, `866`, `CP866`, `IBM866`, `1252`, `CP1252`, `ISO-8859-1`, `88591`, `LATIN1`...
    /// Case, spaces, dashes and underscores are ignored. Returns nil for anything else.
    public init?(codePageName text: String) {
        var key = String(String.UnicodeScalarView(text.uppercased().unicodeScalars.filter { !" \t\r\n-_".unicodeScalars.contains($0) }))
        for prefix in ["ANSI", "WINDOWS", "CP", "IBM", "OEM"] where key.hasPrefix(prefix) {
            key.removeFirst(prefix.count)
            break
        }
        switch key {
        case "UTF8": self = .utf8
        case "1251": self = .windows1251
        case "866": self = .cp866
        case "1252": self = .windows1252
        case "ISO88591", "88591", "LATIN1", "28591": self = .iso8859_1
        default: return nil
        }
    }

    /// The encoding a DBF language-driver ID (header byte 29) names, or nil when the byte is 0
    /// or names a code page this module does not decode (437, 850, 1250, ...).
    ///
    /// Values follow the dBASE / ESRI language-driver list as GDAL's shapefile driver reads it
    /// (checked with GDAL 3.6): 0x03, 0x58, 0x59 CP1252; 0x57 ("current ANSI") ISO-8859-1, which
    /// is what GDAL decodes it as; 0x26, 0x65 CP866; 0xC9 CP1251.
    public init?(languageDriverID ldid: UInt8) {
        switch ldid {
        case 0x03, 0x58, 0x59: self = .windows1252
        case 0x26, 0x65: self = .cp866
        case 0x57: self = .iso8859_1
        case 0xC9: self = .windows1251
        default: return nil
        }
    }

    /// The language-driver byte a writer stores for this encoding (0 for UTF-8, which has none).
    public var languageDriverID: UInt8 {
        switch self {
        case .utf8: 0x00
        case .windows1251: 0xC9
        case .cp866: 0x65
        case .windows1252: 0x03
        case .iso8859_1: 0x57
        }
    }

    /// Decodes `bytes`. Returns the text and whether the input was invalid (only UTF-8 can be:
    /// invalid sequences become U+FFFD, a lossy decode the caller reports as a warning).
    public func decode<C: Collection>(_ bytes: C) -> (text: String, lossy: Bool) where C.Element == UInt8 {
        let table: [UInt16]
        switch self {
        case .utf8:
            if let s = String(validating: bytes, as: UTF8.self) { return (s, false) }
            return (String(decoding: bytes, as: UTF8.self), true)
        case .iso8859_1:
            var s = String.UnicodeScalarView()
            for b in bytes { s.append(Unicode.Scalar(b)) }
            return (String(s), false)
        case .windows1251: table = SingleByteTables.windows1251
        case .cp866: table = SingleByteTables.cp866
        case .windows1252: table = SingleByteTables.windows1252
        }
        var s = String.UnicodeScalarView()
        for b in bytes {
            let v = b < 0x80 ? UInt16(b) : table[Int(b) - 0x80]
            // Table entries are BMP scalars, never surrogates, so the fallback is unreachable.
            s.append(Unicode.Scalar(v) ?? "\u{FFFD}")
        }
        return (String(s), false)
    }

    /// Encodes `text`; characters the code page lacks become `?`. Returns the bytes and whether
    /// any character was replaced.
    public func encode(_ text: String) -> (bytes: [UInt8], lossy: Bool) {
        let reverse: [UInt32: UInt8]
        switch self {
        case .utf8: return (Array(text.utf8), false)
        case .iso8859_1:
            var lossy = false
            let out = text.unicodeScalars.map { u -> UInt8 in
                if u.value < 0x100 { return UInt8(u.value) }
                lossy = true
                return 0x3F
            }
            return (out, lossy)
        case .windows1251: reverse = SingleByteTables.reverse1251
        case .cp866: reverse = SingleByteTables.reverse866
        case .windows1252: reverse = SingleByteTables.reverse1252
        }
        var lossy = false
        let out = text.unicodeScalars.map { u -> UInt8 in
            if u.value < 0x80 { return UInt8(u.value) }
            if let b = reverse[u.value] { return b }
            lossy = true
            return 0x3F
        }
        return (out, lossy)
    }
}
