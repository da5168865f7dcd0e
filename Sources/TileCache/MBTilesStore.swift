import Foundation
import GeoProjection
import GRDB

/// Tiles on disk in an MBTiles 1.3 file (SQLite through GRDB), readable by GDAL
/// (`gdalinfo tiles.mbtiles`) and QGIS, and never returning a stale tile: every tile row records
/// the key it was rendered with, and `tile(for:)` answers only when the stored key equals the
/// requested one (layout in `MBTilesSchema`).
///
/// One file may hold several styles and both pixel ratios (the server caches everything in one
/// file); the standard `tiles` view — all other MBTiles readers see — shows the style and scale
/// named in the metadata (`MBTilesMetadata.style`, `.scale`).
///
/// Thread-safe: a GRDB `DatabasePool` in WAL mode, so reads run concurrently with each other and
/// with one writer, also across processes (writers wait up to 30 s for the lock).
public final class MBTilesStore: Sendable {
    /// The file.
    public let path: String
    private let pool: DatabasePool

    /// Opens the MBTiles file at `path`, creating it with `metadata` when it is missing or an
    /// empty database. An existing file keeps its own metadata (change it with
    /// `updateMetadata(_:)`).
    /// - Throws: `MBTilesError.notMBTiles` (not SQLite; an MBTiles file from another tool, whose
    ///   tiles say nothing of what they were rendered from; tables missing), `.newerSchema`,
    ///   `.readOnly` (file or folder not writable), `.database` (SQLite's message).
    public init(path: String, metadata: MBTilesMetadata) throws {
        self.path = path
        try Self.checkFile(path)
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.label = "BorderMap MBTiles"
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
        try guarded { try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try Self.prepare(db, path: path, metadata: metadata)
                return .commit
            }
        } }
    }

    /// The stored tile for `key`, or nil when the file has no tile at that position or has one
    /// rendered with another key (style hash or data version): never a stale tile. A key naming
    /// no tile (zoom outside 0...30, column or row outside the zoom) finds nothing.
    /// - Throws: `MBTilesError.database`.
    public func tile(for key: TileKey) throws -> [UInt8]? {
        guard let p = try? Self.position(key) else { return nil }
        return try guarded { try pool.read { db in
            let sql = """
                SELECT i.tile_data FROM map AS m JOIN images AS i ON i.tile_id = m.tile_id
                WHERE m.style = ? AND m.scale = ? AND m.zoom_level = ? AND m.tile_column = ? AND m.tile_row = ?
                  AND m.style_hash = ? AND m.data_version IS ?
                """
            return try Data.fetchOne(db.cachedStatement(sql: sql), arguments: Self.arguments(key, p)).map { [UInt8]($0) }
        } }
    }

    /// True when a tile rendered with exactly `key` is stored (what a resumed seed skips).
    /// - Throws: `MBTilesError.database`.
    public func contains(_ key: TileKey) throws -> Bool {
        guard let p = try? Self.position(key) else { return false }
        return try guarded { try pool.read { db in
            let sql = """
                SELECT 1 FROM map WHERE style = ? AND scale = ? AND zoom_level = ? AND tile_column = ? AND tile_row = ?
                  AND style_hash = ? AND data_version IS ?
                """
            return try Bool.fetchOne(db.cachedStatement(sql: sql), arguments: Self.arguments(key, p)) ?? false
        } }
    }

    /// The tiles at `zoom` stored with `key`'s style, scale, style hash and data version (its
    /// z/x/y are ignored): one query for a whole zoom level, for planning a resumed seed.
    /// - Throws: `MBTilesError.database`, `.invalidKey` for a zoom outside 0...30.
    public func storedTiles(zoom: Int, like key: TileKey) throws -> Set<TileCoordinate> {
        guard TileCoordinate.zoomRange.contains(zoom) else { throw MBTilesError.invalidKey(key, reason: "zoom \(zoom) outside 0...30") }
        let rows = try guarded { try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT tile_column, tile_row FROM map WHERE style = ? AND scale = ? AND zoom_level = ?
                  AND style_hash = ? AND data_version IS ?
                """, arguments: [key.style, key.scale, zoom, MBTilesSchema.stored(key.styleHash), key.dataVersion])
        } }
        var tiles = Set<TileCoordinate>(minimumCapacity: rows.count)
        for row in rows {
            // Rows were written through `position(_:)`, so they are valid; a hand-edited bad row is skipped.
            if let t = try? TileCoordinate(z: zoom, x: row[0], tmsY: row[1]) { tiles.insert(t) }
        }
        return tiles
    }

    /// Stores one tile, replacing whatever was stored at its position (style, scale, z/x/y).
    /// - Throws: `MBTilesError.invalidKey`, `.database`.
    public func store(_ png: [UInt8], for key: TileKey) throws {
        try store([(key, png)])
    }

    /// Stores many tiles in one transaction (all or none), as seeding does.
    /// - Throws: `MBTilesError.invalidKey` (nothing stored), `.database`.
    public func store(_ tiles: [(TileKey, [UInt8])]) throws {
        let positions = try tiles.map { try Self.position($0.0) }
        try guarded { try pool.write { db in
            for ((key, png), p) in zip(tiles, positions) {
                try MBTilesWriter.upsert(png, key: key, position: p, db: db)
            }
        } }
    }

    /// The file's metadata.
    /// - Throws: `MBTilesError.badMetadata`, `.database`.
    public func metadata() throws -> MBTilesMetadata {
        let rows = try guarded { try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, value FROM metadata")
        } }
        var values: [String: String] = [:]
        for row in rows { values[row[0]] = row[1] ?? "" }
        return try MBTilesMetadata(rows: values, path: path)
    }

    /// Replaces the metadata rows `metadata` describes (other rows are kept).
    /// - Throws: `MBTilesError.database`.
    public func updateMetadata(_ metadata: MBTilesMetadata) throws {
        try guarded { try pool.write { db in try Self.writeMetadata(metadata, db: db) } }
    }

    /// Bytes of tile data stored, all styles and scales.
    /// - Throws: `MBTilesError.database`.
    public func storedBytes() throws -> Int {
        try guarded { try pool.read { try Int.fetchOne($0, sql: "SELECT coalesce(sum(length(tile_data)), 0) FROM map") ?? 0 } }
    }

    /// Number of tiles stored, all styles and scales.
    /// - Throws: `MBTilesError.database`.
    public func count() throws -> Int {
        try guarded { try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM map") ?? 0 } }
    }

    /// Closes the file; later calls throw. Call before handing the file on (see
    /// `useRollbackJournal(path:)`).
    /// - Throws: `MBTilesError.database` if statements are still running.
    public func close() throws {
        try guarded { try pool.close() }
    }

    /// Switches a closed file from WAL to a rollback journal, so it is one self-contained file
    /// that readers on read-only media (a copied `.mbtiles` opened by QGIS) can open. Opening it
    /// again with `init` switches back to WAL.
    /// - Throws: `MBTilesError.database`, e.g. while another process has it open.
    public static func useRollbackJournal(path: String) throws {
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try queue.close()
        } catch let error as DatabaseError {
            throw translate(error, path: path)
        }
    }

    // MARK: - Internals

    typealias Position = (z: Int, column: Int, row: Int, scale: Int)

    /// The MBTiles position of a key, or `.invalidKey`.
    static func position(_ key: TileKey) throws -> Position {
        guard TileCoordinate.zoomRange.contains(key.z) else { throw MBTilesError.invalidKey(key, reason: "zoom outside 0...30") }
        let n = 1 << key.z
        guard (0..<n).contains(key.x), (0..<n).contains(key.y) else {
            throw MBTilesError.invalidKey(key, reason: "x and y must be in 0..<\(n) at zoom \(key.z)")
        }
        guard (1...4).contains(key.scale) else { throw MBTilesError.invalidKey(key, reason: "scale must be 1...4") }
        return (key.z, key.x, MBTilesSchema.tmsRow(z: key.z, y: key.y), key.scale)
    }

    private static func arguments(_ key: TileKey, _ p: Position) -> StatementArguments {
        [key.style, p.scale, p.z, p.column, p.row, MBTilesSchema.stored(key.styleHash), key.dataVersion]
    }

    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError { throw Self.translate(error, path: path) }
    }

    static func translate(_ error: DatabaseError, path: String) -> MBTilesError {
        switch error.resultCode {
        case .SQLITE_NOTADB: return .notMBTiles(path: path, reason: "not an SQLite database")
        case .SQLITE_READONLY, .SQLITE_PERM: return .readOnly(path: path)
        default: return .database(path: path, message: error.message ?? "\(error)")
        }
    }

    /// Refuses, before SQLite touches it, a file that is not SQLite or cannot be written.
    private static func checkFile(_ path: String) throws {
        let fm = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw MBTilesError.database(path: path, message: "folder \(dir) does not exist")
        }
        if fm.fileExists(atPath: path, isDirectory: &isDir) {
            guard !isDir.boolValue else { throw MBTilesError.notMBTiles(path: path, reason: "it is a folder") }
            guard let handle = FileHandle(forReadingAtPath: path) else { throw MBTilesError.readOnly(path: path) }
            let head = (try? handle.read(upToCount: 16)) ?? Data()
            try? handle.close()
            if !head.isEmpty && head != Data("SQLite format 3\0".utf8) {
                throw MBTilesError.notMBTiles(path: path, reason: "not an SQLite database")
            }
            guard fm.isWritableFile(atPath: path) else { throw MBTilesError.readOnly(path: path) }
        }
        // WAL needs the -wal and -shm files beside the database.
        guard fm.isWritableFile(atPath: dir) else { throw MBTilesError.readOnly(path: path) }
    }

    /// Creates the schema in an empty database, or checks an existing one.
    private static func prepare(_ db: Database, path: String, metadata: MBTilesMetadata) throws {
        let objects = try Row.fetchAll(db, sql: "SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        var kinds: [String: String] = [:]
        for row in objects { kinds[row[0]] = row[1] }
        if kinds.isEmpty {
            try db.execute(sql: MBTilesSchema.create)
            try db.execute(sql: "INSERT INTO metadata (name, value) VALUES (?, ?)",
                           arguments: [MBTilesSchema.versionKey, String(MBTilesSchema.version)])
            try writeMetadata(metadata, db: db)
            return
        }
        if kinds["tiles"] == "table" {
            throw MBTilesError.notMBTiles(path: path, reason: """
                an MBTiles file from another tool: its tiles record nothing of the style and data they were \
                rendered from, so fresh and stale tiles cannot be told apart; use a new file
                """)
        }
        for (name, kind) in [("metadata", "table"), ("map", "table"), ("images", "table"), ("tiles", "view")]
        where kinds[name] != kind {
            let found = kinds.keys.sorted().joined(separator: ", ")
            throw MBTilesError.notMBTiles(path: path, reason: "no \(kind) '\(name)' (found: \(found))")
        }
        let v = try String.fetchOne(db, sql: "SELECT value FROM metadata WHERE name = ?", arguments: [MBTilesSchema.versionKey])
        guard let v, let version = Int(v) else {
            throw MBTilesError.notMBTiles(path: path, reason: "no '\(MBTilesSchema.versionKey)' metadata row")
        }
        if version > MBTilesSchema.version {
            throw MBTilesError.newerSchema(path: path, found: version, supported: MBTilesSchema.version)
        }
    }

    private static func writeMetadata(_ metadata: MBTilesMetadata, db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO metadata (name, value) VALUES (?, ?)")
        for (name, value) in metadata.rows { try statement.execute(arguments: [name, value]) }
        if metadata.attribution == nil { try db.execute(sql: "DELETE FROM metadata WHERE name = 'attribution'") }
    }
}
