import Foundation
import IncidentStore
import Logging

/// The incident store's data version as the server last saw it, so tile keys change soon after
/// a write by any server sharing the store; requests read the cached value and never wait for
/// the database. A store that notifies (`DataVersionNotifying`: PostgreSQL's `LISTEN
/// bordermap_data_version`) pushes each new version the moment its write commits; the monitor
/// polls (one cheap indexed read every `interval` seconds) only for a store that cannot notify,
/// and while the listening connection is lost, trying to listen again every
/// `relistenSeconds`. The server's own writes refresh it at once.
final class DataVersionMonitor: Sendable {
    private let store: any IncidentStoring
    private let interval: Double
    private let version = Locked<Int64>(0)
    private let logger: Logger
    /// Seconds between attempts to listen again after the connection was lost; default 2.
    let relistenSeconds: Double
    /// Whether versions are being pushed now (false: polling).
    private let listening = Locked(false)

    init(store: any IncidentStoring, interval: Double, relistenSeconds: Double = 2, logger: Logger) {
        self.store = store
        self.interval = interval
        self.relistenSeconds = relistenSeconds
        self.logger = logger
    }

    /// Whether the store pushes versions now (LISTEN in place) rather than being polled.
    var isListening: Bool { listening.current }

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

    /// Follows the store until the task is cancelled: listens when the store notifies, else
    /// (and while listening is impossible) polls; a failed read is logged and retried.
    func run() async {
        guard let notifying = store as? any DataVersionNotifying else {
            await poll(for: nil)
            return
        }
        while !Task.isCancelled {
            do {
                try await notifying.listenForDataVersions(listening: { [self] in
                    listening.withLock { $0 = true }
                    await refreshLogged()  // closes the gap before the subscription
                }, changed: { [self] notified in
                    if notified < 0 { await refreshLogged() } else { version.withLock { $0 = max($0, notified) } }
                })
            } catch {
                logger.warning("listening for incident data versions failed, polling every \(interval) s meanwhile: \(error)")
            }
            listening.withLock { $0 = false }
            await poll(for: relistenSeconds)
        }
    }

    /// Polls every `interval` seconds for `seconds` (nil: until cancelled).
    private func poll(for seconds: Double?) async {
        let end = seconds.map { ContinuousClock.now + .seconds($0) }
        while !Task.isCancelled {
            await refreshLogged()
            var pause = Duration.seconds(interval)
            if let end {
                let left = end - ContinuousClock.now
                if left <= .zero { return }
                pause = min(pause, left)
            }
            try? await Task.sleep(for: pause)
        }
    }

    private func refreshLogged() async {
        do {
            try await refresh()
        } catch where !Task.isCancelled && !(error is CancellationError) {
            logger.warning("reading the incident data version failed: \(error)")
        } catch {}
    }
}
