import Foundation
import GeoFormats
import PostgresNIO

/// Plate-reader sightings in the PostgreSQL store (table `sightings`, `SightingsSchema`),
/// answering as `SQLiteIncidentStore` does.
extension PostgresIncidentStore: SightingStoring {
    /// Records sent per batched insert into the staging table.
    static let sightingBatchSize = 5_000

    /// `insertSightings(from:)` over the records in memory.
    /// - Throws: as `insertSightings(from:)`.
    public func insertSightings(_ records: [SightingRecord]) async throws -> InsertSummary {
        if records.isEmpty { return InsertSummary(received: 0, stored: 0, duplicates: 0) }
        return try await insertSightings(from: SightingRecordArraySource(records))
    }

    /// Stores the source's records in one transaction under the writers' advisory lock:
    /// batches of `sightingBatchSize` pulled from the source go into a temporary staging table
    /// as bound arrays (`unnest`), then one `INSERT … SELECT DISTINCT ON (source_key)` (the
    /// first of repeats, by position) moves the keys not stored yet into `sightings`. An empty
    /// `source` is stored as NULL. The staging table lives in the server's temporary space,
    /// so this process holds one batch at a time.
    /// - Throws: `StoreError` (nothing of the call is stored); what the source throws.
    public func insertSightings(from source: some SightingRecordSource) async throws -> InsertSummary {
        try await waitUntilReady()
        let importedAt = SightingQuery.milliseconds(Date())
        let logger = self.logger
        do {
            let (received, stored) = try await client.withConnection { connection in
                try await connection.withTransaction(logger: logger) { c -> (Int, Int) in
                    try await c.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey))", logger: logger)
                    try await c.query("""
                        CREATE TEMP TABLE bm_sightings_in (
                            ord bigint NOT NULL, plate text, camera_id text, time_ms bigint, lon double precision,
                            lat double precision, source text, source_key text COLLATE "C" NOT NULL
                        ) ON COMMIT DROP
                        """, logger: logger)
                    var start = 0
                    while let batch = try source.nextBatch(maxCount: Self.sightingBatchSize) {
                        let ords = batch.indices.map { Int64(start + $0) }
                        let plates = batch.map(\.plate), cameras = batch.map(\.cameraID)
                        let times = batch.map { SightingQuery.milliseconds($0.time) }
                        let lons = batch.map(\.lon), lats = batch.map(\.lat)
                        let sources = batch.map { $0.source ?? "" }, keys = batch.map(\.sourceKey)
                        try await c.query("""
                            INSERT INTO bm_sightings_in
                            SELECT * FROM unnest(\(ords)::bigint[], \(plates)::text[], \(cameras)::text[], \(times)::bigint[],
                                                 \(lons)::float8[], \(lats)::float8[], \(sources)::text[], \(keys)::text[])
                            """, logger: logger)
                        start += batch.count
                    }
                    var stored = 0
                    let rows = try await c.query("""
                        WITH ins AS (
                            INSERT INTO sightings (plate, camera_id, time_ms, lon, lat, source, source_key, imported_at_ms)
                            SELECT plate, camera_id, time_ms, lon, lat, NULLIF(source, ''), source_key, \(importedAt)
                            FROM (SELECT DISTINCT ON (i.source_key) i.* FROM bm_sightings_in i
                                  WHERE NOT EXISTS (SELECT 1 FROM sightings s WHERE s.source_key = i.source_key)
                                  ORDER BY i.source_key, i.ord) n
                            ORDER BY ord
                            RETURNING 1)
                        SELECT count(*) FROM ins
                        """, logger: logger)
                    for try await n in rows.decode(Int64.self) { stored = Int(n) }
                    return (start, stored)
                }
            }
            return InsertSummary(received: received, stored: stored, duplicates: received - stored)
        } catch {
            throw StoreError.wrap(error, doing: "storing sightings")
        }
    }

    /// Streams the selected sightings (one statement, rows delivered with back-pressure).
    /// - Throws: `StoreError`, or what `body` throws (which stops the iteration).
    public func forEachSighting(matching query: SightingQuery, _ body: @Sendable (StoredSighting) throws -> Void) async throws {
        try await waitUntilReady()
        let sql = "SELECT \(SightingsSchema.selectColumns) FROM sightings s \(Self.placeholder(query).sql) \(SightingsSchema.order)"
        do {
            let rows = try await client.query(Self.sightingQuery(sql, query), logger: logger)
            for try await row in rows {
                let (plate, camera, ms, lon, lat, source, key) = try row.decode((String, String, Int64, Double, Double, String?, String).self)
                try body(StoredSighting(plate: plate, cameraID: camera, time: Date(timeIntervalSince1970: Double(ms) / 1000),
                                        lon: lon, lat: lat, source: source, sourceKey: key))
            }
        } catch let error as PSQLError {
            throw StoreError.wrap(error, doing: "reading sightings")
        }
    }

    /// `count(*)` of the selected sightings.
    /// - Throws: `StoreError`.
    public func countSightings(matching query: SightingQuery) async throws -> Int {
        try await waitUntilReady()
        let sql = "SELECT count(*) FROM sightings s \(Self.placeholder(query).sql)"
        var n = 0
        do {
            for try await v in try await client.query(Self.sightingQuery(sql, query), logger: logger).decode(Int64.self) { n = Int(v) }
        } catch let error as PSQLError {
            throw StoreError.wrap(error, doing: "counting sightings")
        }
        return n
    }

    private static func placeholder(_ query: SightingQuery) -> (sql: String, values: [SightingQueryValue]) {
        query.whereClause { "$\($0)" }
    }

    /// `sql` with the query's values bound as $1, $2, ….
    private static func sightingQuery(_ sql: String, _ query: SightingQuery) -> PostgresQuery {
        var binds = PostgresBindings()
        for v in placeholder(query).values {
            switch v {
            case .text(let t): binds.append(t)
            case .integer(let i): binds.append(i)
            case .number(let d): binds.append(d)
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}
