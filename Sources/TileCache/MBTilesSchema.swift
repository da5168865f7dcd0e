/// The SQL layout of BorderMap's MBTiles files.
///
/// MBTiles 1.3 asks only for a `metadata` table and a `tiles` table or view with
/// `zoom_level, tile_column, tile_row, tile_data` (rows in TMS order, counted from the south).
/// BorderMap stores more, because a cache must never serve a stale tile and one file may cache
/// several styles and pixel ratios for the server:
///
/// - `map`: one row per (style, scale, zoom_level, tile_column, tile_row), with the key the tile
///   was rendered with (`style_hash`, `data_version`) and the `tile_id` of its image.
/// - `images`: `tile_id` → `tile_data`, deduplicated by content (the many identical sea and
///   desert tiles are stored once; `tile_id` is the FNV-1a 64 of the bytes in hex, with a
///   `-n` suffix in the unlikely case two different images share a hash).
/// - `tiles`: a VIEW joining them, restricted to the style and scale named in `metadata`
///   (`bordermap:style`, `bordermap:scale`): what GDAL, QGIS and other MBTiles readers see.
///
/// `bordermap:schema` in `metadata` is the layout version; a newer one is refused.
enum MBTilesSchema {
    static let version = 1
    static let versionKey = "bordermap:schema"

    static let create = """
        CREATE TABLE metadata (name TEXT NOT NULL PRIMARY KEY, value TEXT);
        CREATE TABLE map (
            style TEXT NOT NULL,
            scale INTEGER NOT NULL,
            zoom_level INTEGER NOT NULL,
            tile_column INTEGER NOT NULL,
            tile_row INTEGER NOT NULL,
            style_hash INTEGER NOT NULL,
            data_version INTEGER,
            tile_id TEXT NOT NULL,
            PRIMARY KEY (style, scale, zoom_level, tile_column, tile_row)
        ) WITHOUT ROWID;
        CREATE INDEX map_tile_id ON map (tile_id);
        CREATE TABLE images (tile_id TEXT NOT NULL PRIMARY KEY, tile_data BLOB NOT NULL);
        CREATE VIEW tiles AS
            SELECT m.zoom_level AS zoom_level, m.tile_column AS tile_column, m.tile_row AS tile_row,
                   i.tile_data AS tile_data
            FROM map AS m JOIN images AS i ON i.tile_id = m.tile_id
            WHERE m.style = (SELECT value FROM metadata WHERE name = 'bordermap:style')
              AND m.scale = (SELECT CAST(value AS INTEGER) FROM metadata WHERE name = 'bordermap:scale');
        """

    /// The stored form of a style hash: SQLite integers are signed 64-bit.
    static func stored(_ hash: UInt64) -> Int64 { Int64(bitPattern: hash) }

    /// MBTiles row (TMS, from the south) for XYZ row `y` at zoom `z`: `2^z - 1 - y`.
    static func tmsRow(z: Int, y: Int) -> Int { (1 << z) - 1 - y }
}
