import Foundation
import GeoFormats

/// Plate-reader sightings kept beside the incidents (table `sightings`, see `SightingsSchema`).
/// Both `SQLiteIncidentStore` and `PostgresIncidentStore` adopt it and answer alike: same
/// de-duplication, same order, same edges.
public protocol SightingStoring: Sendable {
    /// Stores `records` in one transaction (all or, on error, none). Records whose `sourceKey`
    /// is stored already, or repeats within the call (the first one wins), count as duplicates.
    /// Does not change the incidents' data version (tiles do not show sightings).
    func insertSightings(_ records: [SightingRecord]) async throws -> InsertSummary

    /// Stores every record `source` yields in one transaction, pulling batches as it goes so
    /// that memory stays bounded whatever the source's size; duplicates as for
    /// `insertSightings(_:)` (repeats across batches too). Failing halfway (the source throws,
    /// the database refuses), nothing of the call is stored.
    func insertSightings(from source: some SightingRecordSource) async throws -> InsertSummary

    /// Calls `body` for each sighting `query` selects, in time, plate, camera, source-key order
    /// (byte order), streaming without holding them all in memory.
    func forEachSighting(matching query: SightingQuery, _ body: @Sendable (StoredSighting) throws -> Void) async throws

    /// How many sightings `query` selects.
    func countSightings(matching query: SightingQuery) async throws -> Int
}

extension SightingStoring {
    /// All sightings `query` selects, in the order of `forEachSighting` (for analysis, which
    /// needs them together).
    /// - Throws: as `forEachSighting`.
    public func sightings(matching query: SightingQuery) async throws -> [StoredSighting] {
        let box = SightingCollector()
        try await forEachSighting(matching: query) { box.append($0) }
        return box.items
    }
}

/// Collects sightings from a `@Sendable` callback that the store calls sequentially.
private final class SightingCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [StoredSighting] = []
    var items: [StoredSighting] { lock.withLock { list } }
    func append(_ s: StoredSighting) { lock.withLock { list.append(s) } }
}
