import PostgresNIO

/// The PostgreSQL schema of `PostgresIncidentStore` and its migrations.
///
/// Tables (schema version 1), the same columns as `SQLiteSchema` where the types allow:
/// - `incidents`: `seq` (identity primary key), `id` and `source_key` (`text COLLATE "C"`, unique,
///   so that their order is byte order as in SQLite), `occurred_at` and `imported_at`
///   (`timestamptz`, whole milliseconds), `lon`/`lat` (`double precision`, range-checked),
///   category … source (`text`), `quantity_kg` (`double precision`), `properties` (`jsonb`
///   object of strings) and `geom`, a `geometry(Point, 4326)` generated from `lon`/`lat` (so
///   the two can never disagree) with a GiST index. Indexes on `(occurred_at, id)` and on each
///   filter column, as in SQLite.
/// - Version 2 adds `sightings` (plate-reader records; see `SightingsSchema`).
/// - `meta(key, value)`: `schema_version` and `data_version` (incremented in every write
///   transaction that stores incidents).
///
/// Migrations run in one transaction holding an advisory lock, so that several servers
/// starting at once against a new database do not race; PostGIS is created when the database
/// lacks it (`CREATE EXTENSION` needs a superuser or the database owner on PostgreSQL 15).
enum PostgresSchema {
    /// The schema version the migrations of this build produce.
    static let version = 2

    /// The advisory lock key of migrations and writes ("BMAP" in ASCII).
    static let lockKey: Int64 = 0x424D_4150

    /// Each migration's statements, by the version it produces.
    static let migrations: [Int: [String]] = [
        1: [
            """
            CREATE TABLE incidents (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id text COLLATE "C" NOT NULL UNIQUE,
                occurred_at timestamptz NOT NULL,
                lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
                lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
                category text,
                substance text,
                quantity_kg double precision,
                agency text,
                border_post text,
                source text,
                properties jsonb NOT NULL DEFAULT '{}',
                source_key text COLLATE "C" NOT NULL UNIQUE,
                imported_at timestamptz NOT NULL,
                geom geometry(Point, 4326) NOT NULL GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED
            )
            """,
            "CREATE INDEX incidents_geom ON incidents USING gist (geom)",
            "CREATE INDEX incidents_occurred_at ON incidents (occurred_at, id)",
            "CREATE INDEX incidents_category ON incidents (category)",
            "CREATE INDEX incidents_substance ON incidents (substance)",
            "CREATE INDEX incidents_agency ON incidents (agency)",
            "CREATE INDEX incidents_border_post ON incidents (border_post)",
            "INSERT INTO meta (key, value) VALUES ('data_version', 0) ON CONFLICT DO NOTHING",
        ],
        2: SightingsSchema.postgres,
    ]

    /// Brings the database of `connection` to `version`: PostGIS, `meta`, then each migration
    /// not yet applied, in one transaction.
    /// - Throws: `StoreError.postgisMissing`, `.newerSchema`, `.server`.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        let doing = "migrating the incident schema"
        do {
            try await connection.withTransaction(logger: logger) { c in
                try await c.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
                let hasPostGIS = try await c.query("SELECT 1 FROM pg_extension WHERE extname = 'postgis'", logger: logger)
                    .collect().count == 1
                if !hasPostGIS {
                    do {
                        try await c.query("CREATE EXTENSION IF NOT EXISTS postgis", logger: logger)
                    } catch let e as PSQLError {
                        throw PostgresIncidentStore.StoreError.postgisMissing(e.serverInfo?[.message] ?? "\(e.code)")
                    }
                }
                try await c.query("CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value bigint NOT NULL)", logger: logger)
                var current = 0
                for try await v in try await c.query("SELECT value FROM meta WHERE key = 'schema_version'", logger: logger)
                    .decode(Int64.self) { current = Int(v) }
                if current > version { throw PostgresIncidentStore.StoreError.newerSchema(found: current, supported: version) }
                for next in stride(from: current + 1, through: version, by: 1) {
                    for sql in migrations[next] ?? [] {
                        try await c.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                    }
                    try await c.query("""
                        INSERT INTO meta (key, value) VALUES ('schema_version', \(Int64(next)))
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value
                        """, logger: logger)
                }
            }
        } catch {
            throw PostgresIncidentStore.StoreError.wrap(error, doing: doing)
        }
    }
}
