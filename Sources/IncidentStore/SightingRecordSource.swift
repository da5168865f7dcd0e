import GeoFormats

/// Sighting records handed to `SightingStoring.insertSightings(from:)` a batch at a time, so
/// that a large plate-reader file never sits in memory whole. A store pulls batches from one
/// task at a time, inside its write transaction; the source may read a file as it goes.
public protocol SightingRecordSource: AnyObject, Sendable {
    /// The next records (at most `maxCount`, at least one), or nil when the source is done.
    /// - Throws: whatever reading the source throws; the store then rolls back the whole call.
    func nextBatch(maxCount: Int) throws -> [SightingRecord]?
}

/// A `SightingRecordSource` over records already in memory (tests, small imports).
public final class SightingRecordArraySource: SightingRecordSource, @unchecked Sendable {
    // @unchecked: `position` is only touched by the one task a store pulls from (see the protocol).
    private let records: [SightingRecord]
    private var position = 0

    /// A source yielding `records` in order.
    public init(_ records: [SightingRecord]) { self.records = records }

    /// The next records (at most `maxCount`, at least one), or nil after the last.
    public func nextBatch(maxCount: Int) throws -> [SightingRecord]? {
        guard position < records.count else { return nil }
        let end = min(records.count, position + max(1, maxCount))
        defer { position = end }
        return Array(records[position..<end])
    }
}
