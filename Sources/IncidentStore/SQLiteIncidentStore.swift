import Foundation
import GeoFormats
import GRDB

/// The embedded incident store: one SQLite database file (schema in `SQLiteSchema`) opened
/// through a GRDB `DatabasePool` in WAL mode — one writer, many concurrent readers, also across
/// processes sharing the file (other writers wait up to 30 s for the write lock).
///
/// - Atomicity: every `insert` call is one `BEGIN IMMEDIATE` transaction, so an error (also
///   one thrown by a record source) or a killed process (`kill -9`) leaves none or all of that
///   call's new rows.
/// - Identifiers: a record keeps its own `id` when it has one that no stored incident uses;
///   otherwise it gets `inc-` + the first 16 hex digits of its `sourceKey` (with `-2`, `-3`, ...
///   appended in the unlikely case that one is taken too). Within one call, every new record
///   first tries its first choice (its own id, else the generated one) in `sourceKey` order, so
///   when two new records of one call want the same id, the one with the smaller key keeps it;
///   only then do the records that lost go on to their next candidates, in key order.
/// - Streaming: `insert(from:)` pulls batches while it writes; memory stays bounded whatever
///   the number of records (`SQLiteBulkInsert` has the steps and their costs).
/// - Data version: the `meta` row `data_version`, incremented inside every write transaction
///   that stores at least one incident, so it is committed (or rolled back) with the rows and
///   every connection of every process reads the same value with one indexed lookup.
///   (`PRAGMA data_version` alone would not do: it does not change for the writing connection
///   and is not persistent.) A write that stores nothing (all duplicates) keeps the version.
/// - Areas: `IncidentQuery.area` counts points on its boundary as inside (GEOS "covers").
/// - Busy: a write that finds the file locked by another process waits up to the busy timeout
///   (default 30 s), then throws `StoreBusyError` (nothing stored).
/// - WAL size: every connection sets `PRAGMA journal_size_limit` to `walSizeLimit` (4 MiB), so
///   SQLite truncates the `-wal` file to that size whenever it resets it, and a write call that
///   leaves the `-wal` file larger than that ends with `PRAGMA wal_checkpoint(TRUNCATE)`: the
///   WAL shrinks to nothing after a big import instead of staying as large as the largest
///   transaction (`SQLiteWALCheckpoint`).
public final class SQLiteIncidentStore: IncidentStoring, Sendable {
    /// The database file.
    public let path: String
    private let pool: DatabasePool
    /// Seconds a write waits for a lock held by another process before `StoreBusyError`.
    public let busyTimeoutSeconds: Double

    /// Bytes the `-wal` file is kept to (`PRAGMA journal_size_limit`), and the size past which a
    /// write call checkpoints it away: 4 MiB, about what SQLite's automatic checkpoint lets the
    /// WAL grow to (1000 pages of 4 KiB).
    public static let walSizeLimit = 4 << 20

