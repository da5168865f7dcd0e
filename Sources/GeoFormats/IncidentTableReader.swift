import Foundation

/// Reads an incident CSV file row by row: the first record is the header (`IncidentTable`
/// resolves its columns), every later record becomes an `IncidentRecord` or a `RowRejection`.
/// A bad row never stops the rows after it; only a broken file (an unclosed quote, an oversized
/// field) does, after the rows before it have come through. Not thread-safe.
public final class IncidentTableReader {
    /// The CSV reader underneath (delimiter and encoding in use).
    public let csv: CSVReader
    /// The resolved header.
    public let table: IncidentTable
    private let isPlausible: ((_ lon: Double, _ lat: Double) -> Bool)?

    /// Opens the CSV file at `path` and reads its header.
    /// - Parameters:
    ///   - options: CSV options (default: sniff delimiter, detect encoding).
    ///   - mapping: explicitly named columns (default none).
    ///   - utcOffsetSeconds: offset east of UTC of times without a zone (default 0).
    ///   - isPlausible: optional `(lon, lat)` check used to detect swapped columns (see `IncidentTable.convert`).
    /// - Throws: `FormatError` when the file cannot be read, has no header, or lacks date or coordinate columns.
    public convenience init(path: String, options: CSVOptions = CSVOptions(), mapping: IncidentColumnMapping = IncidentColumnMapping(),
                            utcOffsetSeconds: Int = 0, isPlausible: ((_ lon: Double, _ lat: Double) -> Bool)? = nil) throws {
        try self.init(csv: CSVReader(path: path, options: options), mapping: mapping,
                      utcOffsetSeconds: utcOffsetSeconds, isPlausible: isPlausible)
    }

    /// Reads CSV held in memory; `name` is used in errors and rejections. Parameters as `init(path:...)`.
    /// - Throws: `FormatError` as `init(path:...)` does.
    public convenience init(data: Data, name: String? = nil, options: CSVOptions = CSVOptions(),
                            mapping: IncidentColumnMapping = IncidentColumnMapping(), utcOffsetSeconds: Int = 0,
                            isPlausible: ((_ lon: Double, _ lat: Double) -> Bool)? = nil) throws {
        try self.init(csv: CSVReader(data: data, name: name, options: options), mapping: mapping,
                      utcOffsetSeconds: utcOffsetSeconds, isPlausible: isPlausible)
    }

    /// Wraps an open CSV reader whose next record is the header.
    /// - Throws: `FormatError` when there is no header or it lacks date or coordinate columns.
    public init(csv: CSVReader, mapping: IncidentColumnMapping = IncidentColumnMapping(), utcOffsetSeconds: Int = 0,
                isPlausible: ((_ lon: Double, _ lat: Double) -> Bool)? = nil) throws {
        guard let header = try csv.next() else { throw FormatError(file: csv.file, "the file is empty (no header row)") }
        self.csv = csv
        self.isPlausible = isPlausible
        table = try IncidentTable(header: header.fields, mapping: mapping, file: csv.file,
                                  decimalComma: csv.delimiter != .comma, utcOffsetSeconds: utcOffsetSeconds)
    }

    /// The next row's outcome, or nil at the end of the file.
    /// - Throws: `FormatError` only when the file itself is broken (see `CSVReader.next()`).
    public func next() throws -> IncidentTableRow? {
        guard let r = try csv.next() else { return nil }
        return table.convert(r.fields, row: r.row, hasInvalidText: r.hasInvalidText, isPlausible: isPlausible)
    }

    /// Reads the remaining rows (for small files and tests).
    /// - Throws: `FormatError` as `next()` does.
    public func readAll() throws -> (records: [IncidentRecord], rejections: [RowRejection]) {
        var records: [IncidentRecord] = [], rejections: [RowRejection] = []
        while let row = try next() {
            switch row {
            case .record(let r): records.append(r)
            case .rejected(let j): rejections.append(j)
            }
        }
        return (records, rejections)
    }
}
