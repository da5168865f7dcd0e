import Foundation
import GeoFormats
import PostgresNIO

/// Writes of `PostgresIncidentStore`: one transaction per call, under the writers' advisory
/// lock; records are streamed with `COPY` into the staging table `bm_incoming` a batch at a
/// time, then moved into `incidents` with the identifier rules of `SQLiteIncidentStore`:
///
/// 1. `bm_new`: one row per source key not stored yet (the first of repeats within the call),
///    with its first candidate identifier (its own `id` when non-empty, else `inc-` + the first
///    16 characters of its key) and its generated one.
/// 2. A record is "plain" when its first candidate is not stored, is no candidate of any other
///    new record, and does not look like a suffixed generated id (`inc-…-N`). Plain records
///    compete with no one, so one `INSERT … SELECT` stores them all with their first candidate,
///    in key order (sequential index inserts).
/// 3. The rest (`bm_hard`, usually none) first try their first candidate, all in one
///    `INSERT … ORDER BY source_key ON CONFLICT DO NOTHING` (so among records wanting one id the
///    smallest key wins, as in SQLite); those that lost then loop, in key order, server-side in
///    a PL/pgSQL block: generated id, then the generated id with `-2`, `-3`, ….
///
/// A bulk load (`PostgresBulkLoad`: many new rows, at least as many as stored) drops the
/// secondary indexes before step 2's insert and builds them again before step 3.
///
/// Speed: see Benchmarks/README.md (incidents, PostgreSQL).
extension PostgresIncidentStore {
    /// Records pulled from the source per `COPY` write.
    static let batchSize = 10_000

    /// Stores `records` in one transaction (see `insert(from:)`).
    /// - Throws: `StoreError` (nothing of this call is stored).
    public func insert(_ records: [IncidentRecord]) async throws -> InsertSummary {
        if records.isEmpty { return InsertSummary(received: 0, stored: 0, duplicates: 0) }
        return try await insert(from: IncidentRecordArraySource(records))
    }

    /// Stores every record of `source` in one transaction, streaming them to the server with
    /// `COPY` so that memory stays bounded; repeats of a stored or earlier `sourceKey` count as
    /// duplicates. When the source or the server fails (e.g. a latitude out of range violates
    /// the CHECK constraint), or the process dies, nothing of the call is stored.
    /// - Throws: what the source throws, `StoreBusyError` when another writer held the lock
    ///   past `lockTimeoutSeconds` (SQLSTATE 55P03), or `StoreError`.
    public func insert(from source: some IncidentRecordSource) async throws -> InsertSummary {
        try await waitUntilReady()
        let importedAtMs = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        let logger = self.logger
        let timeoutMs = max(1, Int((lockTimeoutSeconds * 1000).rounded()))
        do {
            return try await client.withConnection { connection in
                try await connection.withTransaction(logger: logger) { c in
                    // Only waits for locks are bounded (statement time is not): SQLite's busy timeout.
                    try await c.query(PostgresQuery(unsafeSQL: "SET LOCAL lock_timeout = \(timeoutMs)"), logger: logger)
                    return try await self.insert(from: source, importedAtMs: importedAtMs, lockTimeoutMs: timeoutMs,
                                                 connection: c, logger: logger)
                }
            }
        } catch {
            let wrapped = StoreError.wrap(error, doing: "storing incidents")
            if let e = wrapped as? StoreError, case .server(_, let state, let message) = e, state == "55P03" {
                throw StoreBusyError(backend: "PostgreSQL", waitedSeconds: lockTimeoutSeconds, message: message)
            }
            throw wrapped
        }
    }

