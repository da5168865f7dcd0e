import Foundation
import Testing
import TestSupport
@testable import IncidentStore

/// Bulk loads of the PostgreSQL store (`PostgresBulkLoad`), with the threshold lowered to 1,000
/// rows: the secondary indexes are built anew (their OIDs change) with the definitions they had
/// (`pg_indexes`, `pg_constraint`), hold every row (amcheck's `bt_index_check` with
/// `heapallindexed`, and index scans counted against sequential scans by psql), a failing bulk
/// load leaves indexes and rows as they were, a bulk load gives way to a reader holding the
/// table, and other sessions' reads wait for its commit.
@Suite(.enabled(if: PostgresTestServer.isInstalled, "needs postgresql-15 and postgresql-15-postgis-3 (see the warning printed)"))
struct PostgresBulkLoadTests {
    typealias S = SQLiteTestSupport

    /// A new database with an extra index of the administrator's (an expression and a
    /// predicate), and a store on it whose bulk-load threshold is 1,000 rows.
    static func fresh() async throws -> (PostgresTestServer, String, PostgresIncidentStore) {
        let server = try PostgresTestServer.server()
        let db = try server.createDatabase()
        let store = try await PostgresIncidentStore.open(server.url(db), bulkLoadMinimumRows: 1000)
        try server.psql(db, "CREATE INDEX incidents_admin ON incidents (lower(agency)) WHERE quantity_kg > 10")
        return (server, db, store)
    }

    /// Every index and constraint of `incidents` with its definition, as the catalog prints them.
    static func definitions(_ server: PostgresTestServer, _ db: String) throws -> String {
        try server.psql(db, """
            SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE tablename = 'incidents'
            UNION ALL SELECT conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'incidents'::regclass
            ORDER BY 1
            """)
    }

    /// Index name → OID (a rebuilt index has a new one).
    static func oids(_ server: PostgresTestServer, _ db: String) throws -> [String: String] {
        let text = try server.psql(db, "SELECT c.relname || ' ' || x.indexrelid FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = 'incidents'::regclass")
        return Dictionary(uniqueKeysWithValues: text.split(separator: "\n").map {
            let parts = $0.split(separator: " ")
            return (String(parts[0]), String(parts[1]))
        })
    }

