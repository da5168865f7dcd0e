import Foundation
import GeoCore

/// Reads the attribute table (`.dbf`) of a shapefile, record by record, from a file or memory.
///
/// Text is decoded with, in order: the `encoding` argument, the `.cpg` file beside a path, the
/// language-driver byte (header offset 29), and UTF-8. Invalid UTF-8 is decoded lossily
/// (U+FFFD) and noted in `warnings`, because GDAL and others routinely write text cut in the
/// middle of a multi-byte character at the field width. Empty text and blank or `*`-filled
/// numbers read as `.null`, as GDAL reads them. Not thread-safe.
public final class DBFReader {
    /// The columns, in file order.
    public let fields: [DBFField]
    /// Records in the file, deleted ones included.
    public let recordCount: Int
    /// The encoding used for text.
    public let encoding: TextEncoding
    /// The language-driver byte (header offset 29).
    public let languageDriverID: UInt8
    /// Problems that did not stop reading (at most 100 kept), e.g. invalid UTF-8 or an
    /// unsupported field type read as text.
    public private(set) var warnings: [String] = []

    private let source: ByteSource
    private let header: DBFHeader

    /// Reads a DBF held in memory (e.g. for fuzzing). `name` labels errors.
    /// Throws `FormatError` when the header is invalid.
    public convenience init(data: Data, encoding: TextEncoding? = nil, name: String? = nil) throws {
        try self.init(source: MemoryByteSource(data, name: name), encoding: encoding)
    }

    /// Opens the DBF at `path`; reads a `.cpg` beside it when `encoding` is nil.
    /// Throws `FormatError` when the file cannot be opened or its header is invalid.
    public convenience init(path: String, encoding: TextEncoding? = nil) throws {
        var enc = encoding
        var cpgWarning: String?
        if enc == nil {
            let cpg = (path as NSString).deletingPathExtension
            for ext in ["cpg", "CPG"] {
                guard let text = try? String(contentsOfFile: cpg + "." + ext, encoding: .utf8) else { continue }
                enc = TextEncoding(codePageName: text)
                if enc == nil { cpgWarning = "\(cpg).\(ext): unknown code page '\(text.trimmingCharacters(in: .whitespacesAndNewlines))', ignored" }
                break
            }
        }
        try self.init(source: FileByteSource(path: path), encoding: enc)
        if let cpgWarning { warn(cpgWarning) }
    }

    init(source: ByteSource, encoding: TextEncoding?) throws {
        self.source = source
        header = try DBFHeader.read(from: source, encoding: encoding)
        fields = header.fields.map(\.field)
        recordCount = header.recordCount
        languageDriverID = header.languageDriverID
        self.encoding = encoding ?? TextEncoding(languageDriverID: header.languageDriverID) ?? .utf8
        for f in fields where !"CNFLD".contains(f.typeCode) {
            warn("field '\(f.name)' has type '\(f.typeCode)', read as text")
        }
    }

    func warn(_ message: String) {
        if warnings.count < 100 { warnings.append(message) }
    }

    /// The attributes of record `index` (0-based), or nil when the record is marked deleted.
    /// Throws `FormatError` (with `row n`, 1-based) when the index is out of range or the
    /// record cannot be read.
    public func record(at index: Int) throws -> [String: PropertyValue]? {
        guard index >= 0, index < recordCount else {
            throw FormatError(file: source.name, location: "row \(index + 1)", "no such record; the table has \(recordCount)")
        }
        let bytes = try source.read(at: header.headerLength + index * header.recordLength, count: header.recordLength)
        if bytes[0] == 0x2A { return nil }
        var out: [String: PropertyValue] = [:]
        for (field, offset, _) in header.fields {
            out[field.name] = value(bytes[offset..<(offset + field.length)], field, row: index + 1)
        }
        return out
    }

    /// Every record that is not deleted, in order. Reads the whole table into memory.
    public func readAll() throws -> [[String: PropertyValue]] {
        var rows: [[String: PropertyValue]] = []
        for i in 0..<recordCount { if let r = try record(at: i) { rows.append(r) } }
        return rows
    }

    private func value(_ raw: ArraySlice<UInt8>, _ field: DBFField, row: Int) -> PropertyValue {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0 }
        guard let start = raw.firstIndex(where: { !isSpace($0) }), let last = raw.lastIndex(where: { !isSpace($0) }) else { return .null }
        let bytes = raw[start...last]
        let ascii = String(decoding: bytes, as: UTF8.self)
        switch field.typeCode {
        case "N", "F":
            if bytes.first == 0x2A { return .null }
            if field.field.type == .integer, let i = Int64(ascii) { return .integer(i) }
            if let d = Double(ascii) {
                if field.field.type == .integer, d == d.rounded(), abs(d) < 9.2e18 { return .integer(Int64(d)) }
                return .double(d)
            }
            warn("row \(row): field '\(field.name)': '\(ascii)' is not a number, read as null")
            return .null
        case "L":
            switch bytes.first {
            case UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: "Y"), UInt8(ascii: "y"): return .bool(true)
            case UInt8(ascii: "F"), UInt8(ascii: "f"), UInt8(ascii: "N"), UInt8(ascii: "n"): return .bool(false)
            default: return .null
            }
        case "D":
            if ascii == "00000000" || ascii == "0" { return .null }
            if let d = CalendarDate(iso: ascii) { return .date(d) }
            warn("row \(row): field '\(field.name)': '\(ascii)' is not a YYYYMMDD date, read as null")
            return .null
        default:
            let (text, lossy) = encoding.decode(bytes)
            if lossy { warn("row \(row): field '\(field.name)': invalid \(encoding.rawValue) text, decoded with U+FFFD replacements") }
            return .string(text)
        }
    }
}
