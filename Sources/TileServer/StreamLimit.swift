/// Admits at most `limit` long-running answers at once (`/geojson` downloads): past it a request
/// is refused at once (the route answers 503 with `Retry-After`) instead of every connection
/// holding a store cursor or a shapefile open. A slot is held by a `Permit` and freed when the
/// permit is released — when the response body that captured it has been written or dropped.
final class StreamLimit: Sendable {
    /// A held slot; freed when the last reference goes.
    final class Permit: Sendable {
        private let owner: StreamLimit
        fileprivate init(_ owner: StreamLimit) { self.owner = owner }
        deinit { owner.active.withLock { $0 -= 1 } }
    }

    let limit: Int
    fileprivate let active = Locked(0)

    /// - Parameter limit: answers at once; at least 1.
    init(limit: Int) { self.limit = max(1, limit) }

    /// Answers holding a slot now.
    var running: Int { active.current }

    /// A slot, or nil when all `limit` are taken.
    func admit() -> Permit? {
        let admitted = active.withLock { n -> Bool in
            guard n < limit else { return false }
            n += 1
            return true
        }
        return admitted ? Permit(self) : nil
    }
}
