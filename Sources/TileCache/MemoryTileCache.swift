import Synchronization

/// An in-memory least-recently-used tile cache bounded in bytes.
///
/// Each entry counts its PNG's size plus `entryOverhead`, so many tiny tiles (blank sea tiles
/// are ~100 bytes) cannot exceed the bound through bookkeeping alone. Storing beyond the bound
/// evicts least recently used entries first; a tile bigger than the whole capacity is not
/// stored. A lookup counts a hit or a miss and makes a hit the most recent entry.
///
/// Thread-safe and `Sendable`: one `Mutex` (Synchronization) around the map and recency list.
/// It sits on the path of every tile request, where a lock held for a dictionary lookup and a
/// few index swaps is cheaper than an actor hop; the PNG arrays are copy-on-write, so returning
/// one copies no bytes.
public final class MemoryTileCache: Sendable {
    /// Bytes counted per entry besides the tile data: an estimate of the key (with its style
    /// name), the hash-map slot, the list slot and the array header on a 64-bit platform.
    public static let entryOverhead = 160

    /// The bound on accounted bytes (tile data + overhead), as given to `init`.
    public let capacityBytes: Int

    private struct State {
        var list = LRUList<TileKey, [UInt8]>()
        var bytes = 0
        var hits = 0
        var misses = 0
        var evictions = 0
    }

    private let state = Mutex(State())

    /// Creates an empty cache holding at most `capacityBytes` (negative counts as 0, which
    /// stores nothing).
    public init(capacityBytes: Int) {
        self.capacityBytes = max(0, capacityBytes)
    }

    /// The tile stored for `key`, or nil; counts a hit or a miss.
    public func tile(for key: TileKey) -> [UInt8]? {
        state.withLock { s in
            if let png = s.list.get(key) {
                s.hits += 1
                return png
            }
            s.misses += 1
            return nil
        }
    }

    /// The tile stored for `key`, or nil, counting a hit only: for a first look that, finding
    /// nothing, hands the request on to a `tile(for:)` that counts the miss (the server's answer
    /// to cached tiles on its event loop), so each request counts once. A hit makes the entry the
    /// most recent, as `tile(for:)` does.
    public func hit(for key: TileKey) -> [UInt8]? {
        state.withLock { s in
            guard let png = s.list.get(key) else { return nil }
            s.hits += 1
            return png
        }
    }

    /// Stores `png` for `key` (replacing an entry with the same key) as the most recent entry,
    /// then evicts least recently used entries until the bound holds. A tile whose accounted
    /// size exceeds the capacity is not stored (and an older entry for its key is dropped, since
    /// the caller has a newer rendering).
    public func store(_ png: [UInt8], for key: TileKey) {
        let size = png.count + Self.entryOverhead
        let capacity = capacityBytes
        state.withLock { s in
            guard size <= capacity else {
                if let old = s.list.remove(key) { s.bytes -= old.count + Self.entryOverhead }
                return
            }
            if let old = s.list.set(png, for: key) {
                s.bytes -= old.count + Self.entryOverhead
            }
            s.bytes += size
            while s.bytes > capacity, let (_, value) = s.list.removeOldest() {
                s.bytes -= value.count + Self.entryOverhead
                s.evictions += 1
            }
        }
    }

    /// Counters and occupancy now.
    public var statistics: TileCacheStatistics {
        state.withLock { s in
            TileCacheStatistics(hits: s.hits, misses: s.misses, evictions: s.evictions, entries: s.list.count,
                                bytes: s.bytes, capacityBytes: capacityBytes)
        }
    }

    /// Removes every entry (counters are kept).
    public func removeAll() {
        state.withLock { s in
            s.list = LRUList<TileKey, [UInt8]>()
            s.bytes = 0
        }
    }

    /// Keys from most to least recently used; O(n), for tests and diagnostics.
    public var keysByRecency: [TileKey] {
        state.withLock { $0.list.keysByRecency }
    }
}
