import Foundation
import GeoCore
import GeoFormats
import Testing
import TestSupport
@testable import IncidentStore

/// The stores' queries (SQLite, and PostgreSQL when installed) against a brute-force filter
/// over the inserted records, against hand-written SQL run by the sqlite3 shell on the same
/// file, and PostgreSQL's answers against SQLite's on the same records.
@Suite(.serialized) struct SQLiteIncidentQueryTests {
    typealias S = SQLiteTestSupport

    /// One shared database of 5000 seeded records (built once per process).
    static let fixture: (db: String, records: [IncidentRecord]) = {
        let db = (try? S.tempDatabase()) ?? "/tmp/bordermap-sqlite-query-tests.sqlite"
        return (db, S.records(5000, seed: 42))
    }()

    static func store() async throws -> SQLiteIncidentStore {
        let store = try SQLiteIncidentStore(path: fixture.db)
        if try await store.count(matching: .all) == 0 { _ = try await store.insert(fixture.records) }
        return store
    }

    /// The same records in a PostgreSQL database of the test server (built once per process).
    static let postgresFixture = Task<(store: PostgresIncidentStore, database: String), any Error> {
        let server = try PostgresTestServer.server()
        let database = try server.createDatabase()
        let store = try await PostgresIncidentStore.open(server.url(database))
        _ = try await store.insert(fixture.records)
        return (store, database)
    }

    static func store(_ backend: StoreBackend) async throws -> any IncidentStoring {
        switch backend {
        case .sqlite: try await store()
        case .postgres: try await postgresFixture.value.store
        }
    }

