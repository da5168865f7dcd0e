import Foundation
import GeoFormats
import Testing
@testable import IncidentStore

/// The packed R*Tree of large inserts: SQLite's own `rtreecheck()` accepts it, and boxes found
/// through it are exactly those a plain scan of lon/lat finds, also after later point-by-point
/// inserts and deletes through SQLite's R*Tree code.
@Suite struct SQLiteRTreeBulkLoadTests {
    typealias S = SQLiteTestSupport

    /// Ids in a box through the R*Tree, and by scanning the table; both sorted.
    static func boxes(_ db: String, seed: UInt64) throws -> [(String, String)] {
        var rng = S.Random(seed: seed)
        var sql: [String] = []
        for _ in 0..<12 {
            let w = Double.random(in: 58...78, using: &rng), s = Double.random(in: 34...44, using: &rng)
            let e = w + Double.random(in: 0.01...6, using: &rng), n = s + Double.random(in: 0.01...3, using: &rng)
            sql.append("""
                SELECT count(*) || ':' || coalesce(sum(i.seq), 0) FROM incidents i JOIN incidents_rtree r ON r.id = i.seq
                WHERE r.max_lon >= \(w) AND r.min_lon <= \(e) AND r.max_lat >= \(s) AND r.min_lat <= \(n)
                AND i.lon BETWEEN \(w) AND \(e) AND i.lat BETWEEN \(s) AND \(n);
                SELECT count(*) || ':' || coalesce(sum(seq), 0) FROM incidents NOT INDEXED WHERE lon BETWEEN \(w) AND \(e) AND lat BETWEEN \(s) AND \(n);
                """)
        }
        let lines = try S.sqlite3(db, sql.joined(separator: "\n")).split(separator: "\n").map(String.init)
        return stride(from: 0, to: lines.count - 1, by: 2).map { (lines[$0], lines[$0 + 1]) }
    }

    static func check(_ db: String, rows: Int, seed: UInt64) throws {
        #expect(try S.sqlite3(db, "SELECT rtreecheck('incidents_rtree')") == "ok")
        #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents_rtree") == "\(rows)")
        for (viaTree, scan) in try boxes(db, seed: seed) { #expect(viaTree == scan) }
    }

    @Test(arguments: [0, 1, 51, 52, 3_000, 40_000])
    func aPackedTreeIsValidAndFindsWhatAScanFinds(rows: Int) async throws {
        let db = try S.tempDatabase()
        let store = try SQLiteIncidentStore(path: db)
        _ = try await store.insert(S.records(rows, seed: UInt64(rows)))
        try Self.check(db, rows: rows, seed: 1)
        // Point-by-point inserts (fewer rows than stored: trigger path) into the packed nodes,
        // then deletes, through SQLite's own R*Tree code.
        if rows > 0 {
            _ = try await store.insert(S.records(rows / 3 + 1, seed: 99, keyPrefix: "later"))
            try Self.check(db, rows: rows + rows / 3 + 1, seed: 2)
            _ = try S.sqlite3(db, "DELETE FROM incidents WHERE seq % 3 = 0")
            let left = try S.sqlite3(db, "SELECT count(*) FROM incidents")
            try Self.check(db, rows: Int(left) ?? -1, seed: 3)
        }
    }

    @Test func floatsRoundOutwards() {
        for v in [69.28, -0.1, 41.311111111, 1e-9, 179.99999999, -89.123456789] {
            #expect(Double(SQLiteRTreeBulkLoad.floatDown(v)) <= v && Double(SQLiteRTreeBulkLoad.floatUp(v)) >= v)
            #expect(SQLiteRTreeBulkLoad.floatUp(v) <= SQLiteRTreeBulkLoad.floatDown(v).nextUp)
        }
        #expect(SQLiteRTreeBulkLoad.evenRuns(103, capacity: 51) == [0..<34, 34..<68, 68..<103])
        #expect(SQLiteRTreeBulkLoad.evenRuns(51, capacity: 51) == [0..<51])
    }
}
