import ArgumentParser
import Foundation
import GeoFormats
import IncidentStore

/// `bordermap import FILE... [--db FILE | --postgres URL] [--format csv|xlsx|geojson|shp] [--sheet NAME|N] [--map field=column,...]`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load incidents from CSV, XLSX, GeoJSON or shapefile point layers into the incident database.",
        discussion: """
        CSV as Excel exports it: `,` `;` or tab (sniffed), UTF-8 with or without BOM or
        Windows-1251; coordinates in decimal degrees or DMS; dates in ISO 8601 or dd.mm.yyyy
        [hh:mm]; column names in English or Russian (дата, широта, долгота, категория, ...) or
        named with --map. Columns that match no field are kept as properties.
        XLSX workbooks: the first sheet, or the one --sheet names (by name or 1-based number).
        GeoJSON files and shapefiles of points: the point is the incident's location (reprojected
        to WGS 84 when the .prj declares another CRS), the properties are matched to fields by
        the same names as spreadsheet columns (shapefile names cut to 10 characters included).
        The format follows the extension (.csv .txt .tsv, .xlsx, .geojson .json, .shp) unless
        --format gives it. A spreadsheet row whose point lies in no country of
        DATA/ca_admin0_countries.shp but would with latitude and longitude exchanged is rejected
        as swapped.

        Each file is stored in one transaction: killed halfway, the database holds none or all
        of that file's rows. Re-importing a file stores nothing twice: rows are keyed by their
        content (every non-empty cell), or, with --id-column NAME, by the value of that column
        alone, so that a re-export with reformatted dates or numbers is recognised too (ids are
        then compared across the whole database, and a row without an id is rejected).
        A row identical to an earlier row of the same file (with --id-column: the same id and
        the same values) is stored once and reported as "repeated", with both row numbers; a
        row giving an earlier row's id with other values is rejected. Bad rows or features (and
        non-point features) are listed, with their row or feature number and reason and the
        original cells, in FILE.rejects.csv, repeated rows too; the good rows of the same file
        still load. On a terminal a progress line shows the reading. The exit status is 3 when
        any row was rejected (repeated rows alone are warnings).

        Examples:
          bordermap import seizures-2024.csv --db incidents.sqlite
          bordermap import a.csv b.csv --db incidents.sqlite --map lat=Y,lon=X,date="Дата изъятия"
          bordermap import journal.xlsx --sheet "2024" --db incidents.sqlite
          bordermap import posts.shp detentions.geojson --db incidents.sqlite
          bordermap import seizures-2024.csv --postgres postgres://bordermap@db.local/incidents
          bordermap import export-2024-06.csv --db incidents.sqlite --id-column case_no
        """
    )

    @Argument(help: "Files to import (CSV, XLSX, GeoJSON, shapefile).")
    var files: [String]

    @OptionGroup var store: StoreOptions

    @Option(help: "csv, xlsx, geojson or shp (default: from each file's extension).")
    var format: IncidentImportFormat?

    @Option(help: "XLSX sheet by name or 1-based number (default the first).")
    var sheet: String?

    @Option(help: "Columns for fields, as field=column,... (column by header text or 1-based number).")
    var map: String?

    @Option(name: .customLong("id-column"),
            help: "Column whose value identifies each incident: the re-import key instead of the row's content (and the incident id).")
    var idColumn: String?

    @OptionGroup var data: DataFolderOption

    func run() throws {
        var rejectedAny = false
        do {
            var mapping = try map.map(IncidentColumnMapping.init(parsing:)) ?? IncidentColumnMapping()
            if let idColumn { mapping = try mapping.keyed(byIDColumn: idColumn) }
            let formats = try files.map { try format ?? IncidentImportFormat(path: $0) }
            let store = try self.store.open()
            defer { closeStore(store) }
            let land = LandCheck.load(dataDirectory: data.path)
            if let problem = land.problem { Terminal.error("warning: \(problem)") }
            for (file, fileFormat) in zip(files, formats) {
                let result = try importFile(file, format: fileFormat, mapping: mapping, store: store, isPlausible: land.test)
                rejectedAny = rejectedAny || result.rejected > 0
                print("\(file): read \(result.read), stored \(result.summary.stored), duplicates \(result.summary.duplicates), "
                      + "rejected \(result.rejected), repeated \(result.repeated)")
            }
        } catch {
            throw CleanExit.message(for: error)
        }
        if rejectedAny { throw ExitCode(3) }
    }

    /// Reads one file, stores its good rows in one transaction (reading and storing overlap)
    /// and writes its rejects.
    func importFile(_ file: String, format: IncidentImportFormat, mapping: IncidentColumnMapping, store: any IncidentStoring,
                    isPlausible: (@Sendable (Double, Double) -> Bool)?) throws -> (read: Int, rejected: Int, repeated: Int, summary: InsertSummary) {
        let started = Date()
        let source = try IncidentImportSource(path: file, format: format, mapping: mapping,
                                              sheet: sheet.map(XLSXSheet.init(argument:)) ?? .first, isPlausible: isPlausible)
        let records = ImportRecordSource(source, label: "reading \(file) (\(source.unit))")
        let summary = try runBlocking { try await store.insert(from: records) }
        let total = Date().timeIntervalSince(started)
        for w in source.warnings { Terminal.error("\(file): warning: \(w)") }
        try Self.writeRejects(records.rejects, repeats: records.repeats, header: [source.numberLabel, "reason"] + source.header, file: file)
        Terminal.error(String(format: "%@: read in %.2f s, stored in %.2f s in all (%.0f rows/s)", file,
                              records.readSeconds ?? total, total, Double(records.recordCount) / max(total, 1e-9)))
        return (records.recordCount + records.rejects.count + records.repeats.count, records.rejects.count, records.repeats.count, summary)
    }

    /// Writes FILE.rejects.csv (`header`: the number label — `row` or `feature` —, `reason`,
    /// then the original cells; rejected and repeated rows in row order), or removes a stale one
    /// when nothing was rejected or repeated, and lists the first ten of each on stderr. Shared
    /// by `import` and `plates import`.
    /// - Throws: `FormatError` when the file cannot be created; removal errors.
    static func writeRejects(_ rejects: [(RowRejection, [String])], repeats: [(RowRejection, [String])] = [],
                             header: [String], file: String) throws {
        let rejectsPath = file + ".rejects.csv"
        if !rejects.isEmpty || !repeats.isEmpty {
            var text = CSVText.line(header)
            for (j, cells) in (rejects + repeats).sorted(by: { $0.0.row < $1.0.row }) {
                text += CSVText.line(["\(j.row)", j.reason] + cells)
            }
            guard FileManager.default.createFile(atPath: rejectsPath, contents: Data(text.utf8)) else {
                throw FormatError(file: rejectsPath, "cannot create the file")
            }
            for (j, _) in rejects.prefix(10) { Terminal.error("rejected: \(file): \(header[0]) \(j.row): \(j.reason)") }
            if rejects.count > 10 { Terminal.error("... \(rejects.count - 10) more rejected in \(rejectsPath)") }
            for (j, _) in repeats.prefix(10) { Terminal.error("repeated: \(file): \(header[0]) \(j.row): \(j.reason)") }
            if repeats.count > 10 { Terminal.error("... \(repeats.count - 10) more repeated in \(rejectsPath)") }
        } else if FileManager.default.fileExists(atPath: rejectsPath) {
            try FileManager.default.removeItem(atPath: rejectsPath)  // stale from an earlier run
        }
    }
}

/// RFC 4180 lines (the rejects file, demo CSV).
enum CSVText {
    /// The cells joined by commas; a cell with a comma, quote or line break is quoted, quotes doubled.
    static func line(_ cells: [String], terminator: String = "\r\n") -> String {
        cells.map { c in
            c.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + c.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : c
        }.joined(separator: ",") + terminator
    }
}

/// Runs async store work from a synchronous command and waits for it (the commands are
/// `ParsableCommand`s; the store's API is async).
func runBlocking<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = BlockingOutcome<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do { outcome.result = .success(try await operation()) } catch { outcome.result = .failure(error) }
        done.signal()
    }
    done.wait()
    guard let result = outcome.result else { throw CancellationError() }
    return try result.get()
}

/// The result slot of `runBlocking`, written by the task before it signals.
private final class BlockingOutcome<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
