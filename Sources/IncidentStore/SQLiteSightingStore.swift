import Foundation
import GeoFormats
import GRDB

/// Plate-reader sightings in the SQLite store (table `sightings`, `SightingsSchema`).
extension SQLiteIncidentStore: SightingStoring {
    /// Records pulled from a source per batch.
    static let sightingBatchSize = 5_000

    /// `insertSightings(from:)` over the records in memory.
    /// - Throws: as `insertSightings(from:)`.
    public func insertSightings(_ records: [SightingRecord]) async throws -> InsertSummary {
        try await insertSightings(from: SightingRecordArraySource(records))
    }

    /// Stores the source's records in one `BEGIN IMMEDIATE` transaction with one prepared
    /// `INSERT … ON CONFLICT (source_key) DO NOTHING`, pulling `sightingBatchSize` records at a
    /// time, in the given order (so the first of repeated keys wins); a record counts as stored
    /// when the statement changed a row.
    /// - Throws: `DatabaseError` (nothing of the call is stored), e.g. a coordinate out of
    ///   range (CHECK constraint) or a database busy for more than 30 s; what the source throws.
    public func insertSightings(from source: some SightingRecordSource) async throws -> InsertSummary {
        let importedAt = SightingQuery.milliseconds(Date())
        let (received, stored) = try await reader.writeWithoutTransaction { db -> (Int, Int) in
            var received = 0, stored = 0
            try db.inTransaction(.immediate) {
                let statement = try db.makeStatement(sql: """
                    INSERT INTO sightings (plate, camera_id, time_ms, lon, lat, source, source_key, imported_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_key) DO NOTHING
                    """)
                while let batch = try source.nextBatch(maxCount: Self.sightingBatchSize) {
                    for r in batch {
                        try statement.execute(arguments: [r.plate, r.cameraID, SightingQuery.milliseconds(r.time), r.lon, r.lat,
                                                          r.source, r.sourceKey, importedAt])
                        stored += db.changesCount
                    }
                    received += batch.count
                }
                return .commit
            }
            return (received, stored)
        }
        return InsertSummary(received: received, stored: stored, duplicates: received - stored)
    }

    /// Streams the selected sightings through a GRDB cursor inside one read transaction.
    /// - Throws: `DatabaseError`, or what `body` throws (which stops the iteration).
    public func forEachSighting(matching query: SightingQuery, _ body: @Sendable (StoredSighting) throws -> Void) async throws {
        let (clause, arguments) = Self.sightingWhere(query)
        try await reader.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(SightingsSchema.selectColumns) FROM sightings s \(clause) \(SightingsSchema.order)
                """, arguments: arguments)
            while let row = try rows.next() {
                let ms: Int64 = row[2]
                try body(StoredSighting(plate: row[0], cameraID: row[1], time: Date(timeIntervalSince1970: Double(ms) / 1000),
                                        lon: row[3], lat: row[4], source: row[5], sourceKey: row[6]))
            }
        }
    }

    /// `COUNT(*)` of the selected sightings.
    /// - Throws: `DatabaseError`.
    public func countSightings(matching query: SightingQuery) async throws -> Int {
        let (clause, arguments) = Self.sightingWhere(query)
        return try await reader.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sightings s \(clause)", arguments: arguments) ?? 0
        }
    }

    private static func sightingWhere(_ query: SightingQuery) -> (String, StatementArguments) {
        let (sql, values) = query.whereClause { _ in "?" }
        var arguments = StatementArguments()
        for v in values {
            switch v {
            case .text(let t): arguments += [t]
            case .integer(let i): arguments += [i]
            case .number(let d): arguments += [d]
            }
        }
        return (sql, arguments)
    }
}
