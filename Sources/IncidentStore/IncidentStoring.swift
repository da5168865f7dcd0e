import Foundation
import GeoFormats

/// What an import stored.
public struct InsertSummary: Sendable, Hashable {
    /// Records handed in.
    public var received: Int
    /// Records newly stored.
    public var stored: Int
    /// Records skipped because an incident with the same `sourceKey` was already stored.
    public var duplicates: Int

    public init(received: Int, stored: Int, duplicates: Int) {
        self.received = received
        self.stored = stored
        self.duplicates = duplicates
    }
}

/// The incident database, whichever backend holds it (SQLite embedded, PostgreSQL + PostGIS
/// shared). Implementations are safe to call from any task.
public protocol IncidentStoring: Sendable {
    /// Stores `records` in one transaction: all of them or, on error, none. Records whose
    /// `sourceKey` is already stored are skipped and counted as duplicates.
    func insert(_ records: [IncidentRecord]) async throws -> InsertSummary

    /// Stores every record `source` yields in one transaction, pulling batches as it goes so
    /// that memory stays bounded whatever the source's size; duplicates as for `insert(_:)`.
    /// Killed or failing halfway (the source throws, the database refuses), nothing of the
    /// call is stored.
    func insert(from source: some IncidentRecordSource) async throws -> InsertSummary

    /// Calls `body` for each incident `query` selects, in `occurredAt` then `id` order, without
    /// holding them all in memory.
    func forEach(matching query: IncidentQuery, _ body: @Sendable (Incident) throws -> Void) async throws

    /// `forEach(matching:_:)` decoding only `columns` (location and time always): the fields not
    /// asked for are nil, `properties` empty, `id` and `sourceKey` empty text.
    func forEach(matching query: IncidentQuery, columns: IncidentColumns, _ body: @Sendable (Incident) throws -> Void) async throws

    /// The incidents `query` selects as GeoJSON feature text (`IncidentGeoJSON`), in
    /// `forEach` order; with `limit` and `after` a download is written page by page in bounded
    /// memory. A default decodes with `forEach`; SQLite writes from its rows directly.
    func geoJSONFeatures(matching query: IncidentQuery) async throws -> IncidentGeoJSONPage

    /// How many incidents `query` selects, per value of `field` (nil values under "").
    func count(matching query: IncidentQuery, groupedBy field: IncidentGroupField) async throws -> [String: Int]

    /// How many incidents `query` selects.
    func count(matching query: IncidentQuery) async throws -> Int

    /// A number that changes with every committed write, by this process or another one sharing
    /// the database; cheap to read (tile caches poll it).
    func dataVersion() async throws -> Int64
}

extension IncidentStoring {
    /// Collects the whole source and stores it with `insert(_:)`: correct for any backend,
    /// bounded only by the source's size. Backends override it to stream.
    public func insert(from source: some IncidentRecordSource) async throws -> InsertSummary {
        var all: [IncidentRecord] = []
        while let batch = try source.nextBatch(maxCount: 10_000) { all += batch }
        return try await insert(all)
    }
}
