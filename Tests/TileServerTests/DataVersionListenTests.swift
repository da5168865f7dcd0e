import Foundation
import GeoFormats
import IncidentStore
import Logging
import TestSupport
import Testing
@testable import TileServer

/// Servers sharing one PostgreSQL store learn of each other's writes from `LISTEN
/// bordermap_data_version`, not from polling: the monitor here polls once an hour, so only the
/// notification can bring the new version; a lost listening connection falls back to polling
/// and listens again.
@Suite(.serialized, .enabled(if: PostgresTestServer.isInstalled, "needs postgresql-15 and postgresql-15-postgis-3"))
struct DataVersionListenTests {
    @Test func anotherServersWriteArrivesByNotificationAndListeningResumesAfterTheConnectionIsLost() async throws {
        let server = try PostgresTestServer.server()
        let db = try server.createDatabase()
        let watched = try await PostgresIncidentStore.open(server.url(db))
        let writer = try await PostgresIncidentStore.open(server.url(db))
        let monitor = DataVersionMonitor(store: watched, interval: 3600, relistenSeconds: 0.5, logger: Logger(label: "test"))
        let following = Task { await monitor.run() }
        var records: [IncidentRecord] = []
        try DemoIncidents.forEach(count: 4, seed: 3, dataDirectory: ServerFixture.data) { records.append($0) }

        try await Self.waitUntil("listening") { monitor.isListening }
        _ = try await writer.insert(Array(records[0..<2]))
        let first = try await writer.dataVersion()
        #expect(first > 0)
        try await Self.waitUntil("the first write's version") { monitor.current == first }

        // The listening connection is killed: the monitor polls, then listens again.
        let killed = try server.psql(db, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(db)' AND query ILIKE 'LISTEN%'")
        #expect(killed == "1")
        try await Self.waitUntil("listening lost") { !monitor.isListening }
        try await Self.waitUntil("listening again") { monitor.isListening }
        _ = try await writer.insert(Array(records[2..<4]))
        let second = try await writer.dataVersion()
        #expect(second > first)
        try await Self.waitUntil("the second write's version") { monitor.current == second }

        // Graceful shutdown cancels the listener promptly.
        following.cancel()
        let stopped = await Task { () -> Bool in
            await withTaskGroup(of: Bool.self) { group in
                group.addTask { await following.value; return true }
                group.addTask { try? await Task.sleep(for: .seconds(10)); return false }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
        }.value
        #expect(stopped, "the monitor did not stop within 10 s of cancellation")
        await watched.shutdown()
        await writer.shutdown()
    }

    static func waitUntil(_ what: String, _ condition: () -> Bool) async throws {
        for _ in 0..<500 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("not reached within 10 s: \(what)")
        throw CancellationError()
    }
}
