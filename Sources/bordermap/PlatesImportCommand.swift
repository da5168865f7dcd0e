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
        stored in upper case without spaces. Each file is stored in one transaction; a row
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
                var records: [SightingRecord] = [], rejects: [(RowRejection, [String])] = []
                while let next = try reader.nextWithCells() {
                    switch next.row {
                    case .record(let r): records.append(r)
                    case .rejected(let j): rejects.append((j, next.cells))
                    }
                }
                let batch = records
                let summary = try runBlocking { try await sightings.insertSightings(batch) }
                try Self.writeRejects(rejects, header: ["row", "reason"] + reader.header, file: file)
                rejectedAny = rejectedAny || !rejects.isEmpty
                let plates = Set(records.map(\.plate)).count
                print("\(file): read \(records.count + rejects.count), stored \(summary.stored), duplicates \(summary.duplicates), "
                      + "rejected \(rejects.count) (\(plates) plates)")
            }
        } catch {
            throw CleanExit.message(for: error)
        }
        if rejectedAny { throw ExitCode(3) }
    }

    /// Writes FILE.rejects.csv (row, reason, original cells), or removes a stale one when
    /// nothing was rejected; lists the first ten on stderr. The same layout as `bordermap import`.
    static func writeRejects(_ rejects: [(RowRejection, [String])], header: [String], file: String) throws {
        let path = file + ".rejects.csv"
        if rejects.isEmpty {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            return
        }
        var text = CSVText.line(header)
        for (j, cells) in rejects { text += CSVText.line(["\(j.row)", j.reason] + cells) }
        try PlatesSupport.writeText(text, to: path)
        for (j, _) in rejects.prefix(10) { Terminal.error("rejected: \(file): row \(j.row): \(j.reason)") }
        if rejects.count > 10 { Terminal.error("... \(rejects.count - 10) more in \(path)") }
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
