import Foundation

/// Admits at most `threads` renders at once — each one's incident fetch, drawing and encoding —
/// with a bounded queue in front: when `queueLimit` renders already wait, a new one is refused
/// at once with `RenderPool.Overloaded` (the server answers 503 with `Retry-After`) rather than
/// queueing, or fetching incidents for, an unbounded number of requests. The CPU-bound part
/// runs on dispatch threads (`offload`), never on the event loop or Swift's cooperative pool.
final class RenderPool: Sendable {
    /// The queue was full.
    struct Overloaded: Error, Sendable {
        let waiting: Int
    }

    let threads: Int
    let queueLimit: Int
    private let state = Locked(State())
    private static let cpu = DispatchQueue(label: "bordermap.render", qos: .userInitiated, attributes: .concurrent)

    private struct State {
        var running = 0
        var waiting: [(id: UInt64, continuation: CheckedContinuation<Void, Error>)] = []
        var nextID: UInt64 = 0
    }

    init(threads: Int, queueLimit: Int) {
        self.threads = max(1, threads)
        self.queueLimit = max(0, queueLimit)
    }

    /// Renders waiting for a slot.
    var queueDepth: Int { state.withLock { $0.waiting.count } }
    /// Renders holding a slot now.
    var running: Int { state.withLock { $0.running } }

    /// Runs `work` in a slot, waiting for one if all are taken.
    /// - Throws: `Overloaded` when the queue is full, `CancellationError` when the task is
    ///   cancelled while waiting, or what `work` throws.
    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await work()
    }

    /// Runs the blocking `work` on a render thread and returns its result.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            cpu.async { continuation.resume(with: Result { try work() }) }
        }
    }

    private func acquire() async throws {
        enum Admission { case start, wait(UInt64), refuse(Int) }
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
                let admission: Admission = state.withLock { s in
                    if s.running < threads {
                        s.running += 1
                        return .start
                    }
                    guard s.waiting.count < queueLimit else { return .refuse(s.waiting.count) }
                    s.waiting.append((id, continuation))
                    return .wait(id)
                }
                switch admission {
                case .start: continuation.resume()
                case .wait: break
                case .refuse(let n): continuation.resume(throwing: Overloaded(waiting: n))
                }
            }
        } onCancel: {
            let removed = state.withLock { s -> CheckedContinuation<Void, Error>? in
                guard let i = s.waiting.firstIndex(where: { $0.id == id }) else { return nil }
                return s.waiting.remove(at: i).continuation
            }
            removed?.resume(throwing: CancellationError())
        }
    }

    /// Hands the slot to the longest waiter, or frees it.
    private func release() {
        let next = state.withLock { s -> CheckedContinuation<Void, Error>? in
            if s.waiting.isEmpty {
                s.running -= 1
                return nil
            }
            return s.waiting.removeFirst().continuation
        }
        next?.resume()
    }
}
