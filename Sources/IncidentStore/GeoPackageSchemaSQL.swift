import Foundation

/// The SQL of a GeoPackage 1.3 vector file (OGC 12-128r18): the core tables of §1.1.2-§1.1.3
/// and §2.1.5-§2.1.6, the extensions table of §2.3, and the R-tree spatial index of Annex F.3
/// with its six triggers.
enum GeoPackageSchemaSQL {
    /// `application_id` 'GPKG' (0x47504B47) and `user_version` 10300 (GeoPackage 1.3.x).
    static let pragmas = """
        PRAGMA application_id = \(0x4750_4B47);
        PRAGMA user_version = 10300;
        """

    /// gpkg_spatial_ref_sys, gpkg_contents, gpkg_geometry_columns and gpkg_extensions.
    static let coreTables = """
        CREATE TABLE gpkg_spatial_ref_sys (
            srs_name TEXT NOT NULL,
            srs_id INTEGER NOT NULL PRIMARY KEY,
            organization TEXT NOT NULL,
            organization_coordsys_id INTEGER NOT NULL,
            definition TEXT NOT NULL,
            description TEXT
        );
        CREATE TABLE gpkg_contents (
            table_name TEXT NOT NULL PRIMARY KEY,
            data_type TEXT NOT NULL,
            identifier TEXT UNIQUE,
            description TEXT DEFAULT '',
            last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
            min_x DOUBLE,
            min_y DOUBLE,
            max_x DOUBLE,
            max_y DOUBLE,
            srs_id INTEGER,
            CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
        );
        CREATE TABLE gpkg_geometry_columns (
            table_name TEXT NOT NULL,
            column_name TEXT NOT NULL,
            geometry_type_name TEXT NOT NULL,
            srs_id INTEGER NOT NULL,
            z TINYINT NOT NULL,
            m TINYINT NOT NULL,
            CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
            CONSTRAINT uk_gc_table_name UNIQUE (table_name),
            CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
            CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
        );
        CREATE TABLE gpkg_extensions (
            table_name TEXT,
            column_name TEXT,
            extension_name TEXT NOT NULL,
            definition TEXT NOT NULL,
            scope TEXT NOT NULL,
            CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
        );
        """

    /// `"name"` with embedded double quotes doubled (an SQL identifier).
    static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The feature table: the integer primary key, the geometry column, then the attributes.
    static func featureTable(_ table: String, fid: String, geometry: String, geometryType: String,
                             columns: [GeoPackageColumn]) -> String {
        var parts = ["\(quote(fid)) INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL", "\(quote(geometry)) \(geometryType)"]
        parts += columns.map { "\(quote($0.name)) \($0.kind.rawValue)" }
        return "CREATE TABLE \(quote(table)) (\n    " + parts.joined(separator: ",\n    ") + "\n)"
    }

    /// The INSERT of one feature row with positional parameters (geometry, then `columns`).
    static func insertFeature(_ table: String, geometry: String, columns: [GeoPackageColumn]) -> String {
        let names = [geometry] + columns.map(\.name)
        return "INSERT INTO \(quote(table)) (\(names.map(quote).joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
    }

    /// The name of the R-tree virtual table of `table`.`column`: `rtree_<t>_<c>`.
    static func rtreeName(_ table: String, _ column: String) -> String { "rtree_\(table)_\(column)" }

    /// Annex F.3: the R-tree virtual table.
    static func rtreeTable(_ table: String, _ column: String) -> String {
        "CREATE VIRTUAL TABLE \(quote(rtreeName(table, column))) USING rtree(id, minx, maxx, miny, maxy)"
    }

    /// Annex F.3: the triggers that keep the R-tree in step with later edits (insert, update1-4,
    /// delete, the GeoPackage 1.3 set). They call `ST_IsEmpty`, `ST_MinX` ... `ST_MaxY`, which
    /// GeoPackage readers such as GDAL register; plain SQLite does not have them, so the triggers
    /// are created after this writer has inserted the rows and filled the R-tree itself.
    static func rtreeTriggers(_ table: String, _ column: String, fid: String) -> [String] {
        let t = quote(table), c = quote(column), i = quote(fid)
        let r = quote(rtreeName(table, column))
        func name(_ suffix: String) -> String { quote("\(rtreeName(table, column))_\(suffix)") }
        let envelope = "NEW.\(i), ST_MinX(NEW.\(c)), ST_MaxX(NEW.\(c)), ST_MinY(NEW.\(c)), ST_MaxY(NEW.\(c))"
        return [
            """
            CREATE TRIGGER \(name("insert")) AFTER INSERT ON \(t)
            WHEN (NEW.\(c) NOT NULL AND NOT ST_IsEmpty(NEW.\(c)))
            BEGIN
                INSERT OR REPLACE INTO \(r) VALUES (\(envelope));
            END
            """,
            """
            CREATE TRIGGER \(name("update1")) AFTER UPDATE OF \(c) ON \(t)
            WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
            BEGIN
                INSERT OR REPLACE INTO \(r) VALUES (\(envelope));
            END
            """,
            """
            CREATE TRIGGER \(name("update2")) AFTER UPDATE OF \(c) ON \(t)
            WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
            BEGIN
                DELETE FROM \(r) WHERE id = OLD.\(i);
            END
            """,
            """
            CREATE TRIGGER \(name("update3")) AFTER UPDATE ON \(t)
            WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
            BEGIN
                DELETE FROM \(r) WHERE id = OLD.\(i);
                INSERT OR REPLACE INTO \(r) VALUES (\(envelope));
            END
            """,
            """
            CREATE TRIGGER \(name("update4")) AFTER UPDATE ON \(t)
            WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
            BEGIN
                DELETE FROM \(r) WHERE id IN (OLD.\(i), NEW.\(i));
            END
            """,
            """
            CREATE TRIGGER \(name("delete")) AFTER DELETE ON \(t)
            WHEN OLD.\(c) NOT NULL
            BEGIN
                DELETE FROM \(r) WHERE id = OLD.\(i);
            END
            """,
        ]
    }

    /// The gpkg_extensions row that declares the R-tree index (scope `write-only`: readers may
    /// ignore it, writers must keep it up to date).
    static let rtreeExtensionDefinition = "http://www.geopackage.org/spec120/#extension_rtree"
}
