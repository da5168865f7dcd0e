import Foundation
import TestSupport
import Testing

/// `bordermap serve` as a user starts it: with no incident database it generates the demo one,
/// prints the URL it serves on, answers, and stops cleanly on SIGTERM.
@Suite struct ServeCommandTests {
    @Test func serveGeneratesTheDemoDatabasePrintsItsURLAndAnswers() async throws {
        let dir = try CommandLineTests.tempDir()
        let server = try await ServeProcess(in: dir)
        defer { server.stop() }
        let url = server.url, p = server.process
        #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/"), "\(url)")
        let health = try await Tool.runOffPool(["curl", "-s", "\(url)health"])
        #expect(health.output.contains("\"status\":\"ok\""), "\(health.output)")
        let count = try await Tool.runOffPool(["sqlite3", "\(dir)/demo-incidents.sqlite",
                                               "SELECT count(*), count(DISTINCT source) FROM incidents WHERE source = 'synthetic'"])
        #expect(count.output.trimmingCharacters(in: .whitespacesAndNewlines) == "20000|1")
        let tile = try await Tool.runOffPool(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{content_type}",
                                              "\(url)tiles/situation-room/4/11/6.png"])
        #expect(tile.output == "200 image/png")
        p.terminate()
        p.waitUntilExit()
        #expect(p.terminationReason == .exit, "the server should stop cleanly on SIGTERM")
    }
}
