/// A snapshot of a tile cache's counters (for `/metrics` and logs).
public struct TileCacheStatistics: Sendable, Hashable {
    /// Lookups that found a tile.
    public var hits: Int
    /// Lookups that found nothing.
    public var misses: Int
    /// Entries removed to make room (not counting replacements of the same key).
    public var evictions: Int
    /// Entries held now.
    public var entries: Int
    /// Bytes accounted now: tile data plus `MemoryTileCache.entryOverhead` per entry.
    public var bytes: Int
    /// The bound on `bytes`.
    public var capacityBytes: Int

    /// Creates a snapshot.
    public init(hits: Int = 0, misses: Int = 0, evictions: Int = 0, entries: Int = 0, bytes: Int = 0, capacityBytes: Int = 0) {
        self.hits = hits
        self.misses = misses
        self.evictions = evictions
        self.entries = entries
        self.bytes = bytes
        self.capacityBytes = capacityBytes
    }

    /// hits / (hits + misses), or 0 before any lookup.
    public var hitRatio: Double {
        hits + misses == 0 ? 0 : Double(hits) / Double(hits + misses)
    }
}
