/// Coalesces identical concurrent work: while a value for a key is being computed, further
/// callers asking for the same key wait for that one computation instead of starting their own
/// (a wall of displays asking for one new tile renders it once).
final class SingleFlight<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let inFlight = Locked([Key: Task<Value, Error>]())

    /// Keys being computed now.
    var count: Int { inFlight.withLock { $0.count } }

    /// The value for `key`: computed by `compute`, or by the computation already running for
    /// `key`. Returns whether this caller did the work (`shared` is false then).
    func value(for key: Key, _ compute: @escaping @Sendable () async throws -> Value) async throws -> (value: Value, shared: Bool) {
        let (task, shared) = inFlight.withLock { table -> (Task<Value, Error>, Bool) in
            if let running = table[key] { return (running, true) }
            let task = Task { try await compute() }
            table[key] = task
            return (task, false)
        }
        if shared { return (try await task.value, true) }
        defer { inFlight.withLock { _ = $0.removeValue(forKey: key) } }
        return (try await task.value, false)
    }
}
