import Foundation
import GeoCore
import GeoFormats
import Testing
import TestSupport
@testable import IncidentStore

/// Plate-reader sightings in both stores: de-duplication, queries, order and edges, against
/// answers worked out by hand from the five records below; PostgreSQL must give exactly what
/// SQLite gives (skipped, with a loud warning, only when PostgreSQL is not installed).
@Suite struct SightingStoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_709_632_800)  // 2024-03-05T10:00:00Z

    /// Synthetic records: B at 10:00 (C1), A at 10:00 (C2), A at 10:05 (C3, edge of the box),
    /// A again at 10:05 with the same key (a repeat), B at 11:00.250 (C4, outside the box).
    static let records: [SightingRecord] = [
        SightingRecord(plate: "SYN-B", cameraID: "C1", time: t0, lon: 74.5, lat: 42.8, source: "synthetic", sourceKey: "k1", row: 2),
        SightingRecord(plate: "SYN-A", cameraID: "C2", time: t0, lon: 74.6, lat: 42.9, source: nil, sourceKey: "k2", row: 3),
        SightingRecord(plate: "SYN-A", cameraID: "C3", time: t0 + 300, lon: 75.0, lat: 43.0, source: "synthetic", sourceKey: "k3", row: 4),
        SightingRecord(plate: "SYN-A", cameraID: "C9", time: t0 + 300, lon: 75.0, lat: 43.0, source: "synthetic", sourceKey: "k3", row: 5),
        SightingRecord(plate: "SYN-B", cameraID: "C4", time: t0 + 3600.25, lon: 76.0, lat: 43.5, source: "synthetic", sourceKey: "k4", row: 6),
    ]

    static func keys(_ store: any SightingStoring, _ q: SightingQuery) async throws -> [String] {
        try await store.sightings(matching: q).map(\.sourceKey)
    }

    @Test(arguments: StoreBackend.tested) func storesOnceAndAnswersQueries(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let sightings = try #require(store as? any SightingStoring)
        let first = try await sightings.insertSightings(Self.records)
        #expect(first == InsertSummary(received: 5, stored: 4, duplicates: 1), "the repeated key k3 is stored once")
        let again = try await sightings.insertSightings(Self.records)
        #expect(again == InsertSummary(received: 5, stored: 0, duplicates: 5))
        // Order: time, then plate, then camera.
        #expect(try await Self.keys(sightings, SightingQuery()) == ["k2", "k1", "k3", "k4"])
        let all = try await sightings.sightings(matching: SightingQuery())
        let c3 = try #require(all.first { $0.sourceKey == "k3" })
        #expect(c3.cameraID == "C3", "the first of the repeated rows is the one kept")
        #expect(all.first { $0.sourceKey == "k2" }?.source == nil)
        #expect(all.first { $0.sourceKey == "k4" }?.time == Self.t0 + 3600.25, "milliseconds survive")
        #expect(try await Self.keys(sightings, SightingQuery(plates: ["SYN-A"])) == ["k2", "k3"])
        // Time window: from inclusive, to exclusive.
        #expect(try await Self.keys(sightings, SightingQuery(from: Self.t0 + 300, to: Self.t0 + 3600.25)) == ["k3"])
        // Box edges included: C3 lies on the north-east corner.
        let box = BoundingBox(minX: 74.55, minY: 42.85, maxX: 75.0, maxY: 43.0)
        #expect(try await Self.keys(sightings, SightingQuery(bbox: box)) == ["k2", "k3"])
        #expect(try await sightings.countSightings(matching: SightingQuery(plates: ["SYN-B"], bbox: box)) == 0)
        #expect(try await sightings.countSightings(matching: SightingQuery()) == 4)
        // Sightings do not touch the incidents or their data version.
        #expect(try await store.count(matching: IncidentQuery()) == 0)
        #expect(try await store.dataVersion() == 0)
        await store.close()
    }

    @Test(arguments: StoreBackend.tested) func refusesCoordinatesOutOfRangeAtomically(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let sightings = try #require(store as? any SightingStoring)
        var bad = Self.records
        bad[4].lat = 91
        await #expect(throws: (any Error).self) { try await sightings.insertSightings(bad) }
        #expect(try await sightings.countSightings(matching: SightingQuery()) == 0, "nothing of a failed call is stored")
        await store.close()
    }

    /// Hands out the records two at a time (fewer than asked for, as a source may), then
    /// optionally throws instead of ending.
    final class PairSource: SightingRecordSource, @unchecked Sendable {
        struct Broken: Error {}
        let records: [SightingRecord]
        let failAtEnd: Bool
        var position = 0
        var pulls = 0
        init(_ records: [SightingRecord], failAtEnd: Bool = false) {
            self.records = records
            self.failAtEnd = failAtEnd
        }
        func nextBatch(maxCount: Int) throws -> [SightingRecord]? {
            pulls += 1
            guard position < records.count else {
                if failAtEnd { throw Broken() }
                return nil
            }
            let end = min(records.count, position + min(2, maxCount))
            defer { position = end }
            return Array(records[position..<end])
        }
    }

    @Test(arguments: StoreBackend.tested) func streamsBatchesInOneTransaction(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let sightings = try #require(store as? any SightingStoring)
        // The five records in batches [k1 k2] [k3 k3'] [k4], then k1 again in a later batch:
        // 6 received, k3' and the second k1 duplicates — the repeat across batches counts too.
        let source = PairSource(Self.records + [Self.records[0]])
        let summary = try await sightings.insertSightings(from: source)
        #expect(summary == InsertSummary(received: 6, stored: 4, duplicates: 2))
        #expect(source.pulls == 4, "three batches of two, then the end")
        #expect(try await Self.keys(sightings, SightingQuery()) == ["k2", "k1", "k3", "k4"])
        // A source failing after its batches were written stores nothing of the call.
        var fresh = Self.records
        for i in fresh.indices { fresh[i].sourceKey += "-new" }
        await #expect(throws: PairSource.Broken.self) { try await sightings.insertSightings(from: PairSource(fresh, failAtEnd: true)) }
        #expect(try await sightings.countSightings(matching: SightingQuery()) == 4)
        await store.close()
    }

    @Test(.enabled(if: PostgresTestServer.isInstalled, "needs postgresql-15 (see the warning printed)"))
    func postgresAnswersAsSQLite() async throws {
        var rng = SplitMix64(seed: 77)
        let many = (0..<500).map { i in
            SightingRecord(plate: "SYN-\(Int.random(in: 0..<20, using: &rng))", cameraID: "C\(Int.random(in: 0..<15, using: &rng))",
                           time: Self.t0 + Double(Int.random(in: 0..<86_400_000, using: &rng)) / 1000,
                           lon: 70 + rng.unit() * 10, lat: 38 + rng.unit() * 6, source: i % 3 == 0 ? nil : "synthetic",
                           sourceKey: "key-\(Int.random(in: 0..<450, using: &rng))", row: i + 2)
        }
        let queries = [SightingQuery(), SightingQuery(plates: ["SYN-3", "SYN-7"]),
                       SightingQuery(from: Self.t0 + 3600, to: Self.t0 + 7 * 3600),
                       SightingQuery(bbox: BoundingBox(minX: 72, minY: 39, maxX: 76, maxY: 42))]
        var answers: [[[StoredSighting]]] = []
        var summaries: [InsertSummary] = []
        for backend in StoreBackend.allCases {
            let store = try await backend.makeStore()
            let sightings = try #require(store as? any SightingStoring)
            summaries.append(try await sightings.insertSightings(many))
            var mine: [[StoredSighting]] = []
            for q in queries { mine.append(try await sightings.sightings(matching: q)) }
            answers.append(mine)
            await store.close()
        }
        #expect(summaries[0] == summaries[1])
        #expect(summaries[0].stored == Set(many.map(\.sourceKey)).count)
        for (q, (a, b)) in zip(queries, zip(answers[0], answers[1])) {
            #expect(a == b, "query \(q): SQLite \(a.count) rows, PostgreSQL \(b.count)")
        }
    }
}
