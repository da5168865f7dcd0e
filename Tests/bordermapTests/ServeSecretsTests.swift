import Foundation
import TestSupport
import Testing

/// `bordermap serve` with read-only tokens from a token file's role column and
/// BORDERMAP_READ_TOKENS, and PostgreSQL passwords kept out of messages.
@Suite struct ServeSecretsTests {
    @Test func readTokensFromTheFileAndTheEnvironmentReadButDoNotWrite() async throws {
        let dir = try CommandLineTests.tempDir()
        let tokens = "\(dir)/tokens.txt"
        try "# roles\nwriter-9a1 write\nreader-3c7 read\n".write(toFile: tokens, atomically: true, encoding: .utf8)
        let server = try await ServeProcess(["--db", "\(dir)/incidents.sqlite", "--token-file", tokens, "--protect-reads"], in: dir,
                                            environment: ["BORDERMAP_READ_TOKENS": "wall-51e, other-0"])
        defer { server.stop() }
        let url = server.url
        func status(_ args: [String]) async throws -> String {
            try await Tool.runOffPool(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}"] + args).output
        }
        #expect(try await status(["\(url)styles"]) == "401")
        for token in ["reader-3c7", "wall-51e", "writer-9a1"] {
            #expect(try await status(["-H", "Authorization: Bearer \(token)", "\(url)styles"]) == "200", "\(token)")
        }
        let csv = "date,lat,lon\n2025-01-02,39.9,71.7\n"
        #expect(try await status(["-H", "Authorization: Bearer reader-3c7", "-H", "Content-Type: text/csv", "--data-binary", csv, "\(url)incidents"]) == "403")
        #expect(try await status(["-H", "Authorization: Bearer writer-9a1", "-H", "Content-Type: text/csv", "--data-binary", csv, "\(url)incidents"]) == "201")
    }

    @Test func aPostgresPasswordNeverShowsAndTheURLOneIsWarnedAbout() throws {
        let down = try CommandLineTests.bordermap("import", "/dev/null", "--format", "csv", "--postgres", "postgres://u:hunter2@127.0.0.1:1/d")
        #expect(down.status != 0)
        #expect(!down.stderr.contains("hunter2") && !down.stdout.contains("hunter2"), "\(down.stderr)")
        #expect(down.stderr.contains("PGPASSWORD"), "\(down.stderr)")
        let bad = try CommandLineTests.bordermap("import", "/dev/null", "--format", "csv", "--postgres", "postgres://u:hunter2@h/d?color=red")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("unknown parameter 'color'") && !bad.stderr.contains("hunter2"), "\(bad.stderr)")
        let environment = try Tool.run([CommandLineTests.binary, "import", "/dev/null", "--format", "csv", "--postgres", "postgres://u@127.0.0.1:1/d"],
                                       environment: ["PGPASSWORD": "hunter2"])
        #expect(!environment.stderr.contains("hunter2") && !environment.stderr.contains("warning"), "\(environment.stderr)")
    }
}
