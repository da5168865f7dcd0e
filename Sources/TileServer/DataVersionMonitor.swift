import Foundation
import IncidentStore
import Logging

/// The incident store's data version as the server last saw it: polled every
/// `interval` seconds (one cheap indexed read) and refreshed at once after the server's own
/// writes, so tile keys change within `interval` of a write by any server sharing the store.
/// Requests read the cached value and never wait for the database.
final class DataVersionMonitor: Sendable {
    private let store: any IncidentStoring
    private let interval: Double
    private let version = Locked<Int64>(0)
    private let logger: Logger

    init(store: any IncidentStoring, interval: Double, logger: Logger) {
        self.store = store
        self.interval = interval
        self.logger = logger
    }

    /// The last version read.
    var current: Int64 { version.current }

    /// Reads the version now.
    /// - Throws: the store's error.
    @discardableResult
    func refresh() async throws -> Int64 {
        let v = try await store.dataVersion()
        version.withLock { $0 = v }
        return v
    }

    /// Polls until the task is cancelled; a failed read is logged and retried next time.
    func run() async {
        while !Task.isCancelled {
            do {
                try await refresh()
            } catch where !Task.isCancelled && !(error is CancellationError) {
                logger.warning("reading the incident data version failed: \(error)")
            } catch {}
            try? await Task.sleep(for: .seconds(interval))
        }
    }
}
