import Foundation
import GeoCore
import GeoFormats
import Testing
import TestSupport
@testable import IncidentStore

/// The PostgreSQL store against a real server (`PostgresTestServer`), checked with psql:
/// schema, writes, identifiers, duplicates, atomicity, streaming and the data version seen by
/// a second store instance (a second BorderMap server). Skipped, with a loud warning, only
/// when PostgreSQL or PostGIS is not installed.
@Suite(.enabled(if: PostgresTestServer.isInstalled, "needs postgresql-15 and postgresql-15-postgis-3 (see the warning printed)"))
struct PostgresIncidentStoreTests {
    typealias S = SQLiteTestSupport

    /// A new database and a store open on it.
    static func fresh() async throws -> (PostgresTestServer, String, PostgresIncidentStore) {
        let server = try PostgresTestServer.server()
        let db = try server.createDatabase()
        return (server, db, try await PostgresIncidentStore.open(server.url(db)))
    }

    @Test func createsTheSchemaWithPostGIS() async throws {
        let (server, db, store) = try await Self.fresh()
        #expect(try await store.schemaVersion() == 2, "version 2 adds sightings")
        #expect(try server.psql(db, "SELECT value FROM meta WHERE key = 'schema_version'") == "2")
        #expect(try server.psql(db, "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'") == "1")
        #expect(try server.psql(db, "SELECT type || ' ' || srid FROM geometry_columns WHERE f_table_name = 'incidents'") == "POINT 4326")
        let gist = try server.psql(db, "SELECT indexdef FROM pg_indexes WHERE indexname = 'incidents_geom'")
        #expect(gist.contains("USING gist (geom)"), "\(gist)")
        let indexes = try server.psql(db, "SELECT indexname FROM pg_indexes WHERE tablename = 'incidents' ORDER BY 1")
        for name in ["incidents_occurred_at", "incidents_category", "incidents_source_key_key", "incidents_id_key"] {
            #expect(indexes.split(separator: "\n").contains(Substring(name)), "\(name) missing from \(indexes)")
        }
        #expect(try server.psql(db, "SELECT data_type FROM information_schema.columns WHERE table_name = 'incidents' AND column_name = 'properties'") == "jsonb")
        await store.shutdown()
        // Reopening (a second server starting) applies nothing twice; a newer schema is refused.
        let again = try await PostgresIncidentStore.open(server.url(db))
        #expect(try await again.schemaVersion() == 2)
        await again.shutdown()
        try server.psql(db, "UPDATE meta SET value = 7 WHERE key = 'schema_version'")
        await #expect(throws: PostgresIncidentStore.StoreError.newerSchema(found: 7, supported: 2)) {
            _ = try await PostgresIncidentStore.open(server.url(db))
        }
    }

    @Test func storesRecordsThatReadBackUnchanged() async throws {
        let (server, db, store) = try await Self.fresh()
        let records = S.records(3000, seed: 1)
        #expect(try await store.insert(records) == InsertSummary(received: 3000, stored: 3000, duplicates: 0))
        #expect(try server.psql(db, "SELECT count(*) FROM incidents") == "3000")
        let stored = try await S.all(store)
        let byKey = Dictionary(uniqueKeysWithValues: records.map { ($0.sourceKey, $0) })
        for i in stored {
            guard let r = byKey[i.sourceKey] else { Issue.record("unknown key \(i.sourceKey)"); continue }
            #expect(i.occurredAt == r.occurredAt && i.lon == r.lon && i.lat == r.lat)
            #expect(i.category == r.category && i.substance == r.substance && i.quantityKg == r.quantityKg)
            #expect(i.agency == r.agency && i.borderPost == r.borderPost && i.source == r.source)
            #expect(i.properties == r.properties)
        }
        let oracle = try server.psql(db, "SELECT id FROM incidents ORDER BY occurred_at, id").split(separator: "\n").map(String.init)
        #expect(stored.map(\.id) == oracle)
        // PostGIS sees the same points, jsonb the same properties, timestamptz the same times.
        #expect(try server.psql(db, "SELECT count(*) FROM incidents WHERE ST_X(geom) <> lon OR ST_Y(geom) <> lat OR ST_SRID(geom) <> 4326") == "0")
        let k0 = records[0].sourceKey, k1 = records[1].sourceKey
        #expect(try server.psql(db, "SELECT properties ->> 'примечание' FROM incidents WHERE source_key = '\(k0)'") == records[0].properties["примечание"])
        let t = try server.psql(db, "SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM incidents WHERE source_key = '\(k1)'")
        #expect(t == ISO8601DateFormatter().string(from: records[1].occurredAt))
        await store.shutdown()
    }

    @Test(arguments: StoreBackend.tested) func identifiersAreTheRecordsOwnOrDerivedFromTheKey(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let t = Date(timeIntervalSince1970: 1_700_000_000)
        func record(_ id: String?, _ key: String) -> IncidentRecord {
            IncidentRecord(id: id, occurredAt: t, lon: 74.6, lat: 42.9, sourceKey: key, row: 2)
        }
        // Stored first: an id later records want.
        _ = try await store.insert([record("TJ-1", "0000000000000000aaaa")])
        let summary = try await store.insert([
            record("KG-17", "aaaaaaaaaaaaaaaa1111"), record("KG-17", "bbbbbbbbbbbbbbbb2222"),
            record(nil, "cccccccccccccccc3333"), record("inc-cccccccccccccccc", "dddddddddddddddd4444"),
            record(nil, "cccccccccccccccc9999"), record("TJ-1", "eeeeeeeeeeeeeeee5555"),
            record("inc-cccccccccccccccc-2", "ffffffffffffffff6666"), record("", "1111111111111111"),
            record("plain-1", "2222222222222222"), record("plain-1", "2222222222222222"),
        ])
        #expect(summary == InsertSummary(received: 10, stored: 9, duplicates: 1))
        let ids = Dictionary(uniqueKeysWithValues: try await S.all(store).map { ($0.sourceKey, $0.id) })
        #expect(ids["aaaaaaaaaaaaaaaa1111"] == "KG-17")
        #expect(ids["bbbbbbbbbbbbbbbb2222"] == "inc-bbbbbbbbbbbbbbbb")
        #expect(ids["cccccccccccccccc3333"] == "inc-cccccccccccccccc")
        #expect(ids["dddddddddddddddd4444"] == "inc-dddddddddddddddd")
        // Every record first tries its first choice: the 6666 record's own id "…-2" beats the
        // 9999 record's fallbacks, which then go on to "…-3".
        #expect(ids["cccccccccccccccc9999"] == "inc-cccccccccccccccc-3")
        #expect(ids["eeeeeeeeeeeeeeee5555"] == "inc-eeeeeeeeeeeeeeee")
        #expect(ids["ffffffffffffffff6666"] == "inc-cccccccccccccccc-2")
        #expect(ids["1111111111111111"] == "inc-1111111111111111")
        #expect(ids["2222222222222222"] == "plain-1")
        await store.close()
    }

    @Test func reinsertingStoresNothingNewAndKeepsTheVersion() async throws {
        let (server, db, store) = try await Self.fresh()
        let records = S.records(2000, seed: 2)
        #expect(try await store.dataVersion() == 0)
        _ = try await store.insert(records)
        let v1 = try await store.dataVersion()
        #expect(v1 == 1)
        #expect(try await store.insert(records) == InsertSummary(received: 2000, stored: 0, duplicates: 2000))
        #expect(try server.psql(db, "SELECT count(*) FROM incidents") == "2000")
        #expect(try await store.dataVersion() == v1, "a write that stores nothing keeps the version")
        let mixed = Array(records[0..<10]) + S.records(5, seed: 3, keyPrefix: "new") + S.records(5, seed: 3, keyPrefix: "new")
        #expect(try await store.insert(mixed) == InsertSummary(received: 20, stored: 5, duplicates: 15))
        #expect(try server.psql(db, "SELECT count(*) FROM incidents") == "2005")
        #expect(try await store.dataVersion() == v1 + 1)
        #expect(try server.psql(db, "SELECT value FROM meta WHERE key = 'data_version'") == "\(v1 + 1)")
        await store.shutdown()
    }

    @Test func aFailingInsertStoresNothingOfThatCall() async throws {
        let (server, db, store) = try await Self.fresh()
        _ = try await store.insert(S.records(100, seed: 4, keyPrefix: "first"))
        let version = try await store.dataVersion()
        var batch = S.records(500, seed: 5, keyPrefix: "second")
        batch[250].lat = 95  // violates the CHECK on lat
        do {
            _ = try await store.insert(batch)
            Issue.record("a latitude of 95 was stored")
        } catch let error as PostgresIncidentStore.StoreError {
            #expect("\(error)".contains("incidents_lat_check"), "the server's words: \(error)")
        }
        #expect(try server.psql(db, "SELECT count(*) FROM incidents") == "100")
        #expect(try await store.dataVersion() == version)
        batch[250].lat = 40
        #expect(try await store.insert(batch).stored == 500)
        await store.shutdown()
    }

    /// A source that fails after handing over `failAfter` records.
    final class FailingSource: IncidentRecordSource, @unchecked Sendable {
        struct Broken: Error {}
        let inner: IncidentRecordArraySource
        let failAfter: Int
        var given = 0
        init(_ records: [IncidentRecord], failAfter: Int) { inner = IncidentRecordArraySource(records); self.failAfter = failAfter }
        func nextBatch(maxCount: Int) throws -> [IncidentRecord]? {
            if given >= failAfter { throw Broken() }
            let batch = try inner.nextBatch(maxCount: min(maxCount, 1000))
            given += batch?.count ?? 0
            return batch
        }
    }

    @Test func aSourceFailingHalfwayStoresNothing() async throws {
        let (server, db, store) = try await Self.fresh()
        let records = S.records(25_000, seed: 9)
        await #expect(throws: FailingSource.Broken.self) {
            try await store.insert(from: FailingSource(records, failAfter: 12_000))
        }
        #expect(try server.psql(db, "SELECT count(*) FROM incidents") == "0")
        #expect(try await store.dataVersion() == 0)
        // Streamed in batches, all of it arrives.
        #expect(try await store.insert(from: IncidentRecordArraySource(records)).stored == 25_000)
        #expect(try server.psql(db, "SELECT count(DISTINCT source_key) FROM incidents") == "25000")
        await store.shutdown()
    }

    @Test func aSecondServerSeesWritesAndTheNewVersion() async throws {
        let (server, db, writer) = try await Self.fresh()
        let reader = try await PostgresIncidentStore.open(server.socketURL(db))  // the other server, over the socket
        let v0 = try await reader.dataVersion()
        _ = try await writer.insert(S.records(300, seed: 6))
        let v1 = try await reader.dataVersion()
        #expect(v1 == v0 + 1)
        #expect(try await reader.count(matching: .all) == 300)
        _ = try await reader.count(matching: .all)
        _ = try await S.all(writer, IncidentQuery(limit: 10))
        #expect(try await reader.dataVersion() == v1, "reading does not change the version")
        #expect(try await writer.dataVersion() == v1)
        _ = try await reader.insert(S.records(10, seed: 7, keyPrefix: "r"))
        #expect(try await writer.dataVersion() == v1 + 1, "either server's write is seen by the other")
        try server.psql(db, "UPDATE meta SET value = value + 1 WHERE key = 'data_version'")
        #expect(try await reader.dataVersion() == v1 + 2)
        await reader.shutdown()
        await writer.shutdown()
    }

    @Test func commitsNotifyListeners() async throws {
        let (server, db, store) = try await Self.fresh()
        // psql (its own process, so that a busy cooperative thread pool cannot delay it)
        // listens, waits (up to 300 s: a full test run can starve this task) until a commit
        // raises the version, then leaves the server's signal time to arrive (a backend sends notifications when it goes idle, and
        // psql prints them after its next command), and prints what it received.
        let dir = try Tool.temporaryDirectory("bordermap-listen")
        let script = dir.appendingPathComponent("listen.sql"), output = dir.appendingPathComponent("out.txt")
        try """
            LISTEN bordermap_data_version;
            DO $$ BEGIN
                FOR i IN 1..3000 LOOP
                    EXIT WHEN (SELECT value FROM meta WHERE key = 'data_version') > 0;
                    PERFORM pg_sleep(0.1);
                END LOOP;
            END $$;
            SELECT pg_sleep(2);
            SELECT 1;

            """.write(to: script, atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        psql.arguments = ["-X", "-q", "-A", "-t", "-h", "127.0.0.1", "-p", "\(server.port)", "-U", "postgres", "-d", db, "-f", script.path]
        psql.standardInput = FileHandle.nullDevice
        psql.standardOutput = try FileHandle(forWritingTo: output)
        psql.standardError = FileHandle.nullDevice
        try psql.run()
        // Insert only once psql is listening (in its waiting loop).
        let waiting = "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'DO $$%'"
        let deadline = Date().addingTimeInterval(300)
        var listening = false
        while !listening, Date() < deadline {
            listening = try server.psql(db, waiting) != "0"
            if !listening { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(listening, "psql was seen waiting before the insert")
        _ = try await store.insert(S.records(5, seed: 11))
        while psql.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(text.contains("Asynchronous notification \"bordermap_data_version\" with payload \"1\""), "\(text)")
        await store.shutdown()
    }

    /// Reads while the write is under way, at its most exposed moment: a test trigger on the
    /// `meta` update (the last statement of an insert's transaction, after its rows went into
    /// `incidents`) notes how many rows the writer itself sees, then sleeps 3 s. Meanwhile
    /// another store counts, each count between two looks at `pg_stat_activity` that find the
    /// writer inside that statement: the counts are 0, while the writer saw all of its rows.
    @Test func readersNeverSeeHalfAnInsert() async throws {
        let (server, db, writer) = try await Self.fresh()
        let reader = try await PostgresIncidentStore.open(server.url(db))
        try server.psql(db, script: """
            CREATE TABLE bm_test_writer_saw (n bigint);
            CREATE FUNCTION bm_test_pause() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO bm_test_writer_saw SELECT count(*) FROM incidents;
                PERFORM pg_sleep(8);
                RETURN NEW;
            END $$;
            CREATE TRIGGER bm_test_pause BEFORE UPDATE ON meta FOR EACH ROW EXECUTE FUNCTION bm_test_pause();
            """)
        let records = S.records(20_000, seed: 8)
        let insert = Task { try await writer.insert(records) }
        let paused = """
            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND state = 'active' AND xact_start IS NOT NULL AND query LIKE '%UPDATE meta SET value = value + 1%'
            """
        var waited = 0
        while try server.psql(db, paused) != "1", waited < 1200 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        var during: [Int] = []
        for _ in 0..<10 {
            guard try server.psql(db, paused) == "1" else { break }
            let n = try await reader.count(matching: .all)
            let shell = try server.psql(db, "SELECT count(*) FROM incidents")
            guard try server.psql(db, paused) == "1" else { break }
            during += [n, Int(shell) ?? -1]
        }
        #expect(try await insert.value.stored == records.count)
        #expect(during.count >= 4 && during.allSatisfy { $0 == 0 }, "counts read during the write: \(during)")
        #expect(try server.psql(db, "SELECT n FROM bm_test_writer_saw") == "\(records.count)", "the writer's own view")
        #expect(try await reader.count(matching: .all) == records.count)
        await reader.shutdown()
        await writer.shutdown()
    }

    @Test func bboxAndTimeCountsAgreeWithPlainSQL() async throws {
        let (server, db, store) = try await Self.fresh()
        _ = try await store.insert(S.records(4000, seed: 12))
        let q = IncidentQuery(bbox: BoundingBox(minX: 66.5, minY: 37.25, maxX: 73.75, maxY: 42.5),
                              from: SQLiteIncidentQueryTests.date("2020-01-01T00:00:00Z"), to: SQLiteIncidentQueryTests.date("2022-01-01T00:00:00Z"))
        let oracle = try server.psql(db, """
            SELECT count(*) FROM incidents WHERE ST_Covers(ST_MakeEnvelope(66.5, 37.25, 73.75, 42.5, 4326), geom)
            AND occurred_at >= '2020-01-01T00:00:00Z' AND occurred_at < '2022-01-01T00:00:00Z'
            """)
        #expect(try await store.count(matching: q) == Int(oracle))
        #expect(Int(oracle) ?? 0 > 50)
        let byCategory = try server.psql(db, "SELECT count(*) FROM incidents WHERE category = 'изъятие'")
        #expect(try await store.count(matching: IncidentQuery(categories: ["изъятие"])) == Int(byCategory))
        await store.shutdown()
    }

    @Test func rejectsInvalidQueries() async throws {
        let (_, _, store) = try await Self.fresh()
        await #expect(throws: PostgresIncidentStore.QueryError.self) {
            try await store.count(matching: IncidentQuery(area: .point(Point(x: 70, y: 40))))
        }
        await #expect(throws: PostgresIncidentStore.QueryError.invalidLimit(-1)) {
            try await store.count(matching: IncidentQuery(limit: -1))
        }
        await store.shutdown()
    }

    @Test func clearErrorsForUnreachableServersAndMissingPostGIS() async throws {
        let server = try PostgresTestServer.server()
        // Nothing listens on port 1.
        do {
            _ = try await PostgresIncidentStore.open("postgres://postgres@127.0.0.1:1/x")
            Issue.record("connected to port 1")
        } catch let error as PostgresIncidentStore.StoreError {
            #expect("\(error)".hasPrefix("cannot connect to PostgreSQL at postgres://postgres@127.0.0.1:1/x"), "\(error)")
        }
        // A role that may not create PostGIS in a database that lacks it.
        let db = try server.createDatabase()
        try server.psql("postgres", "DO $$ BEGIN CREATE ROLE bordermap_plain LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        do {
            _ = try await PostgresIncidentStore.open("postgres://bordermap_plain@127.0.0.1:\(server.port)/\(db)")
            Issue.record("a plain role created PostGIS")
        } catch let error as PostgresIncidentStore.StoreError {
            guard case .postgisMissing(let message) = error else { Issue.record("\(error)"); return }
            #expect(message.contains("permission denied"), "\(message)")
            #expect("\(error)".contains("postgresql-15-postgis-3"))
        }
    }
}
