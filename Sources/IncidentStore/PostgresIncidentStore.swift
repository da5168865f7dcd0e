import Foundation
import GeoFormats
import PostgresNIO

/// The shared incident store: PostgreSQL 15 + PostGIS, for a situation centre running several
/// BorderMap servers against one database. It answers every query exactly as
/// `SQLiteIncidentStore` does (identifiers, duplicates, order, edges, areas, grouped counts).
///
/// - Connections: a PostgresNIO `PostgresClient` pool, run by a task the store owns; call
///   `shutdown()` when done (dropping the store also cancels the pool, less politely). The
///   URL forms are those of `PostgresURL`. The schema (`PostgresSchema`) is created or migrated
///   over a connection of its own when the store opens, so a wrong address, a refused login or
///   a server without PostGIS fails at once with a clear `StoreError` rather than on first use.
/// - Writes: every `insert` call is one transaction holding an advisory lock (one writer at a
///   time across all servers, as with SQLite): the records are streamed with `COPY` into a
///   temporary table, then moved into `incidents` by set-based SQL with the same identifier and
///   duplicate rules as SQLite (`PostgresIncidentInsert`). A write of at least 100,000 new rows
///   that at least doubles the table is a bulk load: it drops the secondary indexes and builds
///   them once after the insert, and other sessions' reads wait for its commit
///   (`PostgresBulkLoad`). A killed process (`kill -9`) leaves
///   none or all of that call's rows, since PostgreSQL rolls back a transaction whose client
///   is gone.
/// - Data version: `meta.data_version`, incremented in the same transaction as every write that
///   stores at least one incident, so every server reading the database sees the new value with
///   one primary-key lookup as soon as the rows are visible; the commit also sends
///   `NOTIFY bordermap_data_version` with the new value as payload, for servers that prefer to
///   `LISTEN` rather than poll.
/// - Areas: tested with GEOS "covers" (boundary inside) on the rows of the area's bounding box,
///   the same code as SQLite, so both backends agree even on boundary points.
public final class PostgresIncidentStore: IncidentStoring, Sendable {
    /// Where the database is (its password is not shown by `description`).
    public let url: PostgresURL
    let client: PostgresClient
    let logger: Logger
    private let runTask: Task<Void, Never>
    private let ready: Task<Void, any Error>
    /// Seconds a write waits for the writers' lock (another server's import) before it throws
    /// `StoreBusyError` (the transaction's `lock_timeout`).
    public let lockTimeoutSeconds: Double
    /// Fewest new rows for which a write that at least doubles the table is a bulk load
    /// (`PostgresBulkLoad`: indexes built once after the insert).
    let bulkLoadMinimumRows: Int

    /// The channel of the commit notifications.
    public static let notificationChannel = "bordermap_data_version"

    /// Starts connecting to the database at `url` (see `PostgresURL`) and creating or migrating
    /// its schema in the background; the first call that needs the database waits for that
    /// and throws its error. `open(_:)` waits at once.
    /// - Parameter lockTimeoutSeconds: how long a write waits for another writer (default 30 s)
    ///   before it throws `StoreBusyError`, as SQLite's busy timeout.
    /// - Throws: `StoreError.invalidURL`.
    public convenience init(url text: String, lockTimeoutSeconds: Double = 30) throws {
        try self.init(url: text, lockTimeoutSeconds: lockTimeoutSeconds, bulkLoadMinimumRows: PostgresBulkLoad.defaultMinimumRows)
    }

    /// `init(url:lockTimeoutSeconds:)` with another bulk-load threshold (tests).
    init(url text: String, lockTimeoutSeconds: Double, bulkLoadMinimumRows: Int) throws {
        let url = try PostgresURL(text)
        var logger = Logger(label: "bordermap.postgres")
        logger.logLevel = .critical  // errors are thrown to the caller, not logged
        let client = PostgresClient(configuration: url.clientConfiguration, backgroundLogger: logger)
        self.url = url
        self.client = client
        self.logger = logger
        self.lockTimeoutSeconds = lockTimeoutSeconds
        self.bulkLoadMinimumRows = bulkLoadMinimumRows
        runTask = Task { await client.run() }
        ready = Task { try await Self.prepare(url, logger: logger) }
    }

    /// Opens the database at `url` and waits until its schema is ready.
    /// - Throws: `StoreError` (`.invalidURL`, `.connectionFailed`, `.postgisMissing`,
    ///   `.newerSchema`, `.server`).
    public static func open(_ url: String, lockTimeoutSeconds: Double = 30) async throws -> PostgresIncidentStore {
        try await open(url, lockTimeoutSeconds: lockTimeoutSeconds, bulkLoadMinimumRows: PostgresBulkLoad.defaultMinimumRows)
    }

    /// `open(_:lockTimeoutSeconds:)` with another bulk-load threshold (tests).
    static func open(_ url: String, lockTimeoutSeconds: Double = 30, bulkLoadMinimumRows: Int) async throws -> PostgresIncidentStore {
        let store = try PostgresIncidentStore(url: url, lockTimeoutSeconds: lockTimeoutSeconds, bulkLoadMinimumRows: bulkLoadMinimumRows)
        do {
            try await store.ready.value
        } catch {
            await store.shutdown()
            throw error
        }
        return store
    }

    /// Closes the pool's connections and ends its task; the store cannot be used afterwards.
    public func shutdown() async {
        ready.cancel()
        runTask.cancel()
        await runTask.value
    }

    deinit {
        ready.cancel()
        runTask.cancel()
    }

    /// Waits for the schema; every operation calls it first.
    func waitUntilReady() async throws {
        try await ready.value
    }

    /// Connects once, directly, to report connection errors clearly, and migrates.
    private static func prepare(_ url: PostgresURL, logger: Logger) async throws {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: url.connectionConfiguration, id: 0, logger: logger)
        } catch let e as PSQLError {
            let reason = e.serverInfo?[.message] ?? e.underlying.map { String(describing: $0) } ?? "\(e.code)"
            throw StoreError.connectionFailed(url.description, reason)
        }
        do {
            try await PostgresSchema.migrate(connection, logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }

    /// The schema version recorded in the database (`meta.schema_version`).
    /// - Throws: `StoreError`.
    public func schemaVersion() async throws -> Int {
        Int(try await metaValue("schema_version"))
    }

    /// The `meta.data_version` counter (see the type): one primary-key read.
    /// - Throws: `StoreError`.
    public func dataVersion() async throws -> Int64 {
        try await metaValue("data_version")
    }

    private func metaValue(_ key: String) async throws -> Int64 {
        try await waitUntilReady()
        do {
            var value: Int64 = 0
            for try await v in try await client.query("SELECT value FROM meta WHERE key = \(key)", logger: logger).decode(Int64.self) {
                value = v
            }
            return value
        } catch {
            throw StoreError.wrap(error, doing: "reading meta.\(key)")
        }
    }
}
