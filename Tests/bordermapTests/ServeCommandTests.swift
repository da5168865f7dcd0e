import Foundation
import TestSupport
import Testing

/// `bordermap serve` as a user starts it: with no incident database it generates the demo one,
/// prints the URL it serves on, answers, and stops cleanly on SIGTERM.
@Suite struct ServeCommandTests {
    @Test func serveGeneratesTheDemoDatabasePrintsItsURLAndAnswers() async throws {
        let dir = try CommandLineTests.tempDir()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        p.arguments = ["serve", "--port", "0", "--styles", CommandLineTests.repo.appendingPathComponent("Styles").path,
                       "--data", CommandLineTests.shapefiles]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        // The first stdout line names the URL (port 0: the one the system chose).
        let line = try await Task.detached { () -> String in
            var data = Data()
            while !data.contains(UInt8(ascii: "\n")) {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                data += chunk
            }
            return String(decoding: data, as: UTF8.self)
        }.value
        let url = try #require(line.split(separator: " ").last.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) },
                               "no URL in \(line)")
        #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/"), "\(line)")
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
