import Foundation
import GeoFormats
import IncidentStore

/// An `IncidentImportSource` as the store pulls it (`IncidentStoring.insert(from:)`): good rows
/// go out in batches, rejected rows are kept with their cells for the rejects file, and the
/// progress line follows the reading. A row repeating an earlier row of the file
/// (`IncidentRepeatCheck`) is kept back from the store and listed in `repeats`; a row giving
/// an earlier row's id with other values (id keys) is rejected.
///
/// The store reads it from one thread at a time; the counters and rejects are read by the
/// command only after `insert(from:)` has returned, when the store no longer touches it.
final class ImportRecordSource: IncidentRecordSource, @unchecked Sendable {
    // @unchecked: see the type; the store's hand-over (a lock and the end of its reader thread)
    // orders every write here before the command's reads.
    private let source: IncidentImportSource
    private var progress: Progress
    private let started = Date()
    /// Rejected rows with their cells, in file order.
    private(set) var rejects: [(RowRejection, [String])] = []
    /// Rows repeating an earlier row of the file (the reason names it), with their cells.
    private(set) var repeats: [(RowRejection, [String])] = []
    private var repeatCheck: IncidentRepeatCheck
    /// Good records handed to the store.
    private(set) var recordCount = 0
    /// Seconds from the start until the file was read to its end, nil before.
    private(set) var readSeconds: Double?

    init(_ source: IncidentImportSource, label: String) {
        self.source = source
        progress = Progress(label: label, total: source.total)
        repeatCheck = IncidentRepeatCheck(keyedByID: source.keyByID)
    }

    func nextBatch(maxCount: Int) throws -> [IncidentRecord]? {
        guard readSeconds == nil else { return nil }
        var batch: [IncidentRecord] = []
        batch.reserveCapacity(maxCount)
        while batch.count < maxCount, let next = try source.next() {
            switch next.row {
            case .record(let r):
                switch repeatCheck.check(r) {
                case .first: batch.append(r)
                case .repeats(let earlier):
                    let what = source.keyByID ? "the same id and values" : "identical cells"
                    repeats.append((RowRejection(file: nil, row: r.row, reason: "repeats \(source.numberLabel) \(earlier) (\(what)): stored once"),
                                    next.cells))
                case .conflicts(let earlier):
                    let reason = IncidentRepeatCheck.conflictReason(id: r.id, earlierRow: earlier, rowLabel: source.numberLabel)
                    rejects.append((RowRejection(file: nil, row: r.row, reason: reason), next.cells))
                }
            case .rejected(let j): rejects.append((j, next.cells))
            }
            progress.update(source.done)  // redraws at most ten times a second
        }
        recordCount += batch.count
        if batch.count < maxCount {
            progress.update(source.done)
            readSeconds = Date().timeIntervalSince(started)
            progress.finish()
        }
        return batch.isEmpty ? nil : batch
    }
}
