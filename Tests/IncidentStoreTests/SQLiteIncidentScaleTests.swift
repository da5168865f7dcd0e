import Foundation
import GeoFormats
import Testing
@testable import IncidentStore

/// Volume: insert throughput (printed; the figure that matters is from a release build) and
/// streaming a couple of hundred thousand rows through the cursor.
@Suite struct SQLiteIncidentScaleTests {
    typealias S = SQLiteTestSupport

    @Test func insertsAndStreamsTwoHundredThousandRows() async throws {
        let db = try S.tempDatabase()
        defer { try? FileManager.default.removeItem(atPath: (db as NSString).deletingLastPathComponent) }  // ~80 MB
        let store = try SQLiteIncidentStore(path: db)
        let records = S.records(200_000, seed: 7)
        let clock = ContinuousClock()
        let first = Array(records[0..<100_000]), second = Array(records[100_000...])
        let t0 = clock.now
        #expect(try await store.insert(first).stored == 100_000)
        let insertTime = clock.now - t0
        let seconds = Double(insertTime.components.seconds) + Double(insertTime.components.attoseconds) * 1e-18
        print("SQLiteIncidentStore: inserted 100000 rows in \(String(format: "%.2f", seconds)) s, \(Int(100_000 / seconds)) rows/s")
        #expect(try await store.insert(second).stored == 100_000)
        #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents") == "200000")

        // Stream everything without collecting it: count and check the order on the fly.
        final class Tally: @unchecked Sendable {
            var n = 0, ordered = true, last = (Date.distantPast, "")
        }
        let tally = Tally()
        let t1 = clock.now
        try await store.forEach(matching: .all) { i in
            if (i.occurredAt, i.id) < tally.last { tally.ordered = false }
            tally.last = (i.occurredAt, i.id)
            tally.n += 1
        }
        print("SQLiteIncidentStore: streamed 200000 rows in \(clock.now - t1)")
        #expect(tally.n == 200_000)
        #expect(tally.ordered)
    }
}
