import ServiceLifecycle

/// A background loop run as a service beside the HTTP server, cancelled on graceful shutdown.
struct BackgroundLoop: Service {
    let body: @Sendable () async -> Void

    init(_ body: @escaping @Sendable () async -> Void) { self.body = body }

    func run() async throws {
        await cancelWhenGracefulShutdown { await body() }
    }
}