    @Test func aBulkLoadBuildsEveryIndexAgainAsItWas() async throws {
        let (server, db, store) = try await Self.fresh()
        let before = try Self.definitions(server, db), oidsBefore = try Self.oids(server, db)
        #expect(oidsBefore.count == 10, "nine indexes of the schema and the administrator's: \(oidsBefore)")
        var records = S.records(3000, seed: 21)
        records[1].id = records[0].id  // wanted twice: one of them is contested
        #expect(records[0].id == "A-0")
        #expect(try await store.insert(records) == InsertSummary(received: 3000, stored: 3000, duplicates: 0))
        #expect(try Self.definitions(server, db) == before)
        let oidsAfter = try Self.oids(server, db)
        #expect(Set(oidsAfter.keys) == Set(oidsBefore.keys))
        for (name, oid) in oidsAfter {
            if name == "incidents_pkey" {
                #expect(oid == oidsBefore[name], "the primary key is kept")
            } else {
                #expect(oid != oidsBefore[name], "\(name) was built again")
            }
        }
        // Every B-tree holds every row (amcheck), and index scans count what sequential scans count.
        try server.psql(db, "CREATE EXTENSION IF NOT EXISTS amcheck")
        #expect(try server.psql(db, """
            WITH b AS MATERIALIZED (
                SELECT x.indexrelid FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_am a ON a.oid = c.relam
                WHERE x.indrelid = 'incidents'::regclass AND a.amname = 'btree'
            )
            SELECT count(*) FROM (SELECT bt_index_check(indexrelid, true) FROM b) checked
            """) == "9", "every B-tree checked (a failing check is an error)")
        let box = "ST_MakeEnvelope(66, 37, 74, 42, 4326)"
        for condition in ["geom && \(box)", "category = 'изъятие'", "occurred_at < '2021-01-01'", "lower(agency) = 'customs' AND quantity_kg > 10"] {
            let indexed = try server.psql(db, script: "SET enable_seqscan = off; SELECT count(*) FROM incidents WHERE \(condition);")
            let scanned = try server.psql(db, script: "SET enable_indexscan = off; SET enable_bitmapscan = off; SELECT count(*) FROM incidents WHERE \(condition);")
            #expect(indexed == scanned && (Int(scanned) ?? 0) > 0, "\(condition): \(indexed) vs \(scanned)")
        }
        // The identifiers are those of a row-by-row insert of the same records ("A-0" is
        // contested, so the contested path runs after the rebuild).
        let other = try server.createDatabase()
        let plain = try await PostgresIncidentStore.open(server.url(other))
        _ = try await plain.insert(records)
        let ids = "SELECT source_key || ' ' || id FROM incidents ORDER BY 1"
        #expect(try server.psql(db, ids) == server.psql(other, ids))
        #expect(try server.psql(db, "SELECT count(*) FROM incidents WHERE id = 'A-0'") == "1")
        await plain.shutdown()
        // A write smaller than the table keeps the indexes (no rebuild).
        #expect(try await store.insert(S.records(1500, seed: 22, keyPrefix: "more")).stored == 1500)
        #expect(try Self.oids(server, db) == oidsAfter)
        #expect(try await store.count(matching: .all) == 4500)
        await store.shutdown()
    }

    @Test func aFailingBulkLoadLeavesIndexesAndRowsUntouched() async throws {
        let (server, db, store) = try await Self.fresh()
        _ = try await store.insert(S.records(100, seed: 23, keyPrefix: "first"))
        let before = try Self.definitions(server, db), oids = try Self.oids(server, db)
        let version = try await store.dataVersion()
        var batch = S.records(3000, seed: 24, keyPrefix: "second")
        batch[2500].lat = 95  // violates the CHECK on lat, in the insert after the indexes were dropped
        do {
            _ = try await store.insert(batch)
            Issue.record("a latitude of 95 was stored")
        } catch let error as PostgresIncidentStore.StoreError {
            #expect("\(error)".contains("incidents_lat_check"), "the server's words: \(error)")
        }
        #expect(try Self.definitions(server, db) == before)
        #expect(try Self.oids(server, db) == oids, "the very same indexes")
        #expect(try server.psql(db, "SELECT count(*) FROM incidents") == "100")
        #expect(try await store.dataVersion() == version)
        await store.shutdown()
    }

    @Test func aBulkLoadGivesWayToAReaderHoldingTheTable() async throws {
        let (server, db, store) = try await Self.fresh()
        let oids = try Self.oids(server, db)
        // Another session reads the table and keeps its transaction (and its lock) open.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        reader.arguments = ["-X", "-q", "-h", "127.0.0.1", "-p", "\(server.port)", "-U", "postgres", "-d", db,
                            "-c", "BEGIN; SELECT count(*) FROM incidents; SELECT pg_sleep(121); COMMIT;"]
        reader.standardOutput = FileHandle.nullDevice
        reader.standardError = FileHandle.nullDevice
        try reader.run()
        let holding = """
            SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE c.relname = 'incidents' AND l.mode = 'AccessShareLock' AND l.granted
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """
        while try server.psql(db, holding) != "1" {
            #expect(reader.isRunning, "psql ended before reading")
            if !reader.isRunning { return }
            usleep(20_000)
        }
        #expect(try await store.insert(S.records(3000, seed: 25)).stored == 3000)
        #expect(try server.psql(db, holding) == "1", "the reader still holds the table")
        #expect(try Self.oids(server, db) == oids, "stored row by row, indexes kept")
        try server.psql(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(121)%' AND pid <> pg_backend_pid()")
        reader.waitUntilExit()
        await store.shutdown()
    }

    /// As `readersNeverSeeHalfAnInsert`, with a trigger pausing the write in its last statement
    /// (after the rebuild): a reader's count then waits for the commit, so with a lock timeout
    /// of 0.2 s it fails; after the commit it sees every row.
    @Test func readsWaitForABulkLoadsCommit() async throws {
        let (server, db, store) = try await Self.fresh()
        try server.psql(db, script: """
            CREATE FUNCTION bm_test_pause() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_sleep(3); RETURN NEW; END $$;
            CREATE TRIGGER bm_test_pause BEFORE UPDATE ON meta FOR EACH ROW EXECUTE FUNCTION bm_test_pause();
            """)
        let insert = Task { try await store.insert(S.records(3000, seed: 26)) }
        let paused = """
            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND state = 'active' AND query LIKE '%UPDATE meta SET value = value + 1%'
            """
        var waited = 0
        while try server.psql(db, paused) != "1", waited < 1200 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        #expect(waited < 1200, "the write was seen in its last statement")
        let e = #expect(throws: (any Error).self, "a read waits for the bulk load's commit") {
            try server.psql(db, script: "SET lock_timeout = 200; SELECT count(*) FROM incidents;")
        }
        #expect("\(String(describing: e))".contains("lock timeout"), "\(String(describing: e))")
        #expect(try await insert.value.stored == 3000)
        #expect(try server.psql(db, "SELECT count(*) FROM incidents") == "3000")
        try server.psql(db, "DROP TRIGGER bm_test_pause ON meta")
        await store.shutdown()
    }
}
