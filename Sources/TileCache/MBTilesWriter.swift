import Foundation
import GRDB

/// Writing one tile inside a transaction: the image deduplicated by content, the position's
/// key row replaced, and the image it replaced deleted when nothing else uses it.
enum MBTilesWriter {
    static func upsert(_ png: [UInt8], key: TileKey, position p: MBTilesStore.Position, db: Database) throws {
        let id = try imageID(for: png, db: db)
        let old = try String.fetchOne(db.cachedStatement(sql: """
            SELECT tile_id FROM map WHERE style = ? AND scale = ? AND zoom_level = ? AND tile_column = ? AND tile_row = ?
            """), arguments: [key.style, p.scale, p.z, p.column, p.row])
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO map (style, scale, zoom_level, tile_column, tile_row, style_hash, data_version, tile_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [key.style, p.scale, p.z, p.column, p.row, MBTilesSchema.stored(key.styleHash),
                                     key.dataVersion, id])
        if let old, old != id {
            try db.cachedStatement(sql: """
                DELETE FROM images WHERE tile_id = ? AND NOT EXISTS (SELECT 1 FROM map WHERE tile_id = ?)
                """).execute(arguments: [old, old])
        }
    }

    /// The id under which `png` is stored, inserting it when new: the FNV-1a 64 hash of the
    /// bytes in hex, or with `-1`, `-2`… when another image already has that hash (the bytes are
    /// compared, so a hash collision never mixes up two tiles).
    static func imageID(for png: [UInt8], db: Database) throws -> String {
        let base = StyleFingerprint.hex(StyleFingerprint.hash(png))
        let data = Data(png)
        let find = try db.cachedStatement(sql: "SELECT tile_data FROM images WHERE tile_id = ?")
        var n = 0
        while true {
            let id = n == 0 ? base : "\(base)-\(n)"
            guard let stored = try Data.fetchOne(find, arguments: [id]) else {
                try db.cachedStatement(sql: "INSERT INTO images (tile_id, tile_data) VALUES (?, ?)").execute(arguments: [id, data])
                return id
            }
            if stored == data { return id }
            n += 1
        }
    }
}
