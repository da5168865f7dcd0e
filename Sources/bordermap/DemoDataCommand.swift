import ArgumentParser
import Foundation
import GeoCore
import GeoFormats
import IncidentStore

/// `bordermap demo-data (--out FILE | --db FILE | --postgres URL) [--count N] [--seed S] [--years A-B] [--data DIR]`.
struct DemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Write a labelled synthetic incident set (every record source=synthetic) as .csv, .geojson or an incident database (.sqlite).",
        discussion: """
        The incidents are invented, for demos and tests: clustered near the borders of
        Afghanistan, Tajikistan, Uzbekistan, Turkmenistan, Kyrgyzstan and Kazakhstan and near
        their towns, with seasonality, substances and quantities of a plausible shape. The same
        seed gives the same file. CSV columns use the incident table header names, so
        `bordermap import` reads the file back; extra columns: synthetic, anchor, country.
        With .sqlite, --db FILE or --postgres URL the incidents go straight into an incident
        database (created when missing; re-running with the same seed adds nothing twice).

        Examples:
          bordermap demo-data --out demo.csv
          bordermap demo-data --out demo.geojson --count 5000 --seed 7
          bordermap demo-data --out incidents.sqlite
          bordermap demo-data --postgres postgres://bordermap@db.local/incidents
        """
    )

    @Option(help: "Output file: .csv, .geojson or .sqlite (an incident database).")
    var out: String = ""

    @OptionGroup var store: StoreOptions

    @Option(help: "Number of incidents.")
    var count: Int = 20_000

    @Option(help: "Random seed.")
    var seed: UInt64 = 2026

    @Option(help: "Years of the dates, as FIRST-LAST.")
    var years: String = "2021-2025"

    @OptionGroup var data: DataFolderOption

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must be ≥ 0") }
        _ = try yearRange()
        if store.db != nil || store.postgres != nil, !out.isEmpty {
            throw ValidationError("give --out FILE or an incident database (--db, --postgres), not both")
        }
        if intoStore { return }
        let ext = (out as NSString).pathExtension.lowercased()
        guard ["csv", "geojson", "sqlite"].contains(ext) else { throw ValidationError("--out must end in .csv, .geojson or .sqlite") }
    }

    /// Whether the records go into the store of `--db`/`--postgres`/`BORDERMAP_POSTGRES_URL`
    /// rather than to `--out`.
    var intoStore: Bool { out.isEmpty && store.isGiven }

    func yearRange() throws -> ClosedRange<Int> {
        let parts = years.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        if parts.count == 1, let y = parts[0] { return y...y }
        guard parts.count == 2, let a = parts[0], let b = parts[1], a <= b else {
            throw ValidationError("--years must be FIRST-LAST, e.g. 2021-2025")
        }
        return a...b
    }

    func run() throws {
        if intoStore || (out as NSString).pathExtension.lowercased() == "sqlite" { return try runDatabase() }
        do {
            let url = URL(fileURLWithPath: out)
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw FormatError(file: out, "cannot create the file")
            }
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            var progress = Progress(label: "generating", total: count)
            var written = 0
            let data = self.data.url
            if (out as NSString).pathExtension.lowercased() == "csv" {
                var buffer = Data(DemoCSV.header.utf8)
                try DemoIncidents.forEach(count: count, seed: seed, years: try yearRange(), dataDirectory: data) { r in
                    buffer.append(contentsOf: DemoCSV.line(r).utf8)
                    if buffer.count >= 1 << 20 { try handle.write(contentsOf: buffer); buffer.removeAll(keepingCapacity: true) }
                    written += 1
                    progress.update(written)
                }
                try handle.write(contentsOf: buffer)
            } else {
                var writer = GeoJSONWriter(options: .init(decimals: 5)) { try handle.write(contentsOf: $0) }
                try writer.begin(name: "demo_incidents", fields: DemoCSV.fields)
                try DemoIncidents.forEach(count: count, seed: seed, years: try yearRange(), dataDirectory: data) { r in
                    try writer.write(DemoCSV.feature(r))
                    written += 1
                    progress.update(written)
                }
                try writer.end()
            }
            progress.finish()
            print("\(out): \(written) synthetic incidents (seed \(seed), years \(years))")
        } catch {
            throw CleanExit.message(for: error)
        }
    }
}

extension DemoDataCommand {
    /// Generates the records and stores them in one transaction, a batch at a time.
    func runDatabase() throws {
        do {
            let progress = ProgressBox(Progress(label: "generating and storing", total: count))
            let source = try DemoIncidentSource(count: count, seed: seed, years: try yearRange(), dataDirectory: data.url,
                                                onProgress: { progress.update($0) })
            let store: any IncidentStoring = intoStore ? try self.store.open() : try SQLiteIncidentStore(path: out)
            defer { closeStore(store) }
            let summary = try runBlocking { try await store.insert(from: source) }
            progress.finish()
            print("\(intoStore ? self.store.label : out): \(summary.stored) synthetic incidents stored, \(summary.duplicates) already there (seed \(seed), years \(years))")
        } catch {
            throw CleanExit.message(for: error)
        }
    }
}

/// A `Progress` updated from the thread a store pulls records on.
final class ProgressBox: @unchecked Sendable {
    // @unchecked: the lock guards `progress`.
    private let lock = NSLock()
    private var progress: Progress

    init(_ progress: Progress) { self.progress = progress }

    func update(_ done: Int) { lock.withLock { progress.update(done) } }
    func finish() { lock.withLock { progress.finish() } }
}

/// The demo records as CSV lines and GeoJSON features.
enum DemoCSV {
    /// Incident table header names (see `IncidentField`) followed by the demo's own properties.
    static let columns = ["id", "occurred_at", "lon", "lat", "category", "substance", "quantity_kg", "agency",
                          "border_post", "source", "synthetic", "anchor", "country"]
    static let header = columns.joined(separator: ",") + "\n"
    static let fields: [Field] = columns.map { Field(name: $0, type: $0 == "quantity_kg" ? .real : .string) }
        .filter { $0.name != "lon" && $0.name != "lat" }

    static func cells(_ r: IncidentRecord) -> [String] {
        [r.id ?? "", DateParsing.iso8601(r.occurredAt), String(r.lon), String(r.lat), r.category ?? "",
         r.substance ?? "", r.quantityKg.map { String($0) } ?? "", r.agency ?? "", r.borderPost ?? "",
         r.source ?? "", r.properties["synthetic"] ?? "", r.properties["anchor"] ?? "", r.properties["country"] ?? ""]
    }

    /// One RFC 4180 line.
    static func line(_ r: IncidentRecord) -> String { CSVText.line(cells(r), terminator: "\n") }

    static func feature(_ r: IncidentRecord) -> Feature {
        var properties: [String: PropertyValue] = [:]
        for (name, value) in zip(columns, cells(r)) where name != "lon" && name != "lat" && !value.isEmpty {
            properties[name] = .string(value)
        }
        if let q = r.quantityKg { properties["quantity_kg"] = .double(q) }
        return Feature(id: r.id.map { .string($0) }, geometry: .point(Point(x: r.lon, y: r.lat)), properties: properties)
    }
}
