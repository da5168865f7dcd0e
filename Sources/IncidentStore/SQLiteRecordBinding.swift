import Foundation
import GeoFormats
import GRDB
import GRDBSQLite

/// Executes the bulk insert's prepared statements with SQLite's C API: the record's values are
/// bound straight from its fields (text without a copy into Swift arrays or `DatabaseValue`s).
/// GRDB's `execute(arguments:)` built two arrays and a `DatabaseValue` per column and per row,
/// which made the writer thread, not the CSV reader, the slower half of an import
/// (8.9 s against 5.0 s for 1M rows).
struct SQLiteRecordBinding {
    /// SQLite's `SQLITE_TRANSIENT` (the macro is not imported): SQLite copies the bound text.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds `first` (the id), the record's columns in `SQLiteBulkInsert.columns` order and, when
    /// given, `importedAt`; then steps the statement once and resets it.
    /// - Throws: `DatabaseError` with SQLite's code and message (a CHECK constraint, say).
    static func execute(_ statement: Statement, db: Database, first: String, record r: IncidentRecord,
                        properties: String, importedAt: Double?) throws {
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        text(s, 1, first)
        sqlite3_bind_double(s, 2, SQLiteRowDecoder.storedSeconds(r.occurredAt))
        sqlite3_bind_double(s, 3, r.lon)
        sqlite3_bind_double(s, 4, r.lat)
        text(s, 5, r.category)
        text(s, 6, r.substance)
        if let q = r.quantityKg { sqlite3_bind_double(s, 7, q) } else { sqlite3_bind_null(s, 7) }
        text(s, 8, r.agency)
        text(s, 9, r.borderPost)
        text(s, 10, r.source)
        text(s, 11, properties)
        text(s, 12, r.sourceKey)
        if let importedAt { sqlite3_bind_double(s, 13, importedAt) }
        let code = sqlite3_step(s)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    private static func text(_ s: OpaquePointer, _ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(s, index)
            return
        }
        value.withUTF8 { u in
            _ = sqlite3_bind_text(s, index, UnsafeRawPointer(u.baseAddress ?? UnsafePointer(bitPattern: 1)!)
                .assumingMemoryBound(to: CChar.self), Int32(u.count), transient)
        }
    }
}
