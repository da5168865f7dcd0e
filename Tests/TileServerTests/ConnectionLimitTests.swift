import Foundation
import TestSupport
import Testing
@testable import TileServer
#if canImport(Glibc)
import Glibc
#endif

/// The default limit of 1,024 open connections, for real: 1,000 slow clients (each a half-sent
/// request) leave room for others to be served; with 1,030 a new client waits in the listen
/// backlog, and is served as soon as slow clients leave. (Hummingbird checks the limit before
/// each accept batch, and NIO accepts up to 4 connections a batch, so up to 1,027 may be open:
/// 1,030 holders fill the server whatever the batching.)
@Suite struct ConnectionLimitTests {
    @Test(.timeLimit(.minutes(5))) func atTheDefaultLimitNewClientsWaitAndBelowItTheyAreServed() async throws {
        try Self.allowFileDescriptors(4_096)
        // The idle timeout is long so that only the test lets the slow clients go.
        let fixture = try await ServerFixture(incidents: 0) { $0.idleTimeoutSeconds = 300 }
        #expect(fixture.server.configuration.maxConnections == 1024)
        // Run as `bordermap serve` does: HummingbirdTesting's live server drops the application's
        // connection limit (its configuration copy keeps only address, name, backlog and reuse).
        let (ports, announce) = AsyncStream<Int>.makeStream()
        let line = try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                try await fixture.server.application { announce.yield($0) }.runService(gracefulShutdownSignals: [])
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let line = try await SlowClientTests.client("""
            import resource
            soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
            if soft < 4096:
                resource.setrlimit(resource.RLIMIT_NOFILE, (min(4096, hard), hard))
            def slow():
                s = connect()
                s.sendall(b"GET /health HTTP/1.1\\r\\nHost: x\\r\\n")  # headers never finished
                return s
            holders = [slow() for _ in range(1000)]
            below = get("/health")[0]  # served while 1,000 slow clients hold connections
            holders += [slow() for _ in range(30)]
            probe = connect()
            probe.sendall(b"GET /health HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n")
            probe.settimeout(3)
            try:
                early = probe.recv(4096).decode()[:12]
            except socket.timeout:
                early = "waiting"
            # Twelve leave: the open connections drop below 1,024 with room for the holders
            # still in the backlog (at most six) and the probe behind them.
            for _ in range(12):
                holders.pop(0).close()
            probe.settimeout(60)
            try:
                late = probe.recv(4096).decode()[:12]
            except socket.timeout:
                late = "waiting"
            out(below=below, early=early, late=late)
            """, port: port)
            group.cancelAll()
            return line
        }
        let result = try SlowClientTests.parse(line)
        #expect(result["below"] as? Int == 200, "\(result)")
        #expect(result["early"] as? String == "waiting", "a connection past the limit was served: \(result)")
        #expect(result["late"] as? String == "HTTP/1.1 200", "\(result)")
    }

    /// Raises this process's soft limit on open files to `count` (within the hard limit): the
    /// server's end of every test connection is a descriptor here.
    static func allowFileDescriptors(_ count: rlim_t) throws {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { throw FixtureError("getrlimit failed") }
        if limit.rlim_cur < count {
            limit.rlim_cur = min(count, limit.rlim_max)
            guard setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { throw FixtureError("setrlimit failed") }
        }
        #expect(limit.rlim_cur >= 2_100, "the hard limit on open files (\(limit.rlim_max)) is too low for 1,024 connections")
    }
}
