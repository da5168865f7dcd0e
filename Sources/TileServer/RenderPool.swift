import Foundation

/// Runs CPU-bound renders off the event loop on at most `threads` threads at once, with a
/// bounded queue in front: when `queueLimit` jobs already wait, a new one is refused at once
/// with `RenderPool.Overloaded` (the server answers 503 with `Retry-After`) rather than
/// queueing without bound.
final class RenderPool: Sendable {
    /// The queue was full.
    struct Overloaded: Error, Sendable {
        let waiting: Int
    }

    let threads: Int
    let queueLimit: Int
    private let state = Locked(State())
    private let queue = DispatchQueue(label: "bordermap.render", qos: .userInitiated, attributes: .concurrent)

    private enum Admission { case start, queued, refused(Int) }

    private struct State {
        var running = 0
        var waiting: [@Sendable () -> Void] = []
    }

    init(threads: Int, queueLimit: Int) {
        self.threads = max(1, threads)
        self.queueLimit = max(0, queueLimit)
    }

    /// Jobs waiting for a thread.
    var queueDepth: Int { state.withLock { $0.waiting.count } }
    /// Jobs running now.
    var running: Int { state.withLock { $0.running } }

    /// Runs `work` on a pool thread and returns its result.
    /// - Throws: `Overloaded` when the queue is full, or what `work` throws.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            let job: @Sendable () -> Void = { continuation.resume(with: Result { try work() }) }
            let admission: Admission = state.withLock { s in
                if s.running < threads {
                    s.running += 1
                    return .start
                }
                guard s.waiting.count < queueLimit else { return .refused(s.waiting.count) }
                s.waiting.append(job)
                return .queued
            }
            switch admission {
            case .start: launch(job)
            case .queued: break
            case .refused(let n): continuation.resume(throwing: Overloaded(waiting: n))
            }
        }
    }

    /// Runs `job`, then the next waiting job on the same slot, until none waits.
    private func launch(_ job: @escaping @Sendable () -> Void) {
        queue.async { [self] in
            var next: (@Sendable () -> Void)? = job
            while let current = next {
                current()
                next = state.withLock { s in
                    if s.waiting.isEmpty {
                        s.running -= 1
                        return nil
                    }
                    return s.waiting.removeFirst()
                }
            }
        }
    }
}
