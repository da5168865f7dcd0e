import Foundation
import GeoCore
import GeoFormats
import TestSupport
import Testing
@testable import IncidentStore

/// The SQLite store's writes, identifiers, duplicates, atomicity and data version, checked
/// against the sqlite3 shell reading the same file.
@Suite struct SQLiteIncidentStoreTests {
    typealias S = SQLiteTestSupport

    @Test func createsTheSchemaInWALMode() async throws {
        let db = try S.tempDatabase()
        let store = try SQLiteIncidentStore(path: db)
        #expect(try await store.schemaVersion() == 2, "version 2 adds sightings")
        #expect(try S.sqlite3(db, "SELECT value FROM meta WHERE key = 'schema_version'") == "2")
        #expect(try S.sqlite3(db, "PRAGMA journal_mode") == "wal")
        let tables = try S.sqlite3(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name")
        for name in ["incidents", "incidents_rtree", "incidents_occurred_at", "incidents_category", "meta"] {
            #expect(tables.split(separator: "\n").contains(Substring(name)), "\(name) missing from \(tables)")
        }
        #expect(try S.sqlite3(db, "SELECT sql FROM sqlite_master WHERE name = 'incidents_rtree'").contains("rtree"))
        // Reopening applies no migration twice and keeps the version.
        _ = try SQLiteIncidentStore(path: db)
        #expect(try S.sqlite3(db, "SELECT count(*) FROM grdb_migrations") == "2", "v1 and v2")
    }

    @Test func storesRecordsThatReadBackUnchanged() async throws {
        let db = try S.tempDatabase()
        let store = try SQLiteIncidentStore(path: db)
        let records = S.records(3000, seed: 1)
        let summary = try await store.insert(records)
        #expect(summary == InsertSummary(received: 3000, stored: 3000, duplicates: 0))
        #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents") == "3000")
        #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents_rtree") == "3000")

        let stored = try await S.all(store)
        #expect(stored.count == 3000)
        let byKey = Dictionary(uniqueKeysWithValues: records.map { ($0.sourceKey, $0) })
        for i in stored {
            guard let r = byKey[i.sourceKey] else { Issue.record("unknown key \(i.sourceKey)"); continue }
            #expect(i.occurredAt == r.occurredAt && i.lon == r.lon && i.lat == r.lat)
            #expect(i.category == r.category && i.substance == r.substance && i.quantityKg == r.quantityKg)
            #expect(i.agency == r.agency && i.borderPost == r.borderPost && i.source == r.source)
            #expect(i.properties == r.properties)
        }
        // Order: occurred_at then id, as sqlite3 sorts the same rows.
        let oracle = try S.sqlite3(db, "SELECT id FROM incidents ORDER BY occurred_at, id").split(separator: "\n").map(String.init)
        #expect(stored.map(\.id) == oracle)
        // Properties are JSON objects SQLite's own json functions read.
        let note = try S.sqlite3(db, "SELECT json_extract(properties, '$.примечание') FROM incidents WHERE source_key = '\(records[0].sourceKey)'")
        #expect(note == records[0].properties["примечание"])
        // Times are unix seconds.
        let t = try S.sqlite3(db, "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', occurred_at, 'unixepoch') FROM incidents WHERE source_key = '\(records[1].sourceKey)'")
        #expect(t == ISO8601DateFormatter().string(from: records[1].occurredAt))
    }

    @Test func identifiersAreTheRecordsOwnOrDerivedFromTheKey() async throws {
        let store = try SQLiteIncidentStore(path: try S.tempDatabase())
        let t = Date(timeIntervalSince1970: 1_700_000_000)
        let a = IncidentRecord(id: "KG-17", occurredAt: t, lon: 74.6, lat: 42.9, sourceKey: "aaaaaaaaaaaaaaaa1111", row: 2)
        let b = IncidentRecord(id: "KG-17", occurredAt: t, lon: 74.6, lat: 42.9, sourceKey: "bbbbbbbbbbbbbbbb2222", row: 3)
        let c = IncidentRecord(occurredAt: t, lon: 74.6, lat: 42.9, sourceKey: "cccccccccccccccc3333", row: 4)
        // d's own id is c's generated one, so d falls back to its own generated id.
        let d = IncidentRecord(id: "inc-cccccccccccccccc", occurredAt: t, lon: 74.6, lat: 42.9, sourceKey: "dddddddddddddddd4444", row: 5)
        // e shares the first 16 hex digits of c's key: a suffix keeps the ids unique.
        let e = IncidentRecord(occurredAt: t, lon: 74.6, lat: 42.9, sourceKey: "cccccccccccccccc9999", row: 6)
        let summary = try await store.insert([a, b, c, d, e])
        #expect(summary.stored == 5)
        let ids = Dictionary(uniqueKeysWithValues: try await S.all(store).map { ($0.sourceKey, $0.id) })
        #expect(ids["aaaaaaaaaaaaaaaa1111"] == "KG-17")
        #expect(ids["bbbbbbbbbbbbbbbb2222"] == "inc-bbbbbbbbbbbbbbbb")
        #expect(ids["cccccccccccccccc3333"] == "inc-cccccccccccccccc")
        #expect(ids["dddddddddddddddd4444"] == "inc-dddddddddddddddd")
        #expect(ids["cccccccccccccccc9999"] == "inc-cccccccccccccccc-2")
    }

    @Test func reinsertingStoresNothingNewAndKeepsTheVersion() async throws {
        let db = try S.tempDatabase()
        let store = try SQLiteIncidentStore(path: db)
        let records = S.records(2000, seed: 2)
        #expect(try await store.dataVersion() == 0)
        _ = try await store.insert(records)
        let v1 = try await store.dataVersion()
        #expect(v1 == 1)
        let again = try await store.insert(records)
        #expect(again == InsertSummary(received: 2000, stored: 0, duplicates: 2000))
        #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents") == "2000")
        #expect(try await store.dataVersion() == v1, "a write that stores nothing keeps the version")
        // Repeats inside one call and a mix of old and new rows.
        let mixed = Array(records[0..<10]) + S.records(5, seed: 3, keyPrefix: "new") + S.records(5, seed: 3, keyPrefix: "new")
        let summary = try await store.insert(mixed)
        #expect(summary == InsertSummary(received: 20, stored: 5, duplicates: 15))
        #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents") == "2005")
        #expect(try await store.dataVersion() == v1 + 1)
        #expect(try S.sqlite3(db, "SELECT value FROM meta WHERE key = 'data_version'") == "\(v1 + 1)")
    }

    @Test func aFailingInsertStoresNothingOfThatCall() async throws {
        let db = try S.tempDatabase()
        let store = try SQLiteIncidentStore(path: db)
        _ = try await store.insert(S.records(100, seed: 4, keyPrefix: "first"))
        let version = try await store.dataVersion()
        var batch = S.records(500, seed: 5, keyPrefix: "second")
        batch[250].lat = 95  // violates the CHECK on lat halfway through the transaction
        await #expect(throws: (any Error).self) { try await store.insert(batch) }
        #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents") == "100")
        #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents WHERE source_key LIKE 'second%'") == "0")
        #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents_rtree") == "100")
        #expect(try await store.dataVersion() == version)
        // The store is still usable and the good rows go in once the bad one is fixed.
        batch[250].lat = 40
        #expect(try await store.insert(batch).stored == 500)
    }

    @Test func aSecondInstanceSeesWritesAndTheNewVersion() async throws {
        let db = try S.tempDatabase()
        let writer = try SQLiteIncidentStore(path: db)
        let reader = try SQLiteIncidentStore(path: db)
        let v0 = try await reader.dataVersion()
        _ = try await writer.insert(S.records(300, seed: 6))
        let v1 = try await reader.dataVersion()
        #expect(v1 != v0)
        #expect(try await reader.count(matching: .all) == 300)
        // Reading does not change the version, in either instance.
        _ = try await reader.count(matching: .all)
        _ = try await S.all(writer, IncidentQuery(limit: 10))
        #expect(try await reader.dataVersion() == v1)
        #expect(try await writer.dataVersion() == v1)
        // A write through the sqlite3 shell (another process) is seen when it bumps the counter.
        _ = try S.sqlite3(db, "UPDATE meta SET value = value + 1 WHERE key = 'data_version'")
        #expect(try await reader.dataVersion() == v1 + 1)
    }

    /// Reads while the write is under way: the insert is held inside its transaction after
    /// each batch (its `afterBatch` hook), and there another connection of this process, and
    /// the sqlite3 shell in another process, count the rows. Into an empty table the batches
    /// go straight into `incidents` (`SQLiteBulkInsert`, step 0), so at each stop thousands of
    /// rows are written but not committed: the readers must see none of them. The shell also
    /// finds the write lock taken at each stop, which shows the reads happen during the write.
    @Test func readersNeverSeeHalfAnInsert() async throws {
        let db = try S.tempDatabase()
        let writer = try SQLiteIncidentStore(path: db)
        let reader = try SQLiteIncidentStore(path: db)
        // Distinct ids and keys: no conflict, so every batch takes the direct path.
        let records = S.records(20_000, seed: 8).enumerated().map { i, record in
            var r = record
            r.id = "R\(i)"
            return r
        }
        let versionBefore = try await reader.dataVersion()
        let (stops, stopped) = AsyncStream<Int>.makeStream()
        let resume = DispatchSemaphore(value: 0)
        let insert = Task {
            try await writer.insert(from: IncidentRecordArraySource(records), batchSize: 5_000) { written in
                stopped.yield(written)
                resume.wait()  // on the writer's queue, inside the transaction
            }
        }
        var seen: [Int: [String]] = [:]  // rows written so far -> what the readers saw
        for await written in stops {
            let count = try await reader.count(matching: .all)
            let listed = try await S.all(reader, IncidentQuery(limit: 10)).count
            let version = try await reader.dataVersion()
            let shell = try Tool.run(["/usr/bin/sqlite3", db, "SELECT count(*) FROM incidents"]).output
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let lock = try Tool.run(["/usr/bin/sqlite3", "-cmd", ".timeout 0", db, "BEGIN IMMEDIATE; ROLLBACK;"])
            let locked = lock.status != 0 && lock.stderr.contains("database is locked")
            seen[written] = ["count \(count)", "listed \(listed)", "version \(version - versionBefore)", "shell \(shell)", "locked \(locked)"]
            resume.signal()
            if written == records.count { stopped.finish() }
        }
        #expect(try await insert.value.stored == records.count)
        let expected = ["count 0", "listed 0", "version 0", "shell 0", "locked true"]
        #expect(seen == [5_000: expected, 10_000: expected, 15_000: expected, 20_000: expected], "seen during the write: \(seen)")
        #expect(try await reader.count(matching: .all) == records.count)
        #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents") == "\(records.count)")
        #expect(try await reader.dataVersion() == versionBefore + 1)
    }

    @Test func rejectsInvalidQueries() async throws {
        let store = try SQLiteIncidentStore(path: try S.tempDatabase())
        await #expect(throws: SQLiteIncidentStore.QueryError.self) {
            try await store.count(matching: IncidentQuery(area: .point(Point(x: 70, y: 40))))
        }
        await #expect(throws: SQLiteIncidentStore.QueryError.invalidLimit(-1)) {
            try await store.count(matching: IncidentQuery(limit: -1))
        }
    }
}
