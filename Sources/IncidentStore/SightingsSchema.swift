/// The `sightings` table of both incident stores (schema version 2), for plate-reader (ANPR)
/// records: one row per reading.
///
/// Columns: `seq` (primary key), `plate` and `camera_id` (text, byte order: `COLLATE "C"` in
/// PostgreSQL), `time_ms` (**integer milliseconds since 1970-01-01 UTC**, so both backends hold
/// and compare exactly the same value), `lon`/`lat` (WGS 84 degrees, range-checked), `source`
/// (text or NULL), `source_key` (unique: the row's content hash, as for incidents) and
/// `imported_at_ms`. Indexes: `(plate, time_ms)` for one plate's track, `(camera_id, time_ms)` for
/// a camera's traffic, `(time_ms)` for time windows.
enum SightingsSchema {
    /// SQLite statements (migration "v2" of `SQLiteSchema`).
    static let sqlite = """
        CREATE TABLE sightings (
            seq INTEGER PRIMARY KEY,
            plate TEXT NOT NULL,
            camera_id TEXT NOT NULL,
            time_ms INTEGER NOT NULL,
            lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
            lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
            source TEXT,
            source_key TEXT NOT NULL UNIQUE,
            imported_at_ms INTEGER NOT NULL
        );
        CREATE INDEX sightings_plate_time ON sightings (plate, time_ms);
        CREATE INDEX sightings_camera_time ON sightings (camera_id, time_ms);
        CREATE INDEX sightings_time ON sightings (time_ms);
        UPDATE meta SET value = 2 WHERE key = 'schema_version';
        """

    /// PostgreSQL statements (migration 2 of `PostgresSchema`).
    static let postgres = [
        """
        CREATE TABLE sightings (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            plate text COLLATE "C" NOT NULL,
            camera_id text COLLATE "C" NOT NULL,
            time_ms bigint NOT NULL,
            lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
            lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
            source text,
            source_key text COLLATE "C" NOT NULL UNIQUE,
            imported_at_ms bigint NOT NULL
        )
        """,
        "CREATE INDEX sightings_plate_time ON sightings (plate, time_ms)",
        "CREATE INDEX sightings_camera_time ON sightings (camera_id, time_ms)",
        "CREATE INDEX sightings_time ON sightings (time_ms)",
    ]

    /// The columns every read selects, in `StoredSighting` order, and the order of reads.
    static let selectColumns = "s.plate, s.camera_id, s.time_ms, s.lon, s.lat, s.source, s.source_key"
    static let order = "ORDER BY s.time_ms, s.plate, s.camera_id, s.source_key"
}
