import Foundation
import GeoFormats

/// Pulls batches from an `IncidentRecordSource` on a thread of its own while the store writes
/// the previous ones, keeping at most `depth` batches waiting: reading a CSV file and SQLite's
/// inserts then overlap on two cores, and memory stays bounded by `depth + 2` batches (the
/// waiting ones, the one being written and the one being read).
///
/// The source is only ever called from the prefetch thread, one call at a time (as the protocol
/// asks). `finish()` stops that thread and waits for it, so once it returns the source is no
/// longer touched and whatever the source collected may be read. Not for use by more than one
/// consumer.
final class RecordPrefetcher: @unchecked Sendable {
    // @unchecked: every mutable property is guarded by `condition`; the source is used by the
    // prefetch thread alone (see the type).
    private let condition = NSCondition()
    private var waiting: [[IncidentRecord]] = []
    private var sourceDone = false
    private var failure: (any Error)?
    private var stopped = false
    private var threadDone = false
    /// The most batches that were ever waiting at once (at most `depth`), for tests.
    private(set) var mostWaiting = 0
    /// Batches handed out by `next()` so far, for tests.
    private(set) var handedOut = 0
    /// Batches pulled from the source so far, for tests.
    private(set) var pulled = 0
    let depth: Int

    /// Starts pulling batches of `batchSize` records from `source`.
    init(source: some IncidentRecordSource, batchSize: Int, depth: Int = 2) {
        self.depth = max(1, depth)
        let thread = Thread { [self] in run(source: source, batchSize: max(1, batchSize)) }
        thread.name = "BorderMap import reader"
        thread.stackSize = 8 << 20  // as the main thread's: readers may recurse (nested JSON, XML)
        thread.start()
    }

    private func run(source: some IncidentRecordSource, batchSize: Int) {
        while true {
            condition.lock()
            while waiting.count >= depth, !stopped { condition.wait() }
            let stop = stopped
            condition.unlock()
            if stop { break }
            let batch: [IncidentRecord]?
            do { batch = try source.nextBatch(maxCount: batchSize) } catch {
                condition.lock()
                failure = error
                condition.broadcast()
                condition.unlock()
                break
            }
            condition.lock()
            if let batch {
                waiting.append(batch)
                pulled += 1
                mostWaiting = max(mostWaiting, waiting.count)
            } else {
                sourceDone = true
            }
            condition.broadcast()
            condition.unlock()
            if batch == nil { break }
        }
        condition.lock()
        threadDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch in the source's order, waiting for it if need be; nil after the last.
    /// - Throws: the error the source threw (after the batches before it were handed out).
    func next() throws -> [IncidentRecord]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty, !sourceDone, failure == nil { condition.wait() }
        if !waiting.isEmpty {
            handedOut += 1
            defer { condition.broadcast() }
            return waiting.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops pulling (when the consumer gives up early) and waits until the prefetch thread has
    /// left the source. Safe to call more than once.
    func finish() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !threadDone { condition.wait() }
        waiting.removeAll()
        condition.unlock()
    }
}
