import GRDB

/// The SQLite schema of `SQLiteIncidentStore` and its migrations (GRDB `DatabaseMigrator`).
///
/// Tables (schema version 1):
/// - `incidents`: one row per incident. `seq INTEGER PRIMARY KEY` is the rowid the R*Tree points
///   to; it is declared explicitly because VACUUM may renumber an implicit rowid, which would
///   silently break the `incidents_rtree` join. The public identifier `id` is therefore
///   `TEXT NOT NULL UNIQUE` rather than the primary key.
///   `occurred_at` and `imported_at` are REAL **unix seconds (UTC), rounded to the millisecond**:
///   compact, compared numerically, and readable in the sqlite3 shell with
///   `datetime(occurred_at, 'unixepoch')`. `lon`/`lat` are WGS 84 degrees with CHECK
///   constraints on their ranges; `properties` is a JSON object of text values (`{}` when empty);
///   `source_key` is the de-duplication key of the source row (`IncidentRecord.sourceKey`).
/// - `incidents_rtree`: an R*Tree (`rtree` module) of the incident points keyed by `seq`,
///   kept in step by triggers on insert, update of lon/lat, and delete.
/// - Version 2 adds `sightings` (plate-reader records; see `SightingsSchema`).
/// - `meta(key, value)`: `schema_version` (the version of the last migration applied) and
///   `data_version` (incremented by every write transaction that changes incidents).
enum SQLiteSchema {
    /// The schema version the migrations of this build produce.
    static let version = 2

    /// Applies every migration not yet applied.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (
                    key TEXT PRIMARY KEY NOT NULL,
                    value INTEGER NOT NULL
                );
                INSERT INTO meta (key, value) VALUES ('schema_version', 1), ('data_version', 0);
                CREATE TABLE incidents (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    occurred_at REAL NOT NULL,
                    lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
                    lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
                    category TEXT,
                    substance TEXT,
                    quantity_kg REAL,
                    agency TEXT,
                    border_post TEXT,
                    source TEXT,
                    properties TEXT NOT NULL DEFAULT '{}',
                    source_key TEXT NOT NULL UNIQUE,
                    imported_at REAL NOT NULL
                );
                CREATE INDEX incidents_occurred_at ON incidents (occurred_at, id);
                CREATE INDEX incidents_category ON incidents (category);
                CREATE INDEX incidents_substance ON incidents (substance);
                CREATE INDEX incidents_agency ON incidents (agency);
                CREATE INDEX incidents_border_post ON incidents (border_post);
                CREATE VIRTUAL TABLE incidents_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);
                CREATE TRIGGER incidents_rtree_insert AFTER INSERT ON incidents BEGIN
                    INSERT INTO incidents_rtree VALUES (new.seq, new.lon, new.lon, new.lat, new.lat);
                END;
                CREATE TRIGGER incidents_rtree_update AFTER UPDATE OF seq, lon, lat ON incidents BEGIN
                    DELETE FROM incidents_rtree WHERE id = old.seq;
                    INSERT INTO incidents_rtree VALUES (new.seq, new.lon, new.lon, new.lat, new.lat);
                END;
                CREATE TRIGGER incidents_rtree_delete AFTER DELETE ON incidents BEGIN
                    DELETE FROM incidents_rtree WHERE id = old.seq;
                END;
                """)
        }
        m.registerMigration("v2") { db in try db.execute(sql: SightingsSchema.sqlite) }
        return m
    }
}
