/// The field separator of a CSV file.
public enum CSVDelimiter: UInt8, Sendable, Hashable, CaseIterable {
    /// `,` — RFC 4180 and Excel in English locales.
    case comma = 0x2C
    /// `;` — Excel in locales whose decimal separator is a comma (Russian, German, ...).
    case semicolon = 0x3B
    /// Tab — "Text (Tab delimited)" exports and copy-paste from spreadsheets.
    case tab = 0x09

    /// The delimiter as a character.
    public var character: Character { Character(Unicode.Scalar(rawValue)) }
}

/// How a `CSVReader` reads a file. The defaults sniff the delimiter and detect the encoding.
public struct CSVOptions: Sendable, Hashable {
    /// The delimiter, or nil (default) to sniff it from the first records (see `CSVDelimiterSniffer`).
    public var delimiter: CSVDelimiter?
    /// The text encoding, or nil (default) to detect it: a UTF-8 byte-order mark or bytes that are
    /// valid UTF-8 mean UTF-8, anything else Windows-1251 (see `CSVEncodingDetection`).
    public var encoding: TextEncoding?
    /// The longest field accepted, in bytes (default 1 MiB). Longer fields — usually a quote that
    /// is never closed — stop the read with a `FormatError` naming the row.
    public var maxFieldBytes: Int
    /// The longest record accepted, in bytes summed over its fields (default 8 MiB).
    public var maxRecordBytes: Int
    /// The most fields accepted in one record (default 10 000).
    public var maxFields: Int

    /// Options with the given values; every parameter has the default described on its property.
    public init(delimiter: CSVDelimiter? = nil, encoding: TextEncoding? = nil, maxFieldBytes: Int = 1 << 20,
                maxRecordBytes: Int = 8 << 20, maxFields: Int = 10_000) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.maxFieldBytes = maxFieldBytes
        self.maxRecordBytes = maxRecordBytes
        self.maxFields = maxFields
    }
}

/// One record of a CSV file.
public struct CSVRecord: Sendable, Hashable {
    /// The 1-based physical line of the file on which the record starts (the header is row 1).
    /// Line breaks inside quoted fields count, so a record after a two-line field is two rows on.
    /// Blank lines are skipped but counted.
    public var row: Int
    /// The field values, decoded, with quotes removed and doubled quotes undone. Line breaks
    /// inside quoted fields are kept as they are in the file.
    public var fields: [String]
    /// True when some field was not valid in the file's encoding (only possible for UTF-8) and
    /// was decoded with U+FFFD replacement characters.
    public var hasInvalidText: Bool

    /// A record; `hasInvalidText` defaults to false.
    public init(row: Int, fields: [String], hasInvalidText: Bool = false) {
        self.row = row
        self.fields = fields
        self.hasInvalidText = hasInvalidText
    }
}
