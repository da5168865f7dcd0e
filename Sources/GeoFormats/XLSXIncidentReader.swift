import Foundation

/// Reads incidents from a sheet of an Excel workbook: the XLSX counterpart of
/// `IncidentTableReader`, feeding the same `IncidentTable` conversion. The header is the first
/// row with a non-empty cell; every later row becomes an `IncidentRecord` or a `RowRejection`
/// carrying the row number Excel shows. Numbers arrive with `.` as decimal separator; text cells
/// may still use decimal commas (`41,3`), which are accepted. Date cells arrive as ISO 8601 text
/// (see `XLSXCellText`) and are local times at `utcOffsetSeconds`. Not thread-safe.
public final class XLSXIncidentReader {
    /// The sheet reader underneath (file, sheet names, date system).
    public let xlsx: XLSXReader
    /// The resolved header.
    public let table: IncidentTable
    /// The sheet row holding the header.
    public let headerRow: Int
    private let isPlausible: ((_ lon: Double, _ lat: Double) -> Bool)?

    /// Opens the workbook at `path` and reads the header of the chosen sheet.
    /// - Parameters:
    ///   - sheet: which sheet (default the first).
    ///   - mapping: explicitly named columns (default none).
    ///   - utcOffsetSeconds: offset east of UTC of times without a zone (default 0).
    ///   - isPlausible: optional `(lon, lat)` check used to detect swapped columns (see `IncidentTable.convert`).
    /// - Throws: `FormatError` when the workbook cannot be read (see `XLSXReader`), the sheet is
    ///   empty, or its header lacks date or coordinate columns.
    public convenience init(path: String, sheet: XLSXSheet = .first, mapping: IncidentColumnMapping = IncidentColumnMapping(),
                            utcOffsetSeconds: Int = 0, isPlausible: ((_ lon: Double, _ lat: Double) -> Bool)? = nil) throws {
        try self.init(xlsx: XLSXReader(path: path, sheet: sheet), mapping: mapping,
                      utcOffsetSeconds: utcOffsetSeconds, isPlausible: isPlausible)
    }

    /// Reads a workbook held in memory; `name` is used in errors and rejections.
    /// Parameters and errors as `init(path:...)`.
    public convenience init(data: Data, name: String? = nil, sheet: XLSXSheet = .first,
                            mapping: IncidentColumnMapping = IncidentColumnMapping(), utcOffsetSeconds: Int = 0,
                            isPlausible: ((_ lon: Double, _ lat: Double) -> Bool)? = nil) throws {
        try self.init(xlsx: XLSXReader(data: data, name: name, sheet: sheet), mapping: mapping,
                      utcOffsetSeconds: utcOffsetSeconds, isPlausible: isPlausible)
    }

    /// Wraps an open sheet reader whose next row is the header.
    /// - Throws: `FormatError` when the sheet has no rows or the header lacks date or coordinate columns.
    public init(xlsx: XLSXReader, mapping: IncidentColumnMapping = IncidentColumnMapping(), utcOffsetSeconds: Int = 0,
                isPlausible: ((_ lon: Double, _ lat: Double) -> Bool)? = nil) throws {
        guard let header = try xlsx.next() else {
            throw FormatError(file: xlsx.file, location: xlsx.sheetPart, "sheet '\(xlsx.sheetName)' is empty (no header row)")
        }
        self.xlsx = xlsx
        self.isPlausible = isPlausible
        headerRow = header.row
        do {
            table = try IncidentTable(header: header.cells, mapping: mapping, file: xlsx.file,
                                      decimalComma: true, utcOffsetSeconds: utcOffsetSeconds)
        } catch var e as FormatError {
            e.location = "sheet '\(xlsx.sheetName)' row \(header.row)"
            throw e
        }
    }

    /// The next row's outcome, or nil after the last row.
    /// - Throws: `FormatError` only when the workbook itself is broken (see `XLSXReader.next()`).
    public func next() throws -> IncidentTableRow? {
        guard let r = try xlsx.next() else { return nil }
        return table.convert(r.cells, row: r.row, isPlausible: isPlausible)
    }

    /// Reads the remaining rows (for small sheets and tests).
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
