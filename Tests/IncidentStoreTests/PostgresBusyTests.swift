import Foundation
import Testing
import TestSupport
@testable import IncidentStore

/// PostgreSQL's side of a busy store: a write waiting for the writers' advisory lock, held by
/// another session (psql), longer than the store's `lock_timeout` throws `StoreBusyError`, as
/// SQLite's busy timeout does; nothing is stored (counted with psql).
@Suite(.enabled(if: PostgresTestServer.isInstalled, "needs postgresql-15 and postgresql-15-postgis-3 (see the warning printed)"))
struct PostgresBusyTests {
    @Test func aWriteWaitingForAnotherWritersLockPastTheTimeoutThrowsStoreBusyError() async throws {
        let server = try PostgresTestServer.server()
        let db = try server.createDatabase()
        let store = try await PostgresIncidentStore.open(server.url(db), lockTimeoutSeconds: 0.3)
        // Another session takes the writers' lock and keeps it while it sleeps.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        holder.arguments = ["-X", "-q", "-h", "127.0.0.1", "-p", "\(server.port)", "-U", "postgres", "-d", db,
                            "-c", "SELECT pg_advisory_lock(\(PostgresSchema.lockKey)), pg_sleep(120)"]
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        // (pg_locks is the whole server's: only this test's database counts.)
        let held = """
            SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """
        while try server.psql(db, held) != "1" {
            #expect(holder.isRunning, "psql ended before taking the lock")
            if !holder.isRunning { return }
            usleep(20_000)
        }
        let e = await #expect(throws: StoreBusyError.self) { _ = try await store.insert(SQLiteTestSupport.records(5, seed: 4)) }
        #expect(e?.backend == "PostgreSQL" && e?.waitedSeconds == 0.3, "\(String(describing: e))")
        #expect(e?.message.contains("lock timeout") == true, "PostgreSQL's own words: \(String(describing: e))")
        // End the other session; then the write goes through.
        try server.psql(db, "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
        holder.waitUntilExit()
        #expect(try server.psql(db, "SELECT count(*) FROM incidents") == "0")
        #expect(try await store.insert(SQLiteTestSupport.records(5, seed: 4)).stored == 5)
        await store.shutdown()
    }
}
