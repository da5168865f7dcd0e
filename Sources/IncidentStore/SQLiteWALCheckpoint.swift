import Foundation
import GRDB

/// Shrinks the `-wal` file of `SQLiteIncidentStore` after a large write.
///
/// In WAL mode SQLite never shrinks the `-wal` file on its own: it is reused from the start
/// after each complete checkpoint, so without a limit it stays as large as the largest
/// transaction ever written (a 1M-row import leaves hundreds of MB beside the database).
/// `PRAGMA journal_size_limit` truncates it to the limit when it is reset;
/// `PRAGMA wal_checkpoint(TRUNCATE)` copies every frame into the database and truncates the
/// file to zero bytes at once (https://sqlite.org/pragma.html#pragma_wal_checkpoint).
enum SQLiteWALCheckpoint {
    /// Seconds the checkpoint waits for readers still on older snapshots (a tile render, say);
    /// past that it gives up quietly and `journal_size_limit` trims the file at the next reset.
    static let readerWaitSeconds = 1.0

    /// Runs `wal_checkpoint(TRUNCATE)` on the writer connection `db` (outside any transaction)
    /// when `path`-wal is larger than `SQLiteIncidentStore.walSizeLimit`; restores the busy
    /// timeout afterwards. Failures are ignored: the data is committed already, and only the
    /// file's size is at stake.
    static func truncateIfLarge(_ db: Database, path: String, busyTimeoutSeconds: Double) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        guard size > SQLiteIncidentStore.walSizeLimit else { return }
        do {
            try db.execute(sql: "PRAGMA busy_timeout = \(Int(readerWaitSeconds * 1000))")
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")  // (busy, log, checkpointed)
        } catch {
            // Readers outlasted the wait: the next reset trims the file (journal_size_limit).
        }
        try? db.execute(sql: "PRAGMA busy_timeout = \(Int(busyTimeoutSeconds * 1000))")
    }
}
