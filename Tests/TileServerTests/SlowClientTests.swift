import Foundation
import TestSupport
import Testing
@testable import TileServer

/// Bounded work for anyone who can reach the port: slow readers and trickling uploaders are
/// closed, refused uploads are not drained, `/geojson` downloads are limited, and the idle
/// timeout and connection limit hold at their defaults. The clients are Python sockets, so the
/// server sees exactly what a hostile client sends; every wait is a poll on a condition with a
/// generous upper bound.
@Suite struct SlowClientTests {
    /// Python helpers shared by the scripts: sockets, the TCP state (Linux `TCP_INFO`), polling,
    /// plain GETs, and the server's count of connections closed as slow.
    static let prelude = #"""
    import json, socket, sys, time, urllib.error, urllib.request
    PORT = int(sys.argv[1])
    def connect(rcvbuf=None):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        s.connect(("127.0.0.1", PORT))
        return s
    def established(s):
        return s.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 1)[0] == 1  # tcpi_state 1: ESTABLISHED
    def wait_until(cond, limit):
        end = time.time() + limit
        while time.time() < end:
            if cond():
                return True
            time.sleep(0.1)
        return False
    def get(path, timeout=60):
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d%s" % (PORT, path), timeout=timeout) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()
    def slow_closed():
        for line in get("/metrics")[2].decode().splitlines():
            if line.startswith("bordermap_slow_clients_closed_total "):
                return int(line.split()[1])
        return -1
    def read_all(s, limit=30):
        """Reads until the server closes ("eof"/"reset"), the chunked body ends ("complete") or `limit` s pass."""
        s.settimeout(limit)
        data = b""
        try:
            while True:
                b = s.recv(65536)
                if not b:
                    return data, "eof"
                data += b
                if data.endswith(b"\r\n0\r\n\r\n"):
                    return data, "complete"
        except ConnectionResetError:
            return data, "reset"
        except socket.timeout:
            return data, "timeout"
    def out(**values):
        print(json.dumps(values))

    """#

    /// Runs `script` (after `prelude`) against the server on `port`; returns the last line it
    /// printed (a JSON object, see `parse`).
    static func client(_ script: String, port: Int) async throws -> String {
        let r = try await Tool.runOffPool(["python3", "-c", prelude + script, String(port)])
        guard r.status == 0 else { throw FixtureError("client script failed (\(r.status)): \(r.output) \(r.stderr)") }
        return r.output.split(separator: "\n").last.map(String.init) ?? ""
    }

    /// The JSON object a client script printed.
    static func parse(_ line: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw FixtureError("not a JSON object: \(line)")
        }
        return object
    }

    /// A `/geojson/incidents` answer far larger than the socket buffers of both ends (about 7 MB).
    static let manyIncidents = 20_000

    @Test func aReaderThatStopsReadingAGeoJSONStreamIsClosedWhileOthersAreServed() async throws {
        let fixture = try await ServerFixture(incidents: Self.manyIncidents) {
            $0.stallWindowSeconds = 1; $0.minimumBytesPerSecond = 1024; $0.idleTimeoutSeconds = 300
        }
        let result = try Self.parse(try await fixture.withLiveServer { _, port in
            try await Self.client("""
            s = connect(rcvbuf=4096)
            s.sendall(b"GET /geojson/incidents HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
            closed = wait_until(lambda: slow_closed() >= 1, 90)
            health = get("/health")[0]
            data, how = read_all(s)
            out(closed=closed, health=health, how=how, received=len(data))
            """, port: port)
        })
        #expect(result["closed"] as? Bool == true, "the server kept a stalled reader: \(result)")
        #expect(result["health"] as? Int == 200)
        // What the client finally reads stops short of the end of the chunked body.
        #expect(["eof", "reset"].contains(result["how"] as? String ?? ""), "\(result)")
    }

    @Test func anUploaderThatTricklesItsBodyIsClosed() async throws {
        let fixture = try await ServerFixture(incidents: 0) {
            $0.stallWindowSeconds = 1; $0.minimumBytesPerSecond = 1024; $0.idleTimeoutSeconds = 300
        }
        let result = try Self.parse(try await fixture.withLiveServer { _, port in
            try await Self.client("""
            s = connect()
            s.sendall(b"POST /incidents HTTP/1.1\\r\\nHost: x\\r\\nAuthorization: Bearer \(ServerFixture.writeToken)\\r\\n"
                      b"Content-Type: text/csv\\r\\nContent-Length: 100000\\r\\n\\r\\ndate,lat,lon\\n")
            sent = 0
            def trickle():
                global sent
                try:
                    s.send(b"2")  # a byte every quarter second: 4 B/s
                    sent += 1
                except OSError:
                    return True
                time.sleep(0.25)
                return not established(s)
            closed = wait_until(trickle, 90)
            out(closed=closed, sent=sent, counted=slow_closed(), health=get("/health")[0])
            """, port: port)
        })
        #expect(result["closed"] as? Bool == true, "the server kept a trickling upload: \(result)")
        #expect((result["counted"] as? Int ?? 0) >= 1, "\(result)")
        #expect(result["health"] as? Int == 200)
        #expect(try await fixture.store.count(matching: .all) == 0)
    }

    @Test func answersThatRefuseABodyCloseTheConnectionInsteadOfDrainingIt() async throws {
        // The rate check is off and the idle timeout long: only the close after the answer can end these.
        let fixture = try await ServerFixture(incidents: 0) {
            $0.maxBodyBytes = 4096; $0.stallWindowSeconds = 0; $0.idleTimeoutSeconds = 300
        }
        let result = try Self.parse(try await fixture.withLiveServer { _, port in
            try await Self.client("""
            def refused(head, body):
                s = connect()
                s.sendall(head + body)
                data, how = read_all(s, 30)
                head_text = data.split(b"\\r\\n\\r\\n")[0].decode().lower()
                return {"status": head_text.split(" ")[1] if " " in head_text else "", "close": "connection: close" in head_text, "how": how}
            auth = b"Authorization: Bearer \(ServerFixture.writeToken)\\r\\n"
            post = b"POST /incidents HTTP/1.1\\r\\nHost: x\\r\\nContent-Type: text/csv\\r\\n"
            results = {
                "no token": refused(post + b"Content-Length: 10000000\\r\\n\\r\\n", b"x" * 1000),
                "length": refused(post + auth + b"Content-Length: 10000000\\r\\n\\r\\n", b"x" * 1000),
                # 8 chunks of 1 KiB, more than the 4096-byte limit, and no last chunk: the body never ends.
                "chunked": refused(post + auth + b"Transfer-Encoding: chunked\\r\\n\\r\\n", (b"400\\r\\n" + b"x" * 1024 + b"\\r\\n") * 8),
            }
            out(**results)
            """, port: port)
        })
        for (name, expected) in [("no token", "401"), ("length", "413"), ("chunked", "413")] {
            let r = result[name] as? [String: Any] ?? [:]
            #expect(r["status"] as? String == expected, "\(name): \(r)")
            #expect(r["close"] as? Bool == true, "\(name): \(r)")
            #expect(["eof", "reset"].contains(r["how"] as? String ?? ""), "\(name): the server waited for the rest of the body: \(r)")
        }
        #expect(try await fixture.store.count(matching: .all) == 0)
    }

    @Test func geoJSONDownloadsPastTheLimitGet503WithRetryAfter() async throws {
        let fixture = try await ServerFixture(incidents: Self.manyIncidents) {
            $0.maxGeoJSONStreams = 1; $0.stallWindowSeconds = 0; $0.idleTimeoutSeconds = 300
        }
        let result = try Self.parse(try await fixture.withLiveServer { _, port in
            try await Self.client("""
            s = connect(rcvbuf=4096)
            s.sendall(b"GET /geojson/incidents HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
            answer = {}
            def busy():
                status, headers, body = get("/geojson/ca_lakes")
                answer.update(status=status, retry=headers.get("Retry-After"), body=body.decode()[:300])
                return status == 503
            refused = wait_until(busy, 60)
            health = get("/health")[0]
            s.close()
            served = wait_until(lambda: get("/geojson/ca_lakes")[0] == 200, 60)
            out(refused=refused, answer=answer, health=health, served=served)
            """, port: port)
        })
        #expect(result["refused"] as? Bool == true, "\(result)")
        let answer = result["answer"] as? [String: Any] ?? [:]
        #expect(answer["retry"] as? String == "2", "\(answer)")
        #expect((answer["body"] as? String ?? "").contains("GeoJSON downloads"), "\(answer)")
        #expect(result["health"] as? Int == 200)
        #expect(result["served"] as? Bool == true, "the slot was not freed when the reader left: \(result)")
    }

    /// The real defaults: 30 s idle timeout (a half-sent header and an idle keep-alive connection
    /// are open after 20 s and closed by 55 s) and the 20 s slow-transfer window (a trickling
    /// upload is open after 10 s — the first check is at 20 s — and closed by 60 s). The three
    /// clients wait side by side, so the test takes about 30 s.
    @Test func theDefaultIdleTimeoutAndStallWindowCloseClientsNeitherEarlyNorLate() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        let defaults = ServerConfiguration(stylesDirectory: ServerFixture.data, dataDirectory: ServerFixture.data)
        #expect(defaults.idleTimeoutSeconds == 30 && defaults.stallWindowSeconds == 20 && defaults.minimumBytesPerSecond == 1024)
        #expect(fixture.server.configuration.idleTimeoutSeconds == 30 && fixture.server.configuration.stallWindowSeconds == 20)
        let result = try Self.parse(try await fixture.withLiveServer { _, port in
            try await Self.client("""
            start = time.time()
            header = connect()
            header.sendall(b"GET /health HTTP/1.1\\r\\nHost: x")
            idle = connect()
            idle.sendall(b"GET /health HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
            idle.settimeout(30)
            first = idle.recv(4096)
            upload = connect()
            upload.sendall(b"POST /incidents HTTP/1.1\\r\\nHost: x\\r\\nAuthorization: Bearer \(ServerFixture.writeToken)\\r\\n"
                           b"Content-Type: text/csv\\r\\nContent-Length: 100000\\r\\n\\r\\ndate,lat,lon\\n")
            closed = {}
            def poll():
                now = time.time() - start
                for name, s in (("header", header), ("idle", idle)):
                    if name not in closed and not established(s):
                        closed[name] = now
                if "upload" not in closed:
                    try:
                        upload.send(b"2")
                        if not established(upload):
                            closed["upload"] = now
                    except OSError:
                        closed["upload"] = now
                time.sleep(0.5)
                return len(closed) == 3
            wait_until(poll, 60)
            out(first=first[:12].decode(), **closed)
            """, port: port)
        })
        #expect(result["first"] as? String == "HTTP/1.1 200", "\(result)")
        for name in ["header", "idle"] {
            let t = try #require(result[name] as? Double, "\(name) was never closed: \(result)")
            #expect(t >= 20 && t <= 55, "\(name) closed after \(t) s")
        }
        let upload = try #require(result["upload"] as? Double, "the trickling upload was never closed: \(result)")
        #expect(upload >= 10 && upload <= 60, "upload closed after \(upload) s")
    }
}
