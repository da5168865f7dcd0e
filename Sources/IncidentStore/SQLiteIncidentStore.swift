import Foundation
import GeoFormats
import GRDB

/// The embedded incident store: one SQLite database file (schema in `SQLiteSchema`) opened
/// through a GRDB `DatabasePool` in WAL mode — one writer, many concurrent readers, also across
/// processes sharing the file (other writers wait up to 30 s for the write lock).
///
/// - Atomicity: every `insert` call is one `BEGIN IMMEDIATE` transaction, so an error or a
///   killed process (`kill -9`) leaves none or all of that call's new rows.
/// - Identifiers: a record keeps its own `id` when it has one that no stored incident uses;
///   otherwise it gets `inc-` + the first 16 hex digits of its `sourceKey` (with `-2`, `-3`, ...
///   appended in the unlikely case that one is taken too). Records of one call are stored in
///   `sourceKey` order (sequential index inserts), so when two new records of one call share an
///   `id`, the one with the smaller key keeps it.
/// - Speed (release build, 1 million demo rows, 2 shared cores): about 30,000 rows/s stored,
///   i.e. half of what the sqlite3 shell's own `INSERT ... SELECT` reaches with the same schema;
///   most of the time is SQLite's b-tree and WAL work for the table, 7 indexes and the R*Tree.
/// - Data version: the `meta` row `data_version`, incremented inside every write transaction
///   that stores at least one incident, so it is committed (or rolled back) with the rows and
///   every connection of every process reads the same value with one indexed lookup.
///   (`PRAGMA data_version` alone would not do: it does not change for the writing connection
///   and is not persistent.) A write that stores nothing (all duplicates) keeps the version.
/// - Areas: `IncidentQuery.area` counts points on its boundary as inside (GEOS "covers").
public final class SQLiteIncidentStore: IncidentStoring, Sendable {
    /// The database file.
    public let path: String
    private let pool: DatabasePool

    /// Opens the database at `path`, creating the file and the schema when missing and
    /// applying pending migrations.
    /// - Throws: `DatabaseError` when the file cannot be opened or migrated (SQLite's message),
    ///   `QueryError.newerSchema` when a newer BorderMap wrote it.
    public init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.label = "BorderMap incidents"
        let pool = try DatabasePool(path: path, configuration: config)
        let migrator = SQLiteSchema.migrator
        let unknown = try pool.read { try migrator.hasBeenSuperseded($0) }
        if unknown {
            let found = try pool.read { try Int.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'schema_version'") } ?? -1
            throw QueryError.newerSchema(found: found, supported: SQLiteSchema.version)
        }
        try migrator.migrate(pool)
        self.path = path
        self.pool = pool
    }

    /// The schema version recorded in the database (`meta.schema_version`).
    /// - Throws: `DatabaseError`.
    public func schemaVersion() async throws -> Int {
        try await pool.read { try Int.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'schema_version'") ?? 0 }
    }

    /// Stores `records` in one transaction (see the type for identifiers); records whose
    /// `sourceKey` is stored already, or repeats within `records`, count as duplicates.
    /// - Throws: `DatabaseError` (nothing of this call is stored), e.g. for coordinates out of
    ///   range (CHECK constraint) or a busy database after 30 s.
    public func insert(_ records: [IncidentRecord]) async throws -> InsertSummary {
        guard !records.isEmpty else { return InsertSummary(received: 0, stored: 0, duplicates: 0) }
        let importedAt = SQLiteRowDecoder.storedSeconds(Date())
        let stored = try await pool.writeWithoutTransaction { db -> Int in
            var stored = 0
            // For this (writer) connection: a 64 MiB page cache, so that a large transaction does
            // not spill pages of the random-order key indexes to the WAL again and again, and
            // statement journals in memory (each INSERT fires the R*Tree trigger and so keeps a
            // statement journal; on disk that cost ~26 pwrite calls per row, 5x slower overall).
            try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
            try db.inTransaction(.immediate) {
                stored = try Self.insert(records, importedAt: importedAt, db: db)
                if stored > 0 {
                    try db.execute(sql: "UPDATE meta SET value = value + 1 WHERE key = 'data_version'")
                }
                return .commit
            }
            return stored
        }
        return InsertSummary(received: records.count, stored: stored, duplicates: records.count - stored)
    }

    /// The insert loop, inside the caller's transaction; returns the number of rows stored.
    private static func insert(_ records: [IncidentRecord], importedAt: Double, db: Database) throws -> Int {
        let insertSQL = """
            INSERT INTO incidents (id, occurred_at, lon, lat, category, substance, quantity_kg, agency, border_post,
                                   source, properties, source_key, imported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """
        let insert = try db.makeStatement(sql: insertSQL)
        let keyTaken = try db.makeStatement(sql: "SELECT 1 FROM incidents WHERE source_key = ?")
        var stored = 0
        // Visiting the records in source-key order makes the inserts into the two random-keyed
        // unique indexes (source_key, and id, mostly derived from the key) sequential.
        for r in records.sorted(by: { $0.sourceKey.utf8.lexicographicallyPrecedes($1.sourceKey.utf8) }) {
            let generated = "inc-" + r.sourceKey.prefix(16)
            var candidates = [generated]
            if let own = r.id, !own.isEmpty, own != generated { candidates.insert(own, at: 0) }
            var attempt = 0
            while true {
                let id = attempt < candidates.count ? candidates[attempt] : "\(generated)-\(attempt - candidates.count + 2)"
                try insert.execute(arguments: [
                    id, SQLiteRowDecoder.storedSeconds(r.occurredAt), r.lon, r.lat, r.category, r.substance, r.quantityKg,
                    r.agency, r.borderPost, r.source, SQLiteRowDecoder.encode(r.properties), r.sourceKey, importedAt,
                ])
                if db.changesCount == 1 {
                    stored += 1
                    break
                }
                // ON CONFLICT DO NOTHING skipped the row: a duplicate when its key is stored,
                // else the id is taken and the next candidate is tried.
                if try Bool.fetchOne(keyTaken, arguments: [r.sourceKey]) ?? false { break }
                attempt += 1
            }
        }
        return stored
    }

    /// The `meta.data_version` counter (see the type): one indexed read.
    /// - Throws: `DatabaseError`.
    public func dataVersion() async throws -> Int64 {
        try await pool.read { try Int64.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'data_version'") ?? 0 }
    }

    /// The connection pool, for the query extension.
    var reader: DatabasePool { pool }
}
