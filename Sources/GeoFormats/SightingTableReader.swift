import Foundation

/// Reads a plate-reader sighting table row by row from a CSV file (delimiter and encoding
/// sniffed by `CSVReader`) or a sheet of an XLSX workbook (`XLSXReader`): the first row (for
/// XLSX the first non-empty row) is the header (`SightingTable`), every later row becomes a
/// `SightingRecord` or a `RowRejection` with its row number. A bad row never stops the rows after
/// it; only a broken file does. Not thread-safe.
public final class SightingTableReader {
    /// The resolved header.
    public let table: SightingTable
    /// The header cells as read (for rejects files).
    public var header: [String] { table.header }
    private let nextRow: () throws -> (row: Int, cells: [String], invalid: Bool)?

    /// Opens a CSV file and reads its header.
    /// - Parameters:
    ///   - options: CSV options (default: sniff delimiter, detect encoding).
    ///   - utcOffsetSeconds: offset east of UTC of times without a zone (default 0).
    /// - Throws: `FormatError` when the file cannot be read, is empty, or lacks a required column.
    public convenience init(csvPath path: String, options: CSVOptions = CSVOptions(), utcOffsetSeconds: Int = 0) throws {
        try self.init(csv: CSVReader(path: path, options: options), utcOffsetSeconds: utcOffsetSeconds)
    }

    /// Wraps an open CSV reader whose next record is the header.
    /// - Throws: `FormatError` as `init(csvPath:)`.
    public init(csv: CSVReader, utcOffsetSeconds: Int = 0) throws {
        guard let header = try csv.next() else { throw FormatError(file: csv.file, "the file is empty (no header row)") }
        table = try SightingTable(header: header.fields, file: csv.file, decimalComma: csv.delimiter != .comma,
                                  utcOffsetSeconds: utcOffsetSeconds)
        nextRow = { try csv.next().map { ($0.row, $0.fields, $0.hasInvalidText) } }
    }

    /// Opens a sheet of an XLSX workbook (default the first) and reads its header. Numbers
    /// arrive with `.` as decimal separator; text cells may use decimal commas.
    /// - Throws: `FormatError` when the workbook cannot be read, the sheet is empty, or it lacks
    ///   a required column.
    public convenience init(xlsxPath path: String, sheet: XLSXSheet = .first, utcOffsetSeconds: Int = 0) throws {
        try self.init(xlsx: XLSXReader(path: path, sheet: sheet), utcOffsetSeconds: utcOffsetSeconds)
    }

    /// Wraps an open sheet reader whose next row is the header.
    /// - Throws: `FormatError` as `init(xlsxPath:)`.
    public init(xlsx: XLSXReader, utcOffsetSeconds: Int = 0) throws {
        guard let header = try xlsx.next() else {
            throw FormatError(file: xlsx.file, location: xlsx.sheetPart, "sheet '\(xlsx.sheetName)' is empty (no header row)")
        }
        do {
            table = try SightingTable(header: header.cells, file: xlsx.file, decimalComma: true, utcOffsetSeconds: utcOffsetSeconds)
        } catch var e as FormatError {
            e.location = "sheet '\(xlsx.sheetName)' row \(header.row)"
            throw e
        }
        nextRow = { try xlsx.next().map { ($0.row, $0.cells, false) } }
    }

    /// The next row's outcome together with its cells, or nil at the end.
    /// - Throws: `FormatError` only when the file itself is broken.
    public func nextWithCells() throws -> (row: SightingTableRow, cells: [String])? {
        guard let r = try nextRow() else { return nil }
        return (table.convert(r.cells, row: r.row, hasInvalidText: r.invalid), r.cells)
    }

    /// The next row's outcome, or nil at the end.
    /// - Throws: `FormatError` only when the file itself is broken.
    public func next() throws -> SightingTableRow? {
        try nextWithCells()?.row
    }

    /// Reads the remaining rows.
    /// - Throws: `FormatError` as `next()` does.
    public func readAll() throws -> (records: [SightingRecord], rejections: [RowRejection]) {
        var records: [SightingRecord] = [], rejections: [RowRejection] = []
        while let row = try next() {
            switch row {
            case .record(let r): records.append(r)
            case .rejected(let j): rejections.append(j)
            }
        }
        return (records, rejections)
    }
}
