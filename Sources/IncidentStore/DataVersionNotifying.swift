import PostgresNIO

/// A store that pushes its data version when it changes, so a server need not poll: the
/// PostgreSQL store, through `LISTEN bordermap_data_version` (every committed write sends
/// `NOTIFY` with the new version; see `PostgresIncidentStore`).
public protocol DataVersionNotifying: IncidentStoring {
    /// Listens until the task is cancelled (then returns) or the connection is lost (then
    /// throws). `listening` is called once the subscription is in place (read the version then,
    /// to close the gap before it); `changed` with each notified version, in commit order.
    /// - Throws: `StoreError` when the connection cannot be had or is lost.
    func listenForDataVersions(listening: @Sendable () async -> Void, changed: @Sendable (Int64) async -> Void) async throws
}

extension PostgresIncidentStore: DataVersionNotifying {
    public func listenForDataVersions(listening: @Sendable () async -> Void, changed: @Sendable (Int64) async -> Void) async throws {
        try await waitUntilReady()
        do {
            try await client.withConnection { connection in
                try await connection.listen(on: Self.notificationChannel) { notifications in
                    await listening()
                    for try await notification in notifications {
                        // The payload is the new version (a number); anything else still means "changed".
                        await changed(Int64(notification.payload) ?? -1)
                    }
                }
            }
            if !Task.isCancelled {
                throw StoreError.connectionFailed(url.description, "the LISTEN connection ended")
            }
        } catch is CancellationError {
            return
        } catch let error as StoreError {
            if Task.isCancelled { return }
            throw error
        } catch {
            if Task.isCancelled { return }
            throw StoreError.wrap(error, doing: "listening on \(Self.notificationChannel)")
        }
    }
}
