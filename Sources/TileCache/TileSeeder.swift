import Dispatch
import Foundation
import GeoProjection
import Synchronization

/// Pre-renders the tiles of some tile ranges into an `MBTilesStore`, in parallel, resumably.
///
/// - Resume: before rendering, each zoom level's stored tiles are read in one query
///   (`MBTilesStore.storedTiles`); tiles already stored with the same key are skipped, so a run
///   killed halfway continues where its last committed batch ended.
/// - Parallel: `workers` threads take tiles from one shared, lazily walked queue (zoom by zoom,
///   north to south) and render them; rendering is the caller's `render` closure, which must be
///   thread-safe (MapRenderer is).
/// - Batched writes: finished tiles are committed `batchSize` at a time, or after
///   `maxBatchSeconds`, whichever comes first, each batch one transaction; a killed run loses at
///   most the uncommitted batch.
/// - Errors: the first failure (a render error names its tile) stops every worker; batches
///   committed before it stay.
public struct TileSeeder: Sendable {
    /// What a run did.
    public struct Report: Sendable, Hashable {
        /// Tiles in the requested ranges.
        public var total: Int
        /// Tiles skipped because they were stored already with the same key.
        public var skipped: Int
        /// Tiles rendered and stored by this run.
        public var rendered: Int
        /// PNG bytes rendered by this run.
        public var bytes: Int
        /// Wall-clock seconds of this run.
        public var seconds: Double
    }

    /// Progress so far, as passed to the progress callback.
    public struct Progress: Sendable, Hashable {
        /// Tiles rendered (and queued for writing) so far.
        public var rendered: Int
        /// Tiles this run has to render (total minus skipped).
        public var toRender: Int
        /// Seconds since rendering began.
        public var seconds: Double
    }

    /// The tiles to seed.
    public var ranges: [TileRange]
    /// The key of each tile (style, hash, data version, scale): equal keys are skipped.
    public var key: @Sendable (TileCoordinate) -> TileKey
    /// Renders one tile to PNG bytes; called from `workers` threads at once.
    public var render: @Sendable (TileKey) throws -> [UInt8]
    /// Rendering threads; default: the number of active processors.
    public var workers: Int
    /// Tiles per committed transaction; default 256.
    public var batchSize: Int
    /// Longest time a rendered tile waits before its batch is committed; default 2 s.
    public var maxBatchSeconds: Double

    /// Creates a seeder; see the properties.
    public init(ranges: [TileRange], key: @escaping @Sendable (TileCoordinate) -> TileKey,
                render: @escaping @Sendable (TileKey) throws -> [UInt8],
                workers: Int = ProcessInfo.processInfo.activeProcessorCount, batchSize: Int = 256, maxBatchSeconds: Double = 2) {
        self.ranges = ranges
        self.key = key
        self.render = render
        self.workers = max(1, workers)
        self.batchSize = max(1, batchSize)
        self.maxBatchSeconds = maxBatchSeconds
    }

    /// Renders every tile of `ranges` not yet stored in `store` with its key, and stores it.
    /// - Parameter progress: called after each rendered tile, from worker threads (keep it cheap).
    /// - Throws: the first render or `MBTilesError` met; committed batches stay in the file.
    public func run(into store: MBTilesStore, progress: @escaping @Sendable (Progress) -> Void = { _ in }) throws -> Report {
        let start = Date()
        var stored: [Set<TileCoordinate>] = []
        var total = 0, skipped = 0
        for range in ranges {
            total += range.count
            var walk = range.makeIterator()
            guard let first = walk.next() else { stored.append([]); continue }
            let done = try store.storedTiles(zoom: range.zoom, like: key(first)).filter(range.contains)
            skipped += done.count
            stored.append(done)
        }
        let queue = Mutex(SeedQueue(ranges: ranges, stored: stored))
        let toRender = total - skipped
        let shared = Mutex(SeedShared())
        let renderStart = Date()
        let (key, render, batchSize, maxWait) = (self.key, self.render, self.batchSize, self.maxBatchSeconds)

        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                guard let tile = queue.withLock({ $0.next() }), shared.withLock({ $0.failure == nil }) else { return }
                let k = key(tile)
                do {
                    let png = try render(k)
                    let (batch, count) = shared.withLock { s -> ([(TileKey, [UInt8])], Int) in
                        s.pending.append((k, png))
                        s.rendered += 1
                        s.bytes += png.count
                        guard s.pending.count >= batchSize || Date().timeIntervalSince(s.lastFlush) >= maxWait else {
                            return ([], s.rendered)
                        }
                        s.lastFlush = Date()
                        defer { s.pending.removeAll(keepingCapacity: true) }
                        return (s.pending, s.rendered)
                    }
                    if !batch.isEmpty { try store.store(batch) }
                    progress(Progress(rendered: count, toRender: toRender, seconds: Date().timeIntervalSince(renderStart)))
                } catch {
                    shared.withLock { if $0.failure == nil { $0.failure = SeedFailure(tile: k, error: error) } }
                    return
                }
            }
        }
        let (rest, failure, rendered, bytes) = shared.withLock { ($0.pending, $0.failure, $0.rendered, $0.bytes) }
        // Tiles rendered before a failure are good: keep them for the next run.
        if !rest.isEmpty { try store.store(rest) }
        if let failure { throw failure }
        return Report(total: total, skipped: skipped, rendered: rendered, bytes: bytes, seconds: Date().timeIntervalSince(start))
    }
}

/// A tile that could not be rendered or stored, and why.
public struct SeedFailure: Error, CustomStringConvertible, @unchecked Sendable {
    /// The tile being rendered.
    public var tile: TileKey
    /// The underlying error (a render or `MBTilesError`); errors are immutable values once thrown.
    public var error: Error
    /// `tile z/x/y: reason`.
    public var description: String { "tile \(tile.z)/\(tile.x)/\(tile.y): \(error)" }
}

/// What the seeding workers share besides the queue.
private struct SeedShared {
    var pending: [(TileKey, [UInt8])] = []
    var rendered = 0
    var bytes = 0
    var lastFlush = Date()
    var failure: SeedFailure?
}

/// The tiles still to render: the ranges walked in order, minus the stored ones.
private struct SeedQueue {
    let ranges: [TileRange]
    let stored: [Set<TileCoordinate>]
    var rangeIndex = 0
    var iterator: TileRange.Iterator?

    init(ranges: [TileRange], stored: [Set<TileCoordinate>]) {
        self.ranges = ranges
        self.stored = stored
        iterator = ranges.first?.makeIterator()
    }

    mutating func next() -> TileCoordinate? {
        while rangeIndex < ranges.count {
            while let tile = iterator?.next() {
                if !stored[rangeIndex].contains(tile) { return tile }
            }
            rangeIndex += 1
            iterator = rangeIndex < ranges.count ? ranges[rangeIndex].makeIterator() : nil
        }
        return nil
    }
}