    static func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso) ?? .distantPast }

    /// Brute force: the conditions of `IncidentQuery`, written out plainly.
    static func matches(_ r: IncidentRecord, _ q: IncidentQuery, inArea: ((Double, Double) -> Bool)? = nil) -> Bool {
        if let b = q.bbox, !(r.lon >= b.minX && r.lon <= b.maxX && r.lat >= b.minY && r.lat <= b.maxY) { return false }
        if let f = q.from, r.occurredAt < f { return false }
        if let t = q.to, r.occurredAt >= t { return false }
        func ok(_ v: String?, _ list: [String]) -> Bool { list.isEmpty || v.map(list.contains) == true }
        guard ok(r.category, q.categories), ok(r.substance, q.substances), ok(r.agency, q.agencies),
              ok(r.borderPost, q.borderPosts) else { return false }
        if let inArea, !inArea(r.lon, r.lat) { return false }
        return true
    }

    static let queries: [IncidentQuery] = [
        IncidentQuery(bbox: BoundingBox(minX: 65, minY: 38, maxX: 70, maxY: 41)),
        IncidentQuery(bbox: BoundingBox(minX: 79, minY: 35, maxX: 85, maxY: 37)),
        IncidentQuery(from: date("2021-01-01T00:00:00Z"), to: date("2021-07-01T00:00:00Z")),
        IncidentQuery(from: date("2024-06-01T00:00:00Z")),
        IncidentQuery(categories: ["seizure", "изъятие"]),
        IncidentQuery(substances: ["гашиш"], agencies: ["ГКНБ", "customs"]),
        IncidentQuery(borderPosts: ["Ак-Жол"]),
        IncidentQuery(bbox: BoundingBox(minX: 62, minY: 36, maxX: 75, maxY: 44), from: date("2020-03-01T00:00:00Z"),
                      to: date("2023-03-01T00:00:00Z"), categories: ["detention"], substances: ["heroin", "opium"]),
        IncidentQuery(bbox: BoundingBox(minX: 70, minY: 50, maxX: 71, maxY: 51)),  // empty
        IncidentQuery(bbox: BoundingBox(minX: 71, minY: 40, maxX: 70, maxY: 41)),  // inverted: empty
    ]

    @Test(arguments: StoreBackend.tested, queries.indices)
    func queryMatchesBruteForce(_ backend: StoreBackend, _ index: Int) async throws {
        let store = try await Self.store(backend)
        let q = Self.queries[index]
        let expected = Self.fixture.records.filter { Self.matches($0, q) }
        #expect(index >= 8 || expected.count > 20, "the fixture exercises query \(index)")
        let got = try await S.all(store, q)
        #expect(Set(got.map(\.sourceKey)) == Set(expected.map(\.sourceKey)), "query \(index)")
        #expect(got.count == expected.count)
        let sorted = got.sorted { ($0.occurredAt, $0.id) < ($1.occurredAt, $1.id) }
        #expect(got.map(\.id) == sorted.map(\.id), "occurred_at, id order")
        #expect(try await store.count(matching: q) == expected.count)
        for field in IncidentGroupField.allCases {
            var oracle: [String: Int] = [:]
            for r in expected {
                let v: String? = switch field {
                case .category: r.category
                case .substance: r.substance
                case .agency: r.agency
                case .borderPost: r.borderPost
                case .source: r.source
                }
                oracle[v ?? "", default: 0] += 1
            }
            #expect(try await store.count(matching: q, groupedBy: field) == oracle, "query \(index) by \(field)")
        }
    }

    @Test(arguments: StoreBackend.tested)
    func columnReadsDecodeOnlyTheFieldsAskedFor(_ backend: StoreBackend) async throws {
        let store = try await Self.store(backend)
        let q = Self.queries[0]
        let full = try await S.all(store, q)
        let partial = S.Box()
        try await store.forEach(matching: q, columns: [.category, .quantityKg]) { partial.append($0) }
        let got = partial.items
        try #require(got.count == full.count && full.count > 20)
        #expect(full.contains { !$0.properties.isEmpty } && full.contains { $0.substance != nil }, "the fixture has what is left out")
        for (p, f) in zip(got, full) {
            #expect(p.lon == f.lon && p.lat == f.lat && p.occurredAt == f.occurredAt)
            #expect(p.category == f.category && p.quantityKg == f.quantityKg)
            #expect(p.substance == nil && p.agency == nil && p.borderPost == nil && p.source == nil)
            #expect(p.properties.isEmpty && p.id.isEmpty && p.sourceKey.isEmpty)
        }
        let every = S.Box()
        try await store.forEach(matching: q, columns: .all) { every.append($0) }
        #expect(every.items == full)
        #expect(IncidentColumns(fieldNames: ["occurred_at", "category", "quantity_kg"]) == [.category, .quantityKg])
        #expect(IncidentColumns(fieldNames: ["id", "vehicle"]) == [.identity, .properties])
    }

    @Test func bboxAndTimeCountsAgreeWithPlainSQL() async throws {
        let store = try await Self.store()
        let q = IncidentQuery(bbox: BoundingBox(minX: 66.5, minY: 37.25, maxX: 73.75, maxY: 42.5),
                              from: Self.date("2020-01-01T00:00:00Z"), to: Self.date("2022-01-01T00:00:00Z"))
        let sql = """
            SELECT count(*) FROM incidents WHERE lon BETWEEN 66.5 AND 73.75 AND lat BETWEEN 37.25 AND 42.5
            AND occurred_at >= strftime('%s', '2020-01-01') AND occurred_at < strftime('%s', '2022-01-01')
            """
        let oracle = try S.sqlite3(Self.fixture.db, sql)
        #expect(try await store.count(matching: q) == Int(oracle))
        let byCategory = try S.sqlite3(Self.fixture.db, "SELECT count(*) FROM incidents WHERE category = 'изъятие'")
        #expect(try await store.count(matching: IncidentQuery(categories: ["изъятие"])) == Int(byCategory))
    }

    @Test(arguments: StoreBackend.tested) func areaQueriesTestEachPoint(_ backend: StoreBackend) async throws {
        let store = try await Self.store(backend)
        func ring(_ c: [(Double, Double)]) -> LinearRing { LinearRing(c.map { Coordinate($0.0, $0.1) }) }
        // A 64..72 x 37..43 rectangle with a 66..70 x 39..41 hole, and a triangle (74,36)-(79,36)-(74,44).
        let area = Geometry.multiPolygon(MultiPolygon([
            Polygon(exterior: ring([(64, 37), (72, 37), (72, 43), (64, 43), (64, 37)]),
                    holes: [ring([(66, 39), (66, 41), (70, 41), (70, 39), (66, 39)])]),
            Polygon(exterior: ring([(74, 36), (79, 36), (74, 44), (74, 36)])),
        ]))
        func inArea(_ x: Double, _ y: Double) -> Bool {
            let inRect = x >= 64 && x <= 72 && y >= 37 && y <= 43 && !(x > 66 && x < 70 && y > 39 && y < 41)
            // Triangle: right of x = 74, above y = 36, below the line from (79,36) to (74,44).
            let inTriangle = x >= 74 && y >= 36 && (x - 79) * 8 + (y - 36) * 5 <= 0
            return inRect || inTriangle
        }
        for q in [IncidentQuery(area: area), IncidentQuery(categories: ["seizure"], area: area),
                  IncidentQuery(bbox: BoundingBox(minX: 70, minY: 30, maxX: 90, maxY: 50), area: area)] {
            let expected = Self.fixture.records.filter { Self.matches($0, q, inArea: inArea) }
            #expect(expected.count > 100)
            let got = try await S.all(store, q)
            #expect(Set(got.map(\.sourceKey)) == Set(expected.map(\.sourceKey)))
            #expect(try await store.count(matching: q) == expected.count)
            var oracle: [String: Int] = [:]
            for r in expected { oracle[r.substance ?? "", default: 0] += 1 }
            #expect(try await store.count(matching: q, groupedBy: .substance) == oracle)
        }
    }

    @Test(arguments: StoreBackend.tested) func limitTakesTheFirstInOrder(_ backend: StoreBackend) async throws {
        let store = try await Self.store(backend)
        let all = try await S.all(store)
        let first = try await S.all(store, IncidentQuery(limit: 25))
        #expect(first.map(\.id) == all.prefix(25).map(\.id))
        let oracleSQL = "SELECT id FROM incidents ORDER BY occurred_at, id LIMIT 25"
        let oracle = backend == .sqlite ? try S.sqlite3(Self.fixture.db, oracleSQL)
            : try PostgresTestServer.server().psql(try await Self.postgresFixture.value.database, oracleSQL)
        #expect(first.map(\.id).joined(separator: "\n") == oracle)
        #expect(try await store.count(matching: IncidentQuery(limit: 25)) == 25)
        #expect(try await store.count(matching: IncidentQuery(limit: 0)) == 0)
        #expect(try await S.all(store, IncidentQuery(limit: 0)).isEmpty)
        let grouped = try await store.count(matching: IncidentQuery(limit: 25), groupedBy: .category)
        var expected: [String: Int] = [:]
        for i in first { expected[i.category ?? "", default: 0] += 1 }
        #expect(grouped == expected)
        // With an area, the limit applies after the point test.
        let box = Geometry.polygon(Polygon(exterior: LinearRing([Coordinate(60, 35), Coordinate(70, 35), Coordinate(70, 45),
                                                                 Coordinate(60, 45), Coordinate(60, 35)])))
        let inBox = all.filter { $0.lon <= 70 }
        let limited = try await S.all(store, IncidentQuery(area: box, limit: 10))
        #expect(limited.map(\.id) == inBox.prefix(10).map(\.id))
    }

    @Test(arguments: StoreBackend.tested) func pagingWithACursorVisitsEveryIncidentOnce(_ backend: StoreBackend) async throws {
        let store = try await Self.store(backend)
        let query = IncidentQuery(bbox: BoundingBox(minX: 60, minY: 35, maxX: 75, maxY: 45))
        let whole = try await S.all(store, query)
        var paged: [Incident] = [], page = query
        page.limit = 333
        while true {
            let next = try await S.all(store, page)
            paged += next
            guard next.count == 333, let last = next.last else { break }
            page.after = IncidentCursor(last)
        }
        #expect(whole.count > 1000)
        #expect(paged.map(\.id) == whole.map(\.id))
        // Ties on occurred_at are broken by id, so a cursor in the middle of a tie loses nothing.
        let tied = whole.first { a in whole.contains { $0.occurredAt == a.occurredAt && $0.id > a.id } }
        if let tied {
            let after = try await S.all(store, IncidentQuery(bbox: query.bbox, after: IncidentCursor(tied)))
            #expect(after.map(\.id) == whole.filter { ($0.occurredAt, $0.id) > (tied.occurredAt, tied.id) }.map(\.id))
        }
    }

    /// PostgreSQL gives exactly SQLite's answers (every field, the order, the counts) on the
    /// same records, for every query above and an area query.
    @Test(.enabled(if: PostgresTestServer.isInstalled, "needs postgresql-15 and postgresql-15-postgis-3 (see the warning printed)"),
          arguments: queries.indices.map { $0 } + [-1])
    func postgresAnswersEqualSQLite(_ index: Int) async throws {
        let sqlite = try await Self.store(.sqlite)
        let postgres = try await Self.store(.postgres)
        let box = Geometry.polygon(Polygon(exterior: LinearRing([Coordinate(64, 37), Coordinate(72, 37), Coordinate(70, 43),
                                                                 Coordinate(64, 37)])))
        let q = index >= 0 ? Self.queries[index] : IncidentQuery(substances: ["heroin", "гашиш"], area: box)
        let expected = try await S.all(sqlite, q)
        let got = try await S.all(postgres, q)
        #expect(got.count == expected.count, "query \(index)")
        #expect(got == expected, "query \(index): the same incidents in the same order")
        #expect(try await postgres.count(matching: q) == sqlite.count(matching: q))
        for field in IncidentGroupField.allCases {
            #expect(try await postgres.count(matching: q, groupedBy: field) == sqlite.count(matching: q, groupedBy: field))
        }
    }
}
