import ArgumentParser
import Foundation
import GeoFormats
import IncidentStore

/// `bordermap plates import FILE... [--db FILE | --postgres URL] [--format csv|xlsx] [--sheet NAME|N]`.
struct PlatesImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load plate-reader sightings from CSV or XLSX into the database (table sightings).",
        discussion: """
        Columns by header, in English or Russian: plate (номер, госномер), camera or camera_id
        (камера), time or datetime (время, дата_время), lon (долгота), lat (широта), and
        optionally source (источник); other columns are ignored. CSV as Excel writes it (`,` `;`
        or tab, UTF-8 or Windows-1251); times ISO 8601 or dd.mm.yyyy hh:mm[:ss], UTC; plates are
        stored in upper case without spaces. Each file is read and stored in batches within one
        transaction (memory stays bounded; a failure stores nothing of that file); a row
        already stored (same cells) is counted as a duplicate, not stored twice. Bad rows are
        listed with their row number and reason in FILE.rejects.csv and the exit status is 3.
        """
    )

    @Argument(help: "Sighting tables (CSV or XLSX).")
    var files: [String]

    @OptionGroup var store: StoreOptions

    @Option(help: "csv or xlsx (default: from each file's extension).")
    var format: SightingImportFormat?

    @Option(help: "XLSX sheet by name or 1-based number (default the first).")
    var sheet: String?

    func run() throws {
        var rejectedAny = false
        do {
            let formats = try files.map { try format ?? SightingImportFormat(path: $0) }
            let (handle, sightings) = try PlatesSupport.open(store)
            defer { closeStore(handle) }
            for (file, fileFormat) in zip(files, formats) {
                guard FileManager.default.fileExists(atPath: file) else { throw FormatError(file: file, "file not found") }
                let reader = switch fileFormat {
                case .csv: try SightingTableReader(csvPath: file)
                case .xlsx: try SightingTableReader(xlsxPath: file, sheet: sheet.map(XLSXSheet.init(argument:)) ?? .first)
                }
                let source = PlatesImportSource(reader)
                let summary = try runBlocking { try await sightings.insertSightings(from: source) }
                try ImportCommand.writeRejects(source.rejects, header: ["row", "reason"] + reader.header, file: file)
                rejectedAny = rejectedAny || !source.rejects.isEmpty
                print("\(file): read \(source.recordCount + source.rejects.count), stored \(summary.stored), "
                      + "duplicates \(summary.duplicates), rejected \(source.rejects.count) (\(source.plates.count) plates)")
            }
        } catch {
            throw CleanExit.message(for: error)
        }
        if rejectedAny { throw ExitCode(3) }
    }
}

/// The good rows of one sighting table, handed to the store a batch at a time as the file is
/// read; rejected rows (with their cells, for the rejects file) and the distinct plates are
/// kept, so memory grows with bad rows and plates, not with the file.
final class PlatesImportSource: SightingRecordSource, @unchecked Sendable {
    // @unchecked: the store pulls batches from one task at a time (`SightingRecordSource`),
    // and the command reads the counts only after the insert has returned.
    private let reader: SightingTableReader
    /// Rejected rows with their cells, in file order.
    private(set) var rejects: [(RowRejection, [String])] = []
    /// Good rows handed out so far.
    private(set) var recordCount = 0
    /// Distinct plates among them.
    private(set) var plates: Set<String> = []

    init(_ reader: SightingTableReader) { self.reader = reader }

    func nextBatch(maxCount: Int) throws -> [SightingRecord]? {
        var batch: [SightingRecord] = []
        batch.reserveCapacity(max(1, maxCount))
        while batch.count < max(1, maxCount), let next = try reader.nextWithCells() {
            switch next.row {
            case .record(let r):
                batch.append(r)
                plates.insert(r.plate)
            case .rejected(let j): rejects.append((j, next.cells))
            }
        }
        recordCount += batch.count
        return batch.isEmpty ? nil : batch
    }
}

/// The formats `plates import` reads.
enum SightingImportFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, xlsx

    /// The format of a path's extension (.csv .txt .tsv → csv, .xlsx → xlsx).
    /// - Throws: `ValidationError` for another extension.
    init(path: String) throws {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv", "txt", "tsv": self = .csv
        case "xlsx": self = .xlsx
        case let ext: throw ValidationError("\(path): cannot tell the format from '.\(ext)'; give --format csv or xlsx")
        }
    }
}
