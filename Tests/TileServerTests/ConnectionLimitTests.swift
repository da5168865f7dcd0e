import Foundation
import TestSupport
import Testing
@testable import TileServer
#if canImport(Glibc)
import Glibc
#endif

/// The default limit of 1,024 open connections, for real: 1,023 slow clients (each a half-sent
/// request) leave room for others to be served; with 1,024 a new client waits in the listen
/// backlog, and is served as soon as slow clients leave.
@Suite struct ConnectionLimitTests {
    @Test func atTheDefaultLimitNewClientsWaitAndBelowItTheyAreServed() async throws {
        try Self.allowFileDescriptors(4_096)
        // The idle timeout is long so that only the test lets the slow clients go.
        let fixture = try await ServerFixture(incidents: 0) { $0.idleTimeoutSeconds = 300 }
        #expect(fixture.server.configuration.maxConnections == 1024)
        let result = try await fixture.withLiveServer { _, port in
            try await SlowClientTests.client("""
            import resource
            soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
            if soft < 4096:
                resource.setrlimit(resource.RLIMIT_NOFILE, (min(4096, hard), hard))
            def slow():
                s = connect()
                s.sendall(b"GET /health HTTP/1.1\\r\\nHost: x\\r\\n")  # headers never finished
                return s
            holders = [slow() for _ in range(1023)]
            below = get("/health")[0]  # served while 1,023 slow clients hold connections
            holders.append(slow())  # the 1,024th
            probe = connect()
            probe.sendall(b"GET /health HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n")
            probe.settimeout(3)
            try:
                early = probe.recv(4096).decode()[:12]
            except socket.timeout:
                early = "waiting"
            # Two leave (one may be taken by the 1,024th if it was still in the backlog).
            holders.pop(0).close()
            holders.pop(0).close()
            probe.settimeout(60)
            try:
                late = probe.recv(4096).decode()[:12]
            except socket.timeout:
                late = "waiting"
            out(below=below, early=early, late=late)
            """, port: port)
        }
        #expect(result["below"] as? Int == 200, "\(result)")
        #expect(result["early"] as? String == "waiting", "a 1,025th connection was served: \(result)")
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
