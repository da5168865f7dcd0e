import Foundation
import GeoFormats
import TestSupport
@testable import IncidentStore

/// Shared helpers of the SQLite store tests: temporary databases, seeded random incidents, and
/// the sqlite3 shell as an independent reader of the files the store writes.
enum SQLiteTestSupport {
    /// A fresh directory and a database path inside it.
    static func tempDatabase() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bordermap-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.appendingPathComponent("incidents.sqlite").path
    }

    /// Runs Debian's `sqlite3` shell on `db` and returns its trimmed standard output.
    static func sqlite3(_ db: String, _ sql: String) throws -> String {
        let r = try Tool.run(["/usr/bin/sqlite3", db, sql])
        guard r.status == 0 else {
            throw NSError(domain: "sqlite3", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: r.stderr])
        }
        return r.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    typealias Random = SplitMix64

    static let categories: [String?] = ["seizure", "detention", "crossing attempt", "изъятие", nil]
    static let substances: [String?] = ["heroin", "opium", "hashish", "гашиш", "methamphetamine", nil]
    static let agencies: [String?] = ["border service", "customs", "ГКНБ", nil]
    static let posts: [String?] = ["Dostyk", "Ак-Жол", "Oybek", "Торугарт", nil]

    /// `count` random incidents in Central Asia (lon 60...80, lat 35...45), whole-second times in
    /// 2019...2024, distinct source keys; every third has its own `id`, a few ids repeat.
    static func records(_ count: Int, seed: UInt64, keyPrefix: String = "k") -> [IncidentRecord] {
        var rng = Random(seed: seed)
        return (0..<count).map { i in
            let t = Double(Int.random(in: 1_546_300_800..<1_735_689_600, using: &rng))
            var properties: [String: String] = [:]
            if i % 5 == 0 { properties["примечание"] = "партия \(i), \"кавычки\"\nвторая строка" }
            if i % 7 == 0 { properties["vehicle"] = "truck \\ \(i)" }
            return IncidentRecord(
                id: i % 3 == 0 ? "A-\(i % 1000)" : nil,
                occurredAt: Date(timeIntervalSince1970: t),
                lon: Double.random(in: 60...80, using: &rng), lat: Double.random(in: 35...45, using: &rng),
                category: categories.randomElement(using: &rng) ?? nil, substance: substances.randomElement(using: &rng) ?? nil,
                quantityKg: i % 4 == 0 ? nil : (Double.random(in: 0...500, using: &rng) * 1000).rounded() / 1000,
                agency: agencies.randomElement(using: &rng) ?? nil, borderPost: posts.randomElement(using: &rng) ?? nil,
                source: i % 2 == 0 ? "synthetic" : nil, properties: properties,
                sourceKey: String(format: "%@%016llx%016llx", keyPrefix, rng.next(), UInt64(i)), row: i + 2)
        }
    }

    /// Collects the incidents a query streams (from either backend).
    static func all(_ store: some IncidentStoring, _ query: IncidentQuery = .all) async throws -> [Incident] {
        let box = Box()
        try await store.forEach(matching: query) { box.append($0) }
        return box.items
    }

    /// A lock-protected array for collecting from a `@Sendable` closure.
    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [Incident] = []
        func append(_ i: Incident) { lock.lock(); storage.append(i); lock.unlock() }
        var items: [Incident] { lock.lock(); defer { lock.unlock() }; return storage }
    }
}
