import Foundation
import GeoFormats
import Testing
import TestSupport
@testable import IncidentStore

/// The SQLite store under a lock held by another process (the sqlite3 shell), and the size of
/// its `-wal` file after a large import, both observed from outside our code.
@Suite(.serialized) struct SQLiteBusyAndWALTests {
    typealias S = SQLiteTestSupport

    @Test func aWriteThatMeetsALockPastTheBusyTimeoutThrowsStoreBusyError() async throws {
        let path = try S.tempDatabase()
        let store = try SQLiteIncidentStore(path: path, busyTimeoutSeconds: 0.3)
        let holder = try SQLiteLockHolder(database: path)
        let e = await #expect(throws: StoreBusyError.self) { _ = try await store.insert(S.records(5, seed: 3)) }
        #expect(e?.backend == "SQLite" && e?.waitedSeconds == 0.3)
        #expect(e?.description.contains("busy") == true && e?.description.contains("try again later") == true, "\(String(describing: e))")
        holder.release()
        #expect(try await store.insert(S.records(5, seed: 3)).stored == 5, "once the lock is gone the write goes through")
        #expect(try S.sqlite3(path, "SELECT count(*) FROM incidents") == "5")
    }

    @Test func theWALFileIsEmptiedAfterALargeImport() async throws {
        let path = try S.tempDatabase()
        let store = try SQLiteIncidentStore(path: path)
        let summary = try await store.insert(S.records(60_000, seed: 9))
        #expect(summary.stored == 60_000)
        // The store is still open (closing the last connection would checkpoint anyway).
        let wal = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
        #expect(wal == 0, "the -wal file holds \(wal ?? -1) bytes after the import")
        #expect(try S.sqlite3(path, "SELECT count(*) FROM incidents") == "60000", "the rows are in the database file")
        _ = store
    }
}
