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

    /// Calls `body` for each incident `query` selects, in `occurredAt` then `id` order, without
    /// holding them all in memory.
    func forEach(matching query: IncidentQuery, _ body: @Sendable (Incident) throws -> Void) async throws

    /// How many incidents `query` selects, per value of `field` (nil values under "").
    func count(matching query: IncidentQuery, groupedBy field: IncidentGroupField) async throws -> [String: Int]

    /// How many incidents `query` selects.
    func count(matching query: IncidentQuery) async throws -> Int

    /// A number that changes with every committed write, by this process or another one sharing
    /// the database; cheap to read (tile caches poll it).
    func dataVersion() async throws -> Int64
}