    /// Opens the database at `path`, creating the file and the schema when missing and
    /// applying pending migrations.
    /// - Parameter busyTimeoutSeconds: how long a write waits for a lock another process holds
    ///   (default 30 s) before it throws `StoreBusyError`.
    /// - Throws: `DatabaseError` when the file cannot be opened or migrated (SQLite's message),
    ///   `QueryError.newerSchema` when a newer BorderMap wrote it.
    public init(path: String, busyTimeoutSeconds: Double = 30) throws {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeoutSeconds)
        config.label = "BorderMap incidents"
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA journal_size_limit = \(Self.walSizeLimit)") }
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
        self.busyTimeoutSeconds = busyTimeoutSeconds
    }

    /// The schema version recorded in the database (`meta.schema_version`).
    /// - Throws: `DatabaseError`.
    public func schemaVersion() async throws -> Int {
        try await pool.read { try Int.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'schema_version'") ?? 0 }
    }

    /// Records pulled from a source per batch, and batches read ahead of the writer.
    static let batchSize = 10_000, readAhead = 2

    /// Stores `records` in one transaction (see the type for identifiers); records whose
    /// `sourceKey` is stored already, or repeats within `records`, count as duplicates.
    /// - Throws: `StoreBusyError` when another process kept the file locked past the busy
    ///   timeout; `DatabaseError` (nothing of this call is stored), e.g. for coordinates out of
    ///   range (CHECK constraint).
    public func insert(_ records: [IncidentRecord]) async throws -> InsertSummary {
        try await insert(from: IncidentRecordArraySource(records))
    }

    /// Stores every record `source` yields in one `BEGIN IMMEDIATE` transaction, reading the
    /// source on a thread of its own, at most `readAhead` batches of `batchSize` ahead of the
    /// writer, so memory stays bounded (SQLite sorts and stages in temporary files);
    /// `SQLiteBulkInsert` has the steps and their measured costs. Duplicates and identifiers as
    /// for `insert(_:)` (see the type).
    /// - Throws: the source's error, `StoreBusyError` (another process kept the file locked
    ///   past the busy timeout) or `DatabaseError`; either way nothing of this call is stored
    ///   and the source is no longer read once this returns.
    public func insert(from source: some IncidentRecordSource) async throws -> InsertSummary {
        try await insert(from: source, batchSize: Self.batchSize, afterBatch: nil)
    }

    /// `insert(from:)` with another batch size, calling `afterBatch` with the number of records
    /// written so far after each batch (tests watch how far ahead the reading runs).
    func insert(from source: some IncidentRecordSource, batchSize: Int,
                afterBatch: (@Sendable (Int) -> Void)?) async throws -> InsertSummary {
        let importedAt = SQLiteRowDecoder.storedSeconds(Date())
        let prefetcher = RecordPrefetcher(source: source, batchSize: batchSize, depth: Self.readAhead)
        defer { prefetcher.finish() }
        let (received, stored) = try await busyAsTyped { try await self.pool.writeWithoutTransaction { db -> (Int, Int) in
            var received = 0, stored = 0
            // For this (writer) connection: a 64 MiB page cache, so that a large transaction does
            // not spill pages of the random-order key indexes to the WAL again and again. Temporary
            // storage in files: the staging table and SQLite's sorter then take bounded memory.
            try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA temp_store = FILE; PRAGMA temp.cache_size = -16384")
            do {
                try db.inTransaction(.immediate) {
                    let bulk = try SQLiteBulkInsert(db: db, importedAt: importedAt)
                    while let batch = try prefetcher.next() {
                        try bulk.add(batch)
                        received += batch.count
                        afterBatch?(received)
                    }
                    stored = try bulk.finish()
                    if stored > 0 {
                        try db.execute(sql: "UPDATE meta SET value = value + 1 WHERE key = 'data_version'")
                    }
                    return .commit
                }
            } catch {
                prefetcher.finish()  // stop reading at once rather than after the rollback
                throw error
            }
            if stored > 0 { SQLiteWALCheckpoint.truncateIfLarge(db, path: self.path, busyTimeoutSeconds: self.busyTimeoutSeconds) }
            return (received, stored)
        } }
        return InsertSummary(received: received, stored: stored, duplicates: received - stored)
    }

    /// The `meta.data_version` counter (see the type): one indexed read.
    /// - Throws: `DatabaseError`.
    public func dataVersion() async throws -> Int64 {
        try await pool.read { try Int64.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'data_version'") ?? 0 }
    }

    /// Runs `body`, turning SQLite's "database is locked" (`SQLITE_BUSY`, after the busy
    /// timeout) into `StoreBusyError`.
    private func busyAsTyped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let e as DatabaseError where e.resultCode == .SQLITE_BUSY {
            throw StoreBusyError(backend: "SQLite", waitedSeconds: busyTimeoutSeconds, message: e.message ?? "database is locked")
        }
    }

    /// The connection pool, for the query extension.
    var reader: DatabasePool { pool }
}
