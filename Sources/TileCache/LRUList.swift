/// A least-recently-used list (the state of `MemoryTileCache`, and the server's small tables of
/// computed analysis layers): a hash map from key to slot plus a doubly-linked recency list
/// threaded through an array of slots by index (no per-entry objects, so no reference counting
/// on the hot path; freed slots are reused). Not thread-safe: callers lock around it.
public struct LRUList<Key: Hashable, Value> {
    struct Slot {
        var key: Key
        var value: Value
        var newer: Int  // towards the most recently used end; -1 at the head
        var older: Int  // towards the least recently used end; -1 at the tail
    }

    private(set) var slots: [Slot?] = []

    public init() {}
    private var index: [Key: Int] = [:]
    private var free: [Int] = []
    /// Most recently used slot, or -1 when empty.
    private var head = -1
    /// Least recently used slot, or -1 when empty.
    private var tail = -1

    public var count: Int { index.count }

    /// The value for `key`, moved to the most-recently-used end.
    public mutating func get(_ key: Key) -> Value? {
        guard let i = index[key] else { return nil }
        moveToHead(i)
        return slots[i]?.value
    }

    /// Inserts or replaces; returns the replaced value, if any. The entry becomes most recent.
    @discardableResult
    public mutating func set(_ value: Value, for key: Key) -> Value? {
        if let i = index[key] {
            let old = slots[i]?.value
            slots[i]?.value = value
            moveToHead(i)
            return old
        }
        let slot = Slot(key: key, value: value, newer: -1, older: head)
        let i: Int
        if let reused = free.popLast() {
            i = reused
            slots[i] = slot
        } else {
            i = slots.count
            slots.append(slot)
        }
        if head >= 0 { slots[head]?.newer = i }
        head = i
        if tail < 0 { tail = i }
        index[key] = i
        return nil
    }

    /// Inserts or replaces, then drops the least recently used entries beyond `capacity`.
    public mutating func set(_ value: Value, for key: Key, keepingAtMost capacity: Int) {
        set(value, for: key)
        while count > max(1, capacity) { _ = removeOldest() }
    }

    /// Removes and returns the least recently used entry.
    public mutating func removeOldest() -> (key: Key, value: Value)? {
        guard tail >= 0, let slot = slots[tail] else { return nil }
        let i = tail
        unlink(i)
        slots[i] = nil
        free.append(i)
        index[slot.key] = nil
        return (slot.key, slot.value)
    }

    /// Removes `key`'s entry; returns its value, or nil when absent.
    public mutating func remove(_ key: Key) -> Value? {
        guard let i = index[key], let slot = slots[i] else { return nil }
        unlink(i)
        slots[i] = nil
        free.append(i)
        index[key] = nil
        return slot.value
    }

    /// Keys from most to least recently used (for tests and diagnostics; O(n)).
    public var keysByRecency: [Key] {
        var keys: [Key] = []
        var i = head
        while i >= 0, let slot = slots[i] {
            keys.append(slot.key)
            i = slot.older
        }
        return keys
    }

    private mutating func moveToHead(_ i: Int) {
        guard i != head else { return }
        unlink(i)
        slots[i]?.older = head
        slots[i]?.newer = -1
        if head >= 0 { slots[head]?.newer = i }
        head = i
        if tail < 0 { tail = i }
    }

    private mutating func unlink(_ i: Int) {
        guard let slot = slots[i] else { return }
        if slot.newer >= 0 { slots[slot.newer]?.older = slot.older } else { head = slot.older }
        if slot.older >= 0 { slots[slot.older]?.newer = slot.newer } else { tail = slot.newer }
        slots[i]?.newer = -1
        slots[i]?.older = -1
    }
}
