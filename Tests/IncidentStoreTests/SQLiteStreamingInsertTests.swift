import Foundation
import GeoFormats
import Testing
@testable import IncidentStore

/// `SQLiteIncidentStore.insert(from:)`: the streaming insert gives what the array insert gives,
/// follows the documented identifier rule (checked against a plain re-statement of it), is
/// atomic when the source fails, and reads the source only a bounded number of batches ahead.
@Suite struct SQLiteStreamingInsertTests {
    typealias S = SQLiteTestSupport

    /// Yields the records in batches of `batch` (or fewer when asked for fewer), and throws
    /// `Failure` instead of the batch that would start at `failAt`.
    final class BatchSource: IncidentRecordSource, @unchecked Sendable {
        struct Failure: Error {}
        let records: [IncidentRecord]
        let batch: Int
        let failAt: Int?
        private(set) var position = 0, calls = 0

        init(_ records: [IncidentRecord], batch: Int, failAt: Int? = nil) {
            self.records = records
            self.batch = batch
            self.failAt = failAt
        }

        func nextBatch(maxCount: Int) throws -> [IncidentRecord]? {
            calls += 1
            if let failAt, position >= failAt { throw Failure() }
            guard position < records.count else { return nil }
            let end = min(records.count, position + min(batch, maxCount))
            defer { position = end }
            return Array(records[position..<end])
        }
    }

    /// Records with repeated keys (within and across batches) and clashing identifiers: own ids
    /// that repeat, own ids equal to other records' generated ids, keys sharing 16 characters.
    static func awkwardRecords(_ count: Int, seed: UInt64, keyPrefix: String) -> [IncidentRecord] {
        var records = S.records(count, seed: seed, keyPrefix: keyPrefix)
        for i in stride(from: 7, to: count, by: 97) { records[i].sourceKey = records[i / 2].sourceKey }  // repeats
        for i in stride(from: 11, to: count, by: 89) { records[i].id = "inc-" + records[(i * 3) % count].sourceKey.prefix(16) }
        for i in stride(from: 13, to: count, by: 101) {  // same first 16 characters as another key
            records[i].sourceKey = String(records[(i + 1) % count].sourceKey.prefix(16)) + "zz\(i)"
        }
        return records
    }

    /// The identifier rule of `SQLiteIncidentStore`, restated plainly: new keys (first
    /// occurrence in key order) take their first choice when free, smaller keys first; the others
    /// then take their next free candidate in key order. Returns key → id for the new records.
    static func expectedIDs(_ records: [IncidentRecord], taken: inout Set<String>, storedKeys: inout Set<String>) -> [String: String] {
        var fresh: [IncidentRecord] = []
        for r in records.enumerated().sorted(by: { ($0.element.sourceKey, $0.offset) < ($1.element.sourceKey, $1.offset) }).map(\.element)
        where !storedKeys.contains(r.sourceKey) {
            storedKeys.insert(r.sourceKey)
            fresh.append(r)
        }
        var ids: [String: String] = [:]
        var losers: [IncidentRecord] = []
        for r in fresh {
            let generated = "inc-" + r.sourceKey.prefix(16)
            let first = (r.id?.isEmpty ?? true) ? generated : r.id!
            if taken.insert(first).inserted { ids[r.sourceKey] = first } else { losers.append(r) }
        }
        for r in losers {
            let generated = "inc-" + r.sourceKey.prefix(16)
            var candidates = (r.id?.isEmpty ?? true) || r.id == generated ? [] : [generated]
            var suffix = 2
            while true {
                let id: String
                if candidates.isEmpty {
                    id = "\(generated)-\(suffix)"
                    suffix += 1
                } else {
                    id = candidates.removeFirst()
                }
                if taken.insert(id).inserted {
                    ids[r.sourceKey] = id
                    break
                }
            }
        }
        return ids
    }

    static func dump(_ db: String) throws -> String {
        try S.sqlite3(db, """
            SELECT id, occurred_at, lon, lat, category, substance, quantity_kg, agency, border_post, source, properties, source_key
            FROM incidents ORDER BY source_key
            """)
    }

