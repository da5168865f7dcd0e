import Foundation

/// Reads a CSV file record by record: RFC 4180 as Excel writes it in practice.
///
/// - Delimiter `,` `;` or tab, sniffed from the first records unless given (`CSVDelimiterSniffer`)
///   or declared by Excel's `sep=;` first line (which is skipped, so the header is then row 2).
/// - Quoted fields may hold delimiters, line breaks and doubled quotes (`""`). A quote inside an
///   unquoted field is an ordinary character (`43°15'30"N`); text after a closing quote is kept
///   (`"ab"c` reads `abc`), as Python's csv module does.
/// - Line breaks CRLF, LF or CR, mixed freely. Blank lines are skipped (but counted in rows).
/// - UTF-8 with or without byte-order mark, or any `TextEncoding`; detected when not given
///   (`CSVEncodingDetection`). UTF-16 (Excel's "Unicode Text") is refused with a `FormatError`.
/// - Each record knows the 1-based physical line it starts on (`CSVRecord.row`, header = 1).
///
/// Memory is bounded: the file is read in 64 KiB chunks, and a field longer than
/// `CSVOptions.maxFieldBytes` (a quote never closed, usually) or a record over `maxRecordBytes`
/// or `maxFields` throws a `FormatError` with the row where the record starts.
/// Not thread-safe; one reader per task.
public final class CSVReader {
    static let chunkSize = 64 * 1024

    /// The path as given, or the name passed with in-memory data (used in errors).
    public let file: String?
    /// The delimiter in use (given or sniffed).
    public let delimiter: CSVDelimiter
    /// The encoding in use: given, detected from the first 64 KiB, or detected at the first
    /// non-ASCII field. Nil while the file so far is pure ASCII (which decodes the same in all).
    public private(set) var encoding: TextEncoding?
    /// True when the file starts with a UTF-8 byte-order mark (skipped).
    public let hasByteOrderMark: Bool

    private let source: ByteSource
    private let options: CSVOptions
    private var chunk: [UInt8]
    private var chunkEnd: Int  // absolute offset just past `chunk`
    private var pos: Int       // index into `chunk`
    private var line = 1

    /// Opens the file at `path`.
    /// - Throws: `FormatError` when the file cannot be opened or is UTF-16.
    public convenience init(path: String, options: CSVOptions = CSVOptions()) throws {
        try self.init(source: FileByteSource(path: path), options: options)
    }

    /// Reads CSV held in memory (an HTTP body, say); `name` is used in errors.
    /// - Throws: `FormatError` when the data is UTF-16.
    public convenience init(data: Data, name: String? = nil, options: CSVOptions = CSVOptions()) throws {
        try self.init(source: MemoryByteSource(data, name: name), options: options)
    }

    init(source: ByteSource, options: CSVOptions) throws {
        self.source = source
        self.options = options
        file = source.name
        let first = try source.read(at: 0, count: min(Self.chunkSize, source.size))
        if CSVEncodingDetection.hasUTF16BOM(first[...]) {
            throw FormatError(file: source.name, location: "row 1",
                              "the file is UTF-16 (Excel \"Unicode Text\"); save it as \"CSV UTF-8\" instead")
        }
        hasByteOrderMark = first.starts(with: CSVEncodingDetection.utf8BOM)
        chunk = first
        chunkEnd = first.count
        pos = hasByteOrderMark ? 3 : 0
        // Excel's `sep=;` first line names the delimiter; it is skipped (and counted as row 1).
        var declared: CSVDelimiter?
        let sep = Array("sep=".utf8)
        if first[pos...].starts(with: sep), first.count > pos + 4, let d = CSVDelimiter(rawValue: first[pos + 4]) {
            var end = pos + 5
            if end < first.count, first[end] == 0x0D { end += 1 }
            if end < first.count, first[end] == 0x0A { end += 1 }
            if end == first.count || end > pos + 5 {
                declared = d
                pos = end
                line = 2
            }
        }
        let body = first[pos...]
        delimiter = options.delimiter ?? declared ?? CSVDelimiterSniffer.sniff(body, complete: first.count == source.size)
        if let given = options.encoding {
            encoding = given
        } else if hasByteOrderMark {
            encoding = .utf8
        } else {
            switch CSVEncodingDetection.judge(body) {
            case .ascii: encoding = nil
            case .utf8: encoding = .utf8
            case .windows1251: encoding = .windows1251
            }
        }
    }

