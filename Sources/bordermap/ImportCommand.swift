import ArgumentParser
import Foundation
import GeoFormats
import IncidentStore

/// `bordermap import FILE... [--db FILE] [--map field=column,...]`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load incidents from CSV files into the incident database.",
        discussion: """
        CSV as Excel exports it: `,` `;` or tab (sniffed), UTF-8 with or without BOM or
        Windows-1251; coordinates in decimal degrees or DMS; dates in ISO 8601 or dd.mm.yyyy
        [hh:mm]; column names in English or Russian (дата, широта, долгота, категория, ...) or
        named with --map. Columns that match no field are kept as properties.

        Each file is stored in one transaction: killed halfway, the database holds none or all
        of that file's rows. Re-importing a file stores nothing twice (rows are keyed by their
        content). Bad rows are listed, with their row number and reason and the original cells,
        in FILE.rejects.csv; the good rows of the same file still load. The exit status is 3 when
        any row was rejected.

        Examples:
          bordermap import seizures-2024.csv --db incidents.sqlite
          bordermap import a.csv b.csv --db incidents.sqlite --map lat=Y,lon=X,date="Дата изъятия"
        """
    )

    @Argument(help: "CSV files to import.")
    var files: [String]

    @Option(help: "The SQLite database (created when missing).")
    var db = "incidents.sqlite"

    @Option(help: "Columns for fields, as field=column,... (column by header text or 1-based number).")
    var map: String?

    func run() throws {
        var rejectedAny = false
        do {
            let mapping = try map.map(IncidentColumnMapping.init(parsing:)) ?? IncidentColumnMapping()
            let store = try SQLiteIncidentStore(path: db)
            for file in files {
                let result = try importFile(file, mapping: mapping, store: store)
                rejectedAny = rejectedAny || result.rejected > 0
                print("\(file): read \(result.read), stored \(result.summary.stored), duplicates \(result.summary.duplicates), rejected \(result.rejected)")
            }
        } catch {
            throw CleanExit.message(for: error)
        }
        if rejectedAny { throw ExitCode(3) }
    }

    /// Reads one file, stores its good rows in one transaction and writes its rejects.
    func importFile(_ file: String, mapping: IncidentColumnMapping, store: SQLiteIncidentStore) throws
        -> (read: Int, rejected: Int, summary: InsertSummary) {
        let started = Date()
        let reader = try IncidentTableReader(path: file, mapping: mapping)
        var records: [IncidentRecord] = []
        var rejects: [(RowRejection, [String])] = []
        var progress = Progress(label: "reading \(file)", total: 0)
        while let row = try reader.csv.next() {
            switch reader.table.convert(row.fields, row: row.row, hasInvalidText: row.hasInvalidText) {
            case .record(let r): records.append(r)
            case .rejected(let j): rejects.append((j, row.fields))
            }
            progress.update(records.count + rejects.count)
        }
        progress.finish()
        let rejectsPath = file + ".rejects.csv"
        if !rejects.isEmpty {
            var text = CSVText.line(["row", "reason"] + reader.table.header)
            for (j, fields) in rejects { text += CSVText.line(["\(j.row)", j.reason] + fields) }
            guard FileManager.default.createFile(atPath: rejectsPath, contents: Data(text.utf8)) else {
                throw FormatError(file: rejectsPath, "cannot create the file")
            }
            for (j, _) in rejects.prefix(10) { Terminal.error("rejected: \(j)") }
            if rejects.count > 10 { Terminal.error("... \(rejects.count - 10) more in \(rejectsPath)") }
        } else if FileManager.default.fileExists(atPath: rejectsPath) {
            try FileManager.default.removeItem(atPath: rejectsPath)  // stale from an earlier run
        }
        let batch = records
        let readTime = Date().timeIntervalSince(started)
        let summary = try runBlocking { try await store.insert(batch) }
        let storeTime = Date().timeIntervalSince(started) - readTime
        Terminal.error(String(format: "%@: read in %.2f s, stored in %.2f s (%.0f rows/s)", file, readTime, storeTime,
                              Double(records.count) / max(storeTime, 1e-9)))
        return (records.count + rejects.count, rejects.count, summary)
    }
}

/// RFC 4180 lines for the rejects file.
enum CSVText {
    /// The cells joined by commas; a cell with a comma, quote or line break is quoted, quotes doubled.
    static func line(_ cells: [String]) -> String {
        cells.map { c in
            c.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + c.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : c
        }.joined(separator: ",") + "\r\n"
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