    @Test func streamingEqualsTheArrayInsertAndTheIdentifierRule() async throws {
        let arrayDB = try S.tempDatabase(), streamDB = try S.tempDatabase()
        let arrayStore = try SQLiteIncidentStore(path: arrayDB), streamStore = try SQLiteIncidentStore(path: streamDB)
        // A first call into the empty table (direct, then staged after the first conflict;
        // indexes rebuilt), a smaller one (indexes kept), then a larger one into a table past
        // the direct limit (staged, indexes rebuilt), mixing stored keys, new keys and clashing ids.
        let first = Self.awkwardRecords(12_000, seed: 21, keyPrefix: "a")
        var second = Self.awkwardRecords(3_000, seed: 22, keyPrefix: "b") + Array(first[100..<600])
        for i in stride(from: 5, to: 3_000, by: 50) { second[i].id = first[i].id ?? "inc-" + first[i].sourceKey.prefix(16) }
        var third = Self.awkwardRecords(16_000, seed: 23, keyPrefix: "c") + Array(second[0..<400])
        for i in stride(from: 3, to: 16_000, by: 70) { third[i].id = second[i % 3_000].id }
        var taken = Set<String>(), storedKeys = Set<String>()
        for records in [first, second, third] {
            let a = try await arrayStore.insert(records)
            let source = BatchSource(records, batch: 777)
            let b = try await streamStore.insert(from: source)
            #expect(a == b)
            #expect(source.calls > records.count / 777, "the source was read in batches")
            let expected = Self.expectedIDs(records, taken: &taken, storedKeys: &storedKeys)
            #expect(b.stored == expected.count && b.received == records.count && b.duplicates == records.count - expected.count)
        }
        #expect(try Self.dump(arrayDB) == Self.dump(streamDB))
        let ids = try S.sqlite3(streamDB, "SELECT source_key, id FROM incidents").split(separator: "\n").map { $0.split(separator: "|", maxSplits: 1) }
        var taken2 = Set<String>(), keys2 = Set<String>()
        var expected = Self.expectedIDs(first, taken: &taken2, storedKeys: &keys2)
        expected.merge(Self.expectedIDs(second, taken: &taken2, storedKeys: &keys2)) { a, _ in a }
        expected.merge(Self.expectedIDs(third, taken: &taken2, storedKeys: &keys2)) { a, _ in a }
        #expect(ids.count == expected.count)
        let mismatches = ids.filter { expected[String($0[0])] != String($0[1]) }
        #expect(mismatches.isEmpty, "ids differing from the rule: \(mismatches.prefix(5))")
        for db in [arrayDB, streamDB] {
            #expect(try S.sqlite3(db, "SELECT value FROM meta WHERE key = 'data_version'") == "3")
            #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents_rtree") == "\(expected.count)")
            #expect(try S.sqlite3(db, "SELECT rtreecheck('incidents_rtree')") == "ok")
            #expect(try S.sqlite3(db, "PRAGMA integrity_check") == "ok")
            let indexes = try S.sqlite3(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents' ORDER BY name")
            #expect(indexes.split(separator: "\n").filter { !$0.hasPrefix("sqlite_autoindex") } == [
                "incidents_agency", "incidents_border_post", "incidents_category", "incidents_occurred_at", "incidents_substance",
            ])
        }
    }

    @Test func aSourceThatThrowsHalfwayStoresNothing() async throws {
        let db = try S.tempDatabase()
        let store = try SQLiteIncidentStore(path: db)
        _ = try await store.insert(S.records(100, seed: 31, keyPrefix: "first"))
        let source = BatchSource(S.records(50_000, seed: 32, keyPrefix: "second"), batch: 5_000, failAt: 25_000)
        await #expect(throws: BatchSource.Failure.self) { try await store.insert(from: source) }
        #expect(source.position == 25_000, "reading stopped at the failure")
        #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents") == "100")
        #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents_rtree") == "100")
        #expect(try S.sqlite3(db, "SELECT value FROM meta WHERE key = 'data_version'") == "1")
        #expect(try S.sqlite3(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents' AND sql IS NOT NULL") == "5", "every incident index rebuilt")
        // The store stays usable: the same records, read without failing, all go in.
        #expect(try await store.insert(from: BatchSource(source.records, batch: 5_000)).stored == 50_000)
        #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents") == "50100")
    }

    @Test func duplicatesAcrossBatchesAreStoredOnce() async throws {
        let db = try S.tempDatabase()
        let store = try SQLiteIncidentStore(path: db)
        var records = S.records(30_000, seed: 41)
        for i in 0..<100 { records[25_000 + i].sourceKey = records[i].sourceKey }  // 25 batches apart
        let summary = try await store.insert(from: BatchSource(records, batch: 1_000))
        #expect(summary == InsertSummary(received: 30_000, stored: 29_900, duplicates: 100))
        #expect(try S.sqlite3(db, "SELECT count(DISTINCT source_key) || ' ' || count(*) FROM incidents") == "29900 29900")
        // The first occurrence is the one stored.
        #expect(try S.sqlite3(db, "SELECT lon = \(records[0].lon) FROM incidents WHERE source_key = '\(records[0].sourceKey)'") == "1")
        let again = try await store.insert(from: BatchSource(records, batch: 4_096))
        #expect(again == InsertSummary(received: 30_000, stored: 0, duplicates: 30_000))
        #expect(try await store.dataVersion() == 1, "a call that stores nothing keeps the version")
        let empty = try await store.insert(from: BatchSource([], batch: 10))
        #expect(empty == InsertSummary(received: 0, stored: 0, duplicates: 0))
    }

    /// 300,000 records pulled through the prefetcher by a slow consumer: the source is never
    /// more than `depth + 1` batches ahead of what was consumed.
    @Test func readsAtMostABoundedNumberOfBatchesAhead() throws {
        final class Counting: IncidentRecordSource, @unchecked Sendable {
            let lock = NSLock()
            var consumed = 0, pulled = 0, worstLead = 0
            let template = S.records(1, seed: 51)[0]
            func nextBatch(maxCount: Int) throws -> [IncidentRecord]? {
                lock.lock()
                defer { lock.unlock() }
                guard pulled < 300 else { return nil }
                pulled += 1
                worstLead = max(worstLead, pulled - consumed)
                return [IncidentRecord](repeating: template, count: maxCount)
            }
        }
        let source = Counting()
        let prefetcher = RecordPrefetcher(source: source, batchSize: 1_000, depth: 2)
        var records = 0
        while let batch = try prefetcher.next() {
            records += batch.count
            Thread.sleep(forTimeInterval: 0.0005)  // the "writer" is slower than the reader
            source.lock.withLock { source.consumed += 1 }
        }
        prefetcher.finish()
        #expect(records == 300_000)
        #expect(prefetcher.mostWaiting <= 2)
        // Waiting (2) plus the one being read while the consumer works on the one it took.
        #expect(source.worstLead <= 4, "the source ran \(source.worstLead) batches ahead")
        #expect(source.worstLead >= 2, "the reader did read ahead")
    }

    /// The store's own pull loop against a 300,000-record source: batches of at most the batch
    /// size asked for, never more than `readAhead` + 2 batches pulled beyond what the writer has
    /// written (waiting, being read, being written), everything stored once.
    @Test func storesThreeHundredThousandStreamedRecordsReadingBoundedlyAhead() async throws {
        let db = try S.tempDatabase()
        defer { try? FileManager.default.removeItem(atPath: (db as NSString).deletingLastPathComponent) }
        let store = try SQLiteIncidentStore(path: db)
        final class Generated: IncidentRecordSource, @unchecked Sendable {
            let lock = NSLock()
            var made = 0, written = 0, largest = 0, worstLead = 0
            func nextBatch(maxCount: Int) throws -> [IncidentRecord]? {
                let start = lock.withLock { made }
                guard start < 300_000 else { return nil }
                let n = min(maxCount, 300_000 - start)
                let batch = S.records(n, seed: UInt64(start), keyPrefix: "g\(start)-")
                lock.withLock {
                    made += n
                    largest = max(largest, n)
                    worstLead = max(worstLead, made - written)
                }
                return batch
            }
        }
        let source = Generated()
        let batch = 5_000
        let summary = try await store.insert(from: source, batchSize: batch) { written in
            source.lock.withLock { source.written = written }
            Thread.sleep(forTimeInterval: 0.01)  // a writer slower than the reader
        }
        #expect(summary == InsertSummary(received: 300_000, stored: 300_000, duplicates: 0))
        #expect(source.largest == batch)
        #expect(source.worstLead <= (SQLiteIncidentStore.readAhead + 2) * batch,
                "the source ran \(source.worstLead) records ahead of the writer")
        #expect(try S.sqlite3(db, "SELECT count(*) FROM incidents") == "300000")
        #expect(source.worstLead >= 2 * batch, "the reader did run ahead")
    }
}
