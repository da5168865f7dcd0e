import PostgresNIO

/// Bulk loads of `PostgresIncidentStore`: when a write brings at least `minimumRows` new
/// incidents and at least as many as `incidents` already holds (a first import, or one that
/// doubles the table), keeping the GiST index and the B-trees up to date row by row costs most of
/// the import (22 of 29 s for 1M rows into an empty table, Benchmarks/README.md). Then, inside
/// the write's transaction:
///
/// 1. `LOCK TABLE incidents IN ACCESS EXCLUSIVE MODE`, waiting at most `lockWaitMs` for readers
///    to finish (under a savepoint: when they do not, the write goes on row by row instead, so a
///    busy server never stalls behind a bulk load for long).
/// 2. The table's secondary indexes (all but the primary key, and all but invalid, clustered,
///    replica-identity and foreign-key-referenced ones, which are left alone) are read from the
///    catalog (`pg_get_indexdef`, `pg_get_constraintdef` for the unique constraints) and dropped.
/// 3. After the set-based insert, each is built once again from its own definition, with the
///    session's `maintenance_work_mem` raised to at least `maintenanceWorkMemKB`, and the table
///    is analysed so that the planner knows its new size at once.
///
/// DDL is transactional in PostgreSQL, so a failing or killed write rolls back to the old
/// indexes and rows. The price: other sessions' reads of `incidents` wait for the write's
/// commit (they would see none of its rows until then anyway). Measured in Benchmarks/README.md.
struct PostgresBulkLoad {
    /// Fewest new rows for a bulk load (below that a row-by-row insert takes a few seconds at most).
    static let defaultMinimumRows = 100_000
    /// How long the write waits for readers before it gives up the bulk load, in milliseconds.
    static let lockWaitMs = 500
    /// The `maintenance_work_mem` for the rebuild, in kB (PostgreSQL's default is 64 MB).
    static let maintenanceWorkMemKB = 256 * 1024

    /// One dropped index: how to drop it and how to build it again.
    struct Index: Equatable {
        let drop: String
        let create: String
    }

    /// The secondary indexes of `incidents` that a bulk load drops and rebuilds (see the type).
    static let indexesSQL = """
        SELECT quote_ident(c.relname), pg_get_indexdef(x.indexrelid), quote_ident(k.conname), pg_get_constraintdef(k.oid)
        FROM pg_index x
        JOIN pg_class c ON c.oid = x.indexrelid
        LEFT JOIN pg_constraint k ON k.conindid = x.indexrelid AND k.conrelid = x.indrelid AND k.contype IN ('u', 'x')
        WHERE x.indrelid = 'incidents'::regclass AND NOT x.indisprimary AND x.indisvalid
          AND NOT x.indisclustered AND NOT x.indisreplident
          AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = x.indexrelid)
        ORDER BY c.relname
        """

    /// Whether a write of `newRows` into a table of `existingRows` is a bulk load.
    static func isBulk(newRows: Int, existingRows: Int, minimumRows: Int) -> Bool {
        newRows >= minimumRows && newRows >= existingRows
    }

    /// Takes the table for the write (see the type, step 1) and drops its secondary indexes.
    /// - Returns: the dropped indexes, or nil when readers kept the table past `lockWaitMs`
    ///   (nothing dropped, the transaction as it was).
    /// - Throws: PostgresNIO's errors other than a lock timeout.
    static func begin(_ c: PostgresConnection, lockTimeoutMs: Int, logger: Logger) async throws -> [Index]? {
        try await c.query("SAVEPOINT bm_bulk", logger: logger)
        do {
            try await run(c, "SET LOCAL lock_timeout = \(lockWaitMs)", logger)
            try await run(c, "LOCK TABLE incidents IN ACCESS EXCLUSIVE MODE", logger)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55P03" {
            try await c.query("ROLLBACK TO SAVEPOINT bm_bulk", logger: logger)
            return nil
        }
        try await c.query("RELEASE SAVEPOINT bm_bulk", logger: logger)
        try await run(c, "SET LOCAL lock_timeout = \(lockTimeoutMs)", logger)
        var indexes: [Index] = []
        let rows = try await c.query(PostgresQuery(unsafeSQL: indexesSQL), logger: logger)
        for try await (name, definition, constraint, constraintDefinition) in rows.decode((String, String, String?, String?).self) {
            if let constraint, let constraintDefinition {
                indexes.append(Index(drop: "ALTER TABLE incidents DROP CONSTRAINT \(constraint)",
                                     create: "ALTER TABLE incidents ADD CONSTRAINT \(constraint) \(constraintDefinition)"))
            } else {
                indexes.append(Index(drop: "DROP INDEX \(name)", create: definition))
            }
        }
        for index in indexes { try await run(c, index.drop, logger) }
        return indexes
    }

    /// Builds `indexes` again (see the type, step 3).
    /// - Throws: PostgresNIO's errors.
    static func finish(_ c: PostgresConnection, rebuilding indexes: [Index], logger: Logger) async throws {
        try await run(c, """
            SELECT set_config('maintenance_work_mem', greatest(setting::bigint, \(maintenanceWorkMemKB)) || 'kB', true)
            FROM pg_settings WHERE name = 'maintenance_work_mem'
            """, logger)
        for index in indexes { try await run(c, index.create, logger) }
        try await run(c, "ANALYZE incidents", logger)
    }

    /// Runs `sql` and reads its rows, so that its error (if any) is thrown here.
    private static func run(_ c: PostgresConnection, _ sql: String, _ logger: Logger) async throws {
        for try await _ in try await c.query(PostgresQuery(unsafeSQL: sql), logger: logger) {}
    }
}
