import GeoFormats

/// Records handed to `IncidentStoring.insert(from:)` a batch at a time, so that a file of a
/// million rows never sits in memory whole. A store pulls batches from one task at a time,
/// inside its write transaction; the source may read a file as it goes.
public protocol IncidentRecordSource: AnyObject, Sendable {
    /// The next records (at most `maxCount`, at least one), or nil when the source is done.
    /// - Throws: whatever reading the source throws; the store then rolls back the whole call.
    func nextBatch(maxCount: Int) throws -> [IncidentRecord]?
}

/// An `IncidentRecordSource` over records already in memory (tests, small imports).
public final class IncidentRecordArraySource: IncidentRecordSource, @unchecked Sendable {
    // @unchecked: `position` is only touched by the one task a store pulls from (see the protocol).
    private let records: [IncidentRecord]
    private var position = 0

    public init(_ records: [IncidentRecord]) { self.records = records }

    public func nextBatch(maxCount: Int) throws -> [IncidentRecord]? {
        guard position < records.count else { return nil }
        let end = min(records.count, position + max(1, maxCount))
        defer { position = end }
        return Array(records[position..<end])
    }
}