    /// Reads every remaining record into an array (for small files and tests).
    /// - Throws: `FormatError` as `next()` does.
    public func readAll() throws -> [CSVRecord] {
        var out: [CSVRecord] = []
        while let r = try next() { out.append(r) }
        return out
    }

    /// The next record, or nil at the end of the file.
    /// - Throws: `FormatError` with the record's row for an oversized field or record, or a
    ///   quoted field still open at the end of the file; also when the file cannot be read.
    ///   After an error the reader stands inside the broken record: stop reading the file.
    public func next() throws -> CSVRecord? {
        enum State { case fieldStart, unquoted, quoted, afterQuote }
        let delim = delimiter.rawValue
        var state = State.fieldStart
        var fields: [String] = []
        var field: [UInt8] = []
        var recordBytes = 0
        var sawQuote = false
        var invalid = false
        var startRow = line
        var quoteRow = line

        func finishField() throws {
            recordBytes += field.count
            if recordBytes > options.maxRecordBytes {
                throw error(startRow, "record is longer than \(options.maxRecordBytes) bytes")
            }
            if fields.count >= options.maxFields {
                throw error(startRow, "record has more than \(options.maxFields) fields")
            }
            fields.append(decode(field, invalid: &invalid))
            field.removeAll(keepingCapacity: true)
        }
        func append(_ b: UInt8) throws {
            field.append(b)
            if field.count > options.maxFieldBytes {
                let hint = state == .quoted ? " (a quote opened on row \(quoteRow) that is never closed?)" : ""
                throw error(startRow, "field \(fields.count + 1) is longer than \(options.maxFieldBytes) bytes\(hint)")
            }
        }

        while true {
            guard let b = try nextByte() else {
                if state == .quoted {
                    throw error(startRow, "quoted field \(fields.count + 1) opened on row \(quoteRow) is never closed")
                }
                if state == .fieldStart, fields.isEmpty, !sawQuote { return nil }
                try finishField()
                return CSVRecord(row: startRow, fields: fields, hasInvalidText: invalid)
            }
            let isBreak = b == 0x0A || b == 0x0D
            var crlf = false
            if b == 0x0D, try peekByte() == 0x0A {
                pos += 1
                crlf = true
            }
            if isBreak { line += 1 }
            switch state {
            case .fieldStart, .unquoted, .afterQuote:
                if b == 0x22, state == .fieldStart {
                    state = .quoted
                    sawQuote = true
                    quoteRow = line
                } else if b == 0x22, state == .afterQuote {
                    try append(b)  // "" inside quotes
                    state = .quoted
                } else if b == delim {
                    try finishField()
                    state = .fieldStart
                } else if isBreak {
                    if state == .fieldStart, fields.isEmpty, !sawQuote {
                        startRow = line  // blank line
                        continue
                    }
                    try finishField()
                    return CSVRecord(row: startRow, fields: fields, hasInvalidText: invalid)
                } else {
                    try append(b)
                    state = .unquoted
                }
            case .quoted:
                if b == 0x22 {
                    state = .afterQuote
                } else {
                    try append(b)
                    if crlf { try append(0x0A) }
                }
            }
        }
    }

    private func error(_ row: Int, _ message: String) -> FormatError {
        FormatError(file: file, location: "row \(row)", message)
    }

    private func decode(_ bytes: [UInt8], invalid: inout Bool) -> String {
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if encoding == nil {
            // First non-ASCII text: judge this field together with what follows it in the chunk.
            var sample = bytes
            sample.append(contentsOf: chunk[min(pos, chunk.count)...])
            encoding = CSVEncodingDetection.judge(sample[...]) == .utf8 ? .utf8 : .windows1251
        }
        let (text, lossy) = (encoding ?? .utf8).decode(bytes)
        if lossy { invalid = true }
        return text
    }

    private func nextByte() throws -> UInt8? {
        if pos >= chunk.count, try !refill() { return nil }
        let b = chunk[pos]
        pos += 1
        return b
    }

    private func peekByte() throws -> UInt8? {
        if pos >= chunk.count, try !refill() { return nil }
        return chunk[pos]
    }

    private func refill() throws -> Bool {
        guard chunkEnd < source.size else { return false }
        chunk = try source.read(at: chunkEnd, count: min(Self.chunkSize, source.size - chunkEnd))
        chunkEnd += chunk.count
        pos = 0
        return !chunk.isEmpty
    }
}
