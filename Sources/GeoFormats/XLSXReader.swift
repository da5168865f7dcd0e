import Foundation

/// Reads the rows of one worksheet of an Excel workbook (`.xlsx`, Office Open XML) as text.
///
/// The workbook is opened with ZIPFoundation; `xl/workbook.xml` and its relationships give the
/// sheets (names and parts), `xl/styles.xml` which cell styles are dates (`XLSXDateFormat`),
/// `xl/sharedStrings.xml` the shared strings. Cell text follows `XLSXCellText`: numbers without
/// exponent noise, date-formatted numbers as ISO 8601 text in the workbook's date system
/// (1900, or 1904 when `workbookPr date1904` says so).
///
/// Rows come one at a time (`next()`): the sheet part is inflated into memory as bytes (at most
/// `maxPartBytes`), but only the current row exists as Swift strings. Each row carries the
/// sheet's own row number (`r`), the number Excel shows. Rows with no non-empty cell are
/// skipped; a row's cells end at its last non-empty cell, gaps are empty strings.
/// Shared strings are held as one `[String]` for the whole read.
///
/// Measured (release build, 2 shared cores): a 200 000-row, 6-column sheet (65 MB of sheet XML,
/// 11 MB zipped, written by openpyxl) reads in 1.4 s at 88 MB peak resident memory; set
/// `BORDERMAP_XLSX_BENCH=file.xlsx` to time a workbook with `XLSXReaderTimingTests`.
///
/// Every error is a `FormatError` naming the file and, where there is one, the part
/// (`xl/worksheets/sheet1.xml: malformed XML at line 3: ...`). Not thread-safe.
public final class XLSXReader {
    /// Parts inflated beyond this many bytes are refused (512 MiB).
    public static let defaultMaxPartBytes = 512 << 20

    /// The path as given, or the name passed with in-memory data (used in errors).
    public let file: String?
    /// The names of all sheets, in the workbook's order.
    public let sheetNames: [String]
    /// The name of the sheet being read.
    public let sheetName: String
    /// The part holding the sheet being read (`xl/worksheets/sheet1.xml`).
    public let sheetPart: String
    /// Whether the workbook uses the 1904 date system.
    public let date1904: Bool
    private let rows: XLSXSheetRows
    /// The uncompressed size of the sheet's XML part, in bytes: a progress total.
    public var sheetByteCount: Int { rows.byteCount }
    /// Bytes of the sheet's XML read so far (up to the end of the last row returned).
    public var sheetBytesRead: Int { rows.bytesRead }

    /// Opens the workbook at `path` and selects a sheet.
    /// - Parameters:
    ///   - sheet: which sheet to read (default the first).
    ///   - maxPartBytes: refuse any part that inflates to more bytes (default 512 MiB).
    /// - Throws: `FormatError` when the file is not a ZIP archive, a part is missing, malformed
    ///   or too large, or the sheet does not exist (the message lists the sheets there are).
    public convenience init(path: String, sheet: XLSXSheet = .first, maxPartBytes: Int = XLSXReader.defaultMaxPartBytes) throws {
        try self.init(archive: XLSXArchive(path: path, maxPartBytes: maxPartBytes), sheet: sheet)
    }

    /// Reads a workbook held in memory; `name` is used in errors. Parameters as `init(path:...)`.
    /// - Throws: `FormatError` as `init(path:...)` does.
    public convenience init(data: Data, name: String? = nil, sheet: XLSXSheet = .first,
                            maxPartBytes: Int = XLSXReader.defaultMaxPartBytes) throws {
        try self.init(archive: XLSXArchive(data: data, name: name, maxPartBytes: maxPartBytes), sheet: sheet)
    }

    private init(archive: XLSXArchive, sheet: XLSXSheet) throws {
        file = archive.file
        let book = try XLSXWorkbook(archive: archive)
        sheetNames = book.sheets.map(\.name)
        date1904 = book.date1904
        let chosen = try Self.select(sheet, in: book, file: archive.file)
        sheetName = chosen.name
        sheetPart = chosen.part
        let bytes = try archive.read(chosen.part)
        let styles = try XLSXStyles(archive: archive)
        let strings = try XLSXSharedStrings.read(archive: archive)
        rows = XLSXSheetRows(scanner: XLSXXMLScanner(bytes: bytes, file: archive.file, part: chosen.part),
                             sharedStrings: strings, styles: styles, date1904: book.date1904)
    }

    private static func select(_ sheet: XLSXSheet, in book: XLSXWorkbook, file: String?) throws -> XLSXWorkbook.Sheet {
        let available = book.sheets.isEmpty ? "none" : book.sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        switch sheet {
        case .first:
            guard let s = book.sheets.first else { throw FormatError(file: file, location: XLSXWorkbook.workbookPart, "the workbook has no sheets") }
            return s
        case .named(let name):
            if let s = book.sheets.first(where: { $0.name == name }) ?? book.sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
                return s
            }
            throw FormatError(file: file, "no sheet named '\(name)'; the workbook has \(available)")
        case .index(let i):
            guard (1...max(1, book.sheets.count)).contains(i), i <= book.sheets.count else {
                throw FormatError(file: file, "no sheet \(i); the workbook has \(book.sheets.count) sheet(s): \(available)")
            }
            return book.sheets[i - 1]
        }
    }

    /// The next row that has a non-empty cell, or nil after the last.
    /// - Returns: the sheet's 1-based row number and the cells' text (column A first).
    /// - Throws: `FormatError` for malformed XML, a bad cell reference or an unknown shared string.
    public func next() throws -> (row: Int, cells: [String])? {
        while let r = try rows.next() {
            if !r.cells.isEmpty { return r }
        }
        return nil
    }

    /// Reads the remaining rows (for small sheets and tests).
    /// - Throws: `FormatError` as `next()` does.
    public func readAll() throws -> [(row: Int, cells: [String])] {
        var all: [(row: Int, cells: [String])] = []
        while let r = try next() { all.append(r) }
        return all
    }
}