    /// The body of the write transaction. The source is read on a thread of its own
    /// (`RecordPrefetcher`) while the previous batch is encoded and copied.
    private func insert(from source: some IncidentRecordSource, importedAtMs: Int64, lockTimeoutMs: Int,
                        connection c: PostgresConnection, logger: Logger) async throws -> InsertSummary {
        // Drained: a failed wait for the lock (lock_timeout, 55P03) arrives with the rows, after
        // `query` has returned, and would otherwise surface later as "transaction is aborted".
        for try await _ in try await c.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey))", logger: logger) {}
        try await c.query(PostgresQuery(unsafeSQL: PostgresCopyText.createStagingTable), logger: logger)
        let prefetcher = RecordPrefetcher(source: source, batchSize: Self.batchSize, depth: 2)
        defer { prefetcher.finish() }
        var received = 0
        try await c.copyFrom(table: "bm_incoming", columns: PostgresCopyText.columns, logger: logger) { writer in
            while let batch = try prefetcher.next() {
                var buffer = ByteBufferAllocator().buffer(capacity: batch.count * 192)
                for record in batch {
                    PostgresCopyText.append(record, ord: received, to: &buffer)
                    received += 1
                }
                try await writer.write(buffer)
            }
        }
        if received == 0 { return InsertSummary(received: 0, stored: 0, duplicates: 0) }
        let sql = Self.resolutionSQL(importedAtMs: importedAtMs)
        for statement in sql.prepare {
            try await c.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
        let stored = try await Self.count("SELECT count(*) FROM bm_new", c, logger)
        var rebuild: [PostgresBulkLoad.Index]?
        if stored >= bulkLoadMinimumRows,
           PostgresBulkLoad.isBulk(newRows: stored, existingRows: try await Self.count("SELECT count(*) FROM incidents", c, logger),
                                   minimumRows: bulkLoadMinimumRows) {
            rebuild = try await PostgresBulkLoad.begin(c, lockTimeoutMs: lockTimeoutMs, logger: logger)
        }
        try await c.query(PostgresQuery(unsafeSQL: sql.plain), logger: logger)
        if let rebuild { try await PostgresBulkLoad.finish(c, rebuilding: rebuild, logger: logger) }
        for statement in sql.contested {
            try await c.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
        if stored > 0 {
            try await c.query("""
                WITH v AS (UPDATE meta SET value = value + 1 WHERE key = 'data_version' RETURNING value)
                SELECT pg_notify(\(Self.notificationChannel), value::text) FROM v
                """, logger: logger)
        }
        return InsertSummary(received: received, stored: stored, duplicates: received - stored)
    }

    /// The one integer `sql` selects.
    private static func count(_ sql: String, _ c: PostgresConnection, _ logger: Logger) async throws -> Int {
        var n = 0
        for try await v in try await c.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(Int64.self) { n = Int(v) }
        return n
    }

    /// The statements that move `bm_incoming` into `incidents` (see the extension's comment):
    /// `prepare` builds `bm_new` and `bm_hard`, `plain` stores the plain records (the one large
    /// insert, which a bulk load runs without the secondary indexes), `contested` the rest.
    /// `importedAtMs` is an integer, so writing it into the SQL is safe.
    static func resolutionSQL(importedAtMs: Int64) -> (prepare: [String], plain: String, contested: [String]) {
        let generated = "'inc-' || left(s.source_key, 16)"
        let values = """
            timestamptz 'epoch' + n.occurred_ms * interval '1 millisecond', n.lon, n.lat, n.category, n.substance,
            n.quantity_kg, n.agency, n.border_post, n.source, n.properties::jsonb, n.source_key,
            timestamptz 'epoch' + \(importedAtMs) * interval '1 millisecond'
            """
        let columns = "occurred_at, lon, lat, category, substance, quantity_kg, agency, border_post, source, properties, source_key, imported_at"
        let prepare = [
            """
            CREATE TEMP TABLE bm_new ON COMMIT DROP AS
            SELECT DISTINCT ON (s.source_key) s.*, \(generated) AS gen,
                   CASE WHEN s.own_id <> '' AND s.own_id <> \(generated) THEN s.own_id ELSE \(generated) END AS first
            FROM bm_incoming s
            WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.source_key = s.source_key)
            ORDER BY s.source_key, s.ord
            """,
            "ANALYZE bm_new",
            """
            CREATE TEMP TABLE bm_hard ON COMMIT DROP AS
            WITH candidates AS (
                SELECT first AS c FROM bm_new UNION ALL SELECT gen FROM bm_new WHERE first <> gen
            ), shared AS (
                SELECT c FROM candidates GROUP BY c HAVING count(*) > 1
            )
            SELECT n.source_key FROM bm_new n
            WHERE n.first ~ '^inc-.*-[0-9]+$'
               OR EXISTS (SELECT 1 FROM incidents i WHERE i.id = n.first)
               OR EXISTS (SELECT 1 FROM shared WHERE shared.c = n.first)
            """,
        ]
        let plain = """
            INSERT INTO incidents (id, \(columns))
            SELECT n.first, \(values) FROM bm_new n
            WHERE NOT EXISTS (SELECT 1 FROM bm_hard h WHERE h.source_key = n.source_key)
            ORDER BY n.source_key
            """
        let contested = [
            """
            INSERT INTO incidents (id, \(columns))
            SELECT n.first, \(values) FROM bm_new n JOIN bm_hard h ON h.source_key = n.source_key
            ORDER BY n.source_key
            ON CONFLICT (id) DO NOTHING
            """,
            """
            DO $$
            DECLARE n record; k int; candidate text;
            BEGIN
                FOR n IN SELECT b.* FROM bm_new b JOIN bm_hard h ON h.source_key = b.source_key
                         WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.source_key = b.source_key)
                         ORDER BY b.source_key LOOP
                    k := 1;
                    LOOP
                        candidate := CASE WHEN k = 0 THEN n.first
                                          WHEN n.first <> n.gen AND k = 1 THEN n.gen
                                          WHEN n.first <> n.gen THEN n.gen || '-' || k
                                          ELSE n.gen || '-' || (k + 1) END;
                        INSERT INTO incidents (id, \(columns)) VALUES (candidate, \(values))
                        ON CONFLICT (id) DO NOTHING;
                        EXIT WHEN FOUND;
                        k := k + 1;
                    END LOOP;
                END LOOP;
            END $$
            """,
        ]
        return (prepare, plain, contested)
    }
}
