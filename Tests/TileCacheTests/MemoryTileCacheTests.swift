import Testing
import TestSupport
import TileCache

@Suite struct MemoryTileCacheTests {
    static func key(_ i: Int, style: String = "s") -> TileKey {
        TileKey(style: style, styleHash: 42, dataVersion: nil, z: 10, x: i, y: 0)
    }

    static func png(_ size: Int, fill: UInt8 = 1) -> [UInt8] { [UInt8](repeating: fill, count: size) }

    @Test func keepsTheByteBoundAndEvictsLeastRecentlyUsedFirst() {
        let entry = 1000 + MemoryTileCache.entryOverhead
        let cache = MemoryTileCache(capacityBytes: 3 * entry)
        for i in 0..<3 { cache.store(Self.png(1000), for: Self.key(i)) }
        #expect(cache.statistics.entries == 3)
        #expect(cache.statistics.bytes == 3 * entry)
        // Touch 0, so 1 is now the least recently used.
        #expect(cache.tile(for: Self.key(0)) != nil)
        cache.store(Self.png(1000), for: Self.key(3))
        #expect(cache.tile(for: Self.key(1)) == nil, "1 was least recently used and must be gone")
        #expect(cache.tile(for: Self.key(0)) != nil)
        #expect(cache.tile(for: Self.key(2)) != nil)
        #expect(cache.tile(for: Self.key(3)) != nil)
        let s = cache.statistics
        #expect(s.evictions == 1)
        #expect(s.bytes == 3 * entry && s.bytes <= s.capacityBytes)
        #expect(cache.keysByRecency == [Self.key(3), Self.key(2), Self.key(0)])
        // A large tile pushes out as many old ones as it needs.
        cache.store(Self.png(2000), for: Self.key(9))
        #expect(cache.statistics.entries == 2)
        #expect(cache.statistics.bytes == 2000 + 1000 + 2 * MemoryTileCache.entryOverhead)
        #expect(cache.keysByRecency == [Self.key(9), Self.key(3)])
    }

    @Test func countsHitsAndMisses() {
        let cache = MemoryTileCache(capacityBytes: 1 << 20)
        #expect(cache.tile(for: Self.key(1)) == nil)
        cache.store(Self.png(10, fill: 7), for: Self.key(1))
        #expect(cache.tile(for: Self.key(1)) == Self.png(10, fill: 7))
        #expect(cache.tile(for: Self.key(1)) == Self.png(10, fill: 7))
        #expect(cache.tile(for: Self.key(1, style: "other")) == nil, "another style is another key")
        let s = cache.statistics
        #expect(s.hits == 2 && s.misses == 2 && s.hitRatio == 0.5)
    }

    /// `hit(for:)` (the server's event-loop first look) counts hits only, so a request that
    /// misses there and goes on to `tile(for:)` is counted once; a hit refreshes recency.
    @Test func aFirstLookCountsHitsButNotMisses() {
        let cache = MemoryTileCache(capacityBytes: 10_000)
        cache.store([1, 2, 3], for: Self.key(1))
        cache.store([4, 5], for: Self.key(2))
        #expect(cache.hit(for: Self.key(3)) == nil)
        #expect(cache.hit(for: Self.key(1)) == [1, 2, 3])
        #expect(cache.statistics.hits == 1 && cache.statistics.misses == 0)
        #expect(cache.keysByRecency == [Self.key(1), Self.key(2)])
        #expect(cache.tile(for: Self.key(3)) == nil)
        #expect(cache.statistics.misses == 1)
    }

    @Test func replacingAKeyReaccountsItsBytes() {
        let cache = MemoryTileCache(capacityBytes: 10_000)
        cache.store(Self.png(100), for: Self.key(1))
        cache.store(Self.png(300, fill: 2), for: Self.key(1))
        #expect(cache.statistics.entries == 1)
        #expect(cache.statistics.bytes == 300 + MemoryTileCache.entryOverhead)
        #expect(cache.tile(for: Self.key(1)) == Self.png(300, fill: 2))
        #expect(cache.statistics.evictions == 0)
    }

    @Test func aTileLargerThanTheCapacityIsNotStored() {
        let cache = MemoryTileCache(capacityBytes: 1000)
        cache.store(Self.png(100), for: Self.key(1))
        cache.store(Self.png(5000), for: Self.key(2))
        #expect(cache.tile(for: Self.key(2)) == nil)
        #expect(cache.tile(for: Self.key(1)) != nil, "the small tile stays")
        // A too-large new rendering of a cached key drops the old rendering.
        cache.store(Self.png(5000), for: Self.key(1))
        #expect(cache.tile(for: Self.key(1)) == nil)
        #expect(cache.statistics.entries == 0 && cache.statistics.bytes == 0)
        #expect(MemoryTileCache(capacityBytes: 0).statistics.capacityBytes == 0)
    }

    /// Many tasks storing and reading at once: no crash, the bound holds, and the counters add up
    /// (every lookup is a hit or a miss; bytes equal the sum over what is still held).
    @Test func boundHoldsUnderConcurrentUse() async {
        let capacity = 200_000
        let cache = MemoryTileCache(capacityBytes: capacity)
        let tasks = 16, operations = 5_000
        let lookups = await withTaskGroup(of: Int.self) { group in
            for t in 0..<tasks {
                group.addTask {
                    var rng = SplitMix64(seed: UInt64(t) + 1)
                    var lookups = 0
                    for _ in 0..<operations {
                        let k = Self.key(Int(rng.next() % 500))
                        if rng.next() % 3 == 0 {
                            cache.store(Self.png(Int(rng.next() % 3000) + 1, fill: UInt8(k.x % 256)), for: k)
                        } else if let png = cache.tile(for: k) {
                            lookups += 1
                            precondition(png.allSatisfy { $0 == UInt8(k.x % 256) }, "a tile came back with another key's bytes")
                        } else {
                            lookups += 1
                        }
                    }
                    #expect(cache.statistics.bytes <= capacity)
                    return lookups
                }
            }
            return await group.reduce(0, +)
        }
        let s = cache.statistics
        #expect(s.hits + s.misses == lookups)
        #expect(s.bytes <= capacity)
        #expect(s.evictions > 0)
        let held = cache.keysByRecency
        #expect(held.count == s.entries)
        #expect(Set(held).count == held.count)
        let sum = held.reduce(0) { $0 + (cache.tile(for: $1)?.count ?? 0) + MemoryTileCache.entryOverhead }
        #expect(sum == s.bytes)
    }
}
