import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import Testing
@testable import TileServer

/// Tiles in the memory cache, and 304s, answered on the event loop (`CachedTileHandler`): the
/// same bytes as the router's answers (status, headers in order but `Date` and `X-Request-Id`,
/// body), the same metrics and log line, and everything else left to the router. Two live
/// servers run over one `TileServer` (one cache, one set of metrics): `fast` as served, and
/// `slow` with every request left to the router (`application(answeringCachedTiles: false)`).
/// Requests and answers go through a raw Python socket, byte for byte.
@Suite struct CachedTileTests {
    static func withBoth(_ server: TileServer, _ body: @Sendable @escaping (_ fast: RawHTTP, _ slow: RawHTTP) async throws -> Void) async throws {
        try await server.application(answeringCachedTiles: false).test(.live) { slow in
            try await server.application().test(.live) { fast in
                try await body(RawHTTP(port: fast.port ?? 0), RawHTTP(port: slow.port ?? 0))
            }
        }
    }

    static func delta(_ before: [String: Double], _ after: [String: Double], _ name: String) -> Double {
        (after[name] ?? 0) - (before[name] ?? 0)
    }

    /// A first request (a miss: rendered by the router, which fills the cache) and a second one
    /// (a hit: answered on the event loop, as the counter shows) get the same bytes, as does the
    /// router of the slow server for the same request.
    @Test func aHitIsAnsweredOnTheEventLoopWithTheRoutersBytes() async throws {
        let fixture = try await ServerFixture(incidents: 200)
        let version = try #require(fixture.server.catalog.style("basemap")).version
        let cases: [(String, String)] = [
            ("GET", "/tiles/basemap/3/5/2.png"), ("HEAD", "/tiles/basemap/3/4/2.png"), ("GET", "/tiles/basemap/3/5/3@2x.png"),
            ("GET", "/tiles/basemap/3/6/2.png?v=\(version)"), ("GET", "/tiles/basemap/3/6/3.png?v=0123abcd"),
            ("GET", "/tiles/situation-room/4/11/6.png"), ("HEAD", "/tiles/situation-room/4/11/6@2x.png"),
        ]
        try await Self.withBoth(fixture.server) { fast, slow in
            for (method, path) in cases {
                let label = "\(method) \(path)"
                let before = try await fast.metrics(TileCounters.all)
                let first = try await fast.send(.init(method, path))
                let middle = try await fast.metrics(TileCounters.all)
                let second = try await fast.send(.init(method, path))
                let after = try await fast.metrics(TileCounters.all)
                let router = try await slow.send(.init(method, path))
                #expect(first.status == 200, "\(label): \(first)")
                #expect(first.comparable == second.comparable, "\(label):\n\(first)\n\(second)")
                #expect(router.comparable == second.comparable, "\(label):\n\(router)\n\(second)")
                #expect(Self.delta(before, middle, TileCounters.eventLoop) == 0, "\(label): the miss went to the router")
                #expect(Self.delta(middle, after, TileCounters.eventLoop) == 1, "\(label): the hit was answered on the event loop")
                #expect(Self.delta(before, middle, TileCounters.memoryMiss) == 1 && Self.delta(middle, after, TileCounters.memoryMiss) == 0, "\(label)")
                #expect(Self.delta(middle, after, TileCounters.memoryHit) == 1, "\(label): one hit counted, once")
                #expect(Self.delta(before, middle, TileCounters.route(200)) == 1 && Self.delta(middle, after, TileCounters.route(200)) == 1, "\(label)")
                let ids = [first, second].map { $0.header("X-Request-Id") ?? "" }
                #expect(ids.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isHexDigit) } && ids[0] != ids[1], "\(label): \(ids)")
                #expect(second.header("Date") != nil && second.header("Server") == TileServer.serverName, "\(label)")
                if method == "HEAD" {
                    #expect(second.bodyLength == 0, "\(label)")
                    let get = try await fast.send(.init("GET", path))
                    #expect(get.header("Content-Length") == second.header("Content-Length") && get.bodyLength > 0, "\(label)")
                } else {
                    #expect(String(second.bodyLength) == second.header("Content-Length"), "\(label)")
                }
            }
            let immutable = try await fast.send(.init("GET", "/tiles/basemap/3/6/2.png?v=\(version)"))
            #expect(immutable.header("Cache-Control") == "public, max-age=31536000, immutable")
        }
    }

    /// `If-None-Match` with one tag, a list, `*`, a weak tag, two header lines: the same 304 (or
    /// 200) as the router's, answered on the event loop.
    @Test func notModifiedFollowsTheRoutersRulesOnTheEventLoop() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        try await Self.withBoth(fixture.server) { fast, slow in
            let path = "/tiles/basemap/3/5/2.png"
            let etag = try #require(try await fast.send(.init("GET", path)).header("ETag"))
            let cases: [(headers: [String], method: String, status: Int)] = [
                (["If-None-Match: \(etag)"], "GET", 304), (["If-None-Match: \"nope\", \(etag)"], "GET", 304),
                (["If-None-Match: *"], "GET", 304), (["If-None-Match: W/\(etag)"], "GET", 304),
                (["If-None-Match: \"a\"", "If-None-Match: \(etag)"], "GET", 304), (["If-None-Match: \(etag)"], "HEAD", 304),
                (["If-None-Match: \"nope\""], "GET", 200), (["If-None-Match: W/\"nope\", \"x\""], "HEAD", 200),
            ]
            for c in cases {
                let label = "\(c.method) \(c.headers)"
                let before = try await fast.metrics(TileCounters.all)
                let answer = try await fast.send(.init(c.method, path, headers: c.headers))
                let after = try await fast.metrics(TileCounters.all)
                let router = try await slow.send(.init(c.method, path, headers: c.headers))
                #expect(answer.status == c.status, "\(label): \(answer)")
                #expect(answer.comparable == router.comparable, "\(label):\n\(answer)\n\(router)")
                #expect(Self.delta(before, after, TileCounters.eventLoop) == 1, "\(label)")
                #expect(Self.delta(before, after, TileCounters.route(c.status)) == 1, "\(label)")
                if c.status == 304 {
                    #expect(answer.bodyLength == 0 && answer.header("ETag") == etag && answer.header("Content-Type") == nil, "\(label)")
                }
            }
        }
    }

    /// Unknown styles, zooms and positions out of range, other file names, queries with
    /// `from`/`layers`/more than `v`, escapes and `Connection: close` all go to the router and
    /// get its answer, also when the tile they name is cached.
    @Test func everythingElseGoesToTheRouterUnchanged() async throws {
        let fixture = try await ServerFixture(incidents: 200)
        try await Self.withBoth(fixture.server) { fast, slow in
            let cases: [(String, [String], Int)] = [
                ("/tiles/nosuch/3/5/2.png", [], 404), ("/tiles/basemap/19/0/0.png", [], 404), ("/tiles/basemap/-1/0/0.png", [], 400),
                ("/tiles/basemap/3/8/2.png", [], 400), ("/tiles/basemap/3/5/9.png", [], 400), ("/tiles/basemap/3/5/2.jpg", [], 400),
                ("/tiles/basemap/3/5/2@3x.png", [], 400), ("/tiles/basemap/3/5/2.png?from=2024-01-01", [], 200),
                ("/tiles/situation-room/4/11/6.png?from=2024-01-01&to=2024-06-30", [], 200),
                ("/tiles/situation-room/4/11/6.png?layers=incidents", [], 200), ("/tiles/basemap/3/5/2.png?v=1&from=2024-01-01", [], 200),
                ("/tiles/basemap/3/5/2.png?v=a%20b", [], 200), ("/tiles/basemap/3/5/2%2Epng", [], 200),
                ("/tiles/basemap/3/5/2.png?from=yesterday", [], 400), ("/tiles/basemap/3/5/2.png", ["Connection: close"], 200),
                ("/tiles/basemap/3/5/2.png/", [], 200),
            ]
            let before = try await fast.metrics(TileCounters.all)
            for (path, headers, status) in cases {
                _ = try await fast.send(.init("GET", path, headers: headers))
                let answer = try await fast.send(.init("GET", path, headers: headers))
                let router = try await slow.send(.init("GET", path, headers: headers))
                #expect(answer.status == status, "\(path): \(answer) \(answer.bodyText ?? "")")
                #expect(answer.comparable == router.comparable, "\(path):\n\(answer)\n\(router)")
            }
            let after = try await fast.metrics(TileCounters.all)
            #expect(Self.delta(before, after, TileCounters.eventLoop) == 0)
            #expect(Self.delta(before, after, TileCounters.memoryHit) > 0, "the cached ones were hits, counted by the router")
        }
    }

    /// Hits and misses interleaved on one keep-alive connection, one at a time and pipelined
    /// (all sent at once): the answers come back in request order.
    @Test func keepAliveAndPipelinedRequestsAreAnsweredInOrder() async throws {
        let fixture = try await ServerFixture(incidents: 200)
        try await Self.withBoth(fixture.server) { fast, _ in
            let a = "/tiles/basemap/3/5/2.png", c = "/tiles/basemap/3/4/2.png"
            _ = try await fast.exchange([.init("GET", a), .init("GET", c)])
            // One at a time: every hit is answered on the event loop, B the second time too.
            let b = "/tiles/basemap/4/10/5.png"
            let before = try await fast.metrics(TileCounters.all)
            let sequential = try await fast.exchange([.init("GET", a), .init("GET", b), .init("GET", a), .init("HEAD", c), .init("GET", b)])
            let middle = try await fast.metrics(TileCounters.all)
            #expect(sequential.map(\.status) == [200, 200, 200, 200, 200])
            #expect(sequential.map { $0.header("ETag")?.split(separator: "-").suffix(4).joined(separator: "-") ?? "" }
                == ["3-5-2-1\"", "4-10-5-1\"", "3-5-2-1\"", "3-4-2-1\"", "4-10-5-1\""], "\(sequential)")
            #expect(Self.delta(before, middle, TileCounters.eventLoop) == 4)
            // Pipelined: misses (D renders, E has a time window) among hits; later hits may wait for the router's answers.
            let d = "/tiles/basemap/4/11/5.png", e = "/tiles/situation-room/4/11/6.png?from=2024-01-01"
            let requests: [RawHTTP.Sent] = [.init("GET", a), .init("GET", d), .init("GET", a), .init("HEAD", c), .init("GET", e),
                                            .init("GET", c), .init("GET", b, headers: ["If-None-Match: *"]), .init("GET", a)]
            let pipelined = try await fast.exchange(requests, pipelined: true)
            let after = try await fast.metrics(TileCounters.all)
            #expect(pipelined.map(\.status) == [200, 200, 200, 200, 200, 200, 304, 200])
            #expect(pipelined.map { $0.header("ETag")?.split(separator: "-").suffix(4).joined(separator: "-") ?? "" }
                == ["3-5-2-1\"", "4-11-5-1\"", "3-5-2-1\"", "3-4-2-1\"", "4-11-6-1\"", "3-4-2-1\"", "4-10-5-1\"", "3-5-2-1\""], "\(pipelined)")
            #expect(pipelined[0].comparable == sequential[0].comparable && pipelined[7].comparable == sequential[0].comparable)
            #expect(pipelined[3].bodyLength == 0 && pipelined[5].bodyLength > 0)
            let onLoop = Self.delta(middle, after, TileCounters.eventLoop)
            #expect(onLoop >= 1 && onLoop <= 6, "the first hit at least; never the misses: \(onLoop)")
        }
    }

    /// With `--protect-reads`: without a token 401, with a wrong one 403 (the router's answers);
    /// with a read token in the header or the viewer cookie, the hit is answered on the event
    /// loop with the router's headers (`Cache-Control: private…`, `Vary`).
    @Test func protectedReadsCheckTheTokenAsTheRouterDoes() async throws {
        let fixture = try await ServerFixture(incidents: 0) { config in
            config.protectReads = true
            config.readTokens = ["read-token-77"]
        }
        try await Self.withBoth(fixture.server) { fast, slow in
            var fast = fast
            fast.token = "read-token-77"
            let path = "/tiles/basemap/3/5/2.png"
            let bearer = ["Authorization: Bearer read-token-77"]
            _ = try await fast.send(.init("GET", path, headers: bearer))
            let cases: [([String], Int, Double)] = [
                ([], 401, 0), (["Authorization: Bearer wrong"], 403, 0), (["Authorization: Basic eDp5"], 401, 0),
                (bearer, 200, 1), (["Cookie: bordermap_read=read-token-77"], 200, 1), (bearer + ["If-None-Match: *"], 304, 1),
            ]
            for (headers, status, onLoop) in cases {
                let before = try await fast.metrics(TileCounters.all)
                let answer = try await fast.send(.init("GET", path, headers: headers))
                let after = try await fast.metrics(TileCounters.all)
                let router = try await slow.send(.init("GET", path, headers: headers))
                #expect(answer.status == status, "\(headers): \(answer)")
                #expect(answer.comparable == router.comparable, "\(headers):\n\(answer)\n\(router)")
                #expect(Self.delta(before, after, TileCounters.eventLoop) == onLoop, "\(headers)")
                if status == 200 {
                    #expect(answer.header("Cache-Control")?.hasPrefix("private") == true && answer.header("Vary") == "Authorization, Cookie")
                }
            }
        }
    }

    /// Hummingbird's idle timeout sees the requests answered on the event loop: a connection
    /// busy with hits for longer than the timeout stays open, and closes once idle.
    @Test func aConnectionBusyWithHitsOutlivesTheIdleTimeoutAndClosesWhenIdle() async throws {
        let fixture = try await ServerFixture(incidents: 0) { $0.idleTimeoutSeconds = 1 }
        try await Self.withBoth(fixture.server) { fast, _ in
            _ = try await fast.send(.init("GET", "/tiles/basemap/3/5/2.png"))
            let before = try await fast.metrics(TileCounters.all)
            let script = #"""
            import socket, sys, time
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
            f = s.makefile("rb")
            ok = 0
            for i in range(10):
                s.sendall(b"GET /tiles/basemap/3/5/2.png HTTP/1.1\r\nHost: x\r\n\r\n")
                status = f.readline()
                length = 0
                while True:
                    line = f.readline()
                    if line == b"\r\n":
                        break
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                f.read(length)
                ok += status.startswith(b"HTTP/1.1 200")
                time.sleep(0.3)
            start = time.time()
            closed = f.read(1) == b""
            print(ok, closed, round(time.time() - start, 1))
            """#
            let r = try await Tool.runOffPool(["python3", "-c", script, String(fast.port)])
            let after = try await fast.metrics(TileCounters.all)
            let words = r.output.split(separator: " ")
            #expect(words.count == 3 && words[0] == "10" && words[1] == "True", "\(r.output) \(r.stderr)")
            #expect((Double(words.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 99) < 5, "closed once idle: \(r.output)")
            #expect(Self.delta(before, after, TileCounters.eventLoop) == 10)
        }
    }

    /// The request log line of a hit answered on the event loop has the router's fields: method,
    /// path with query, status, bytes, and the request id the response carries.
    @Test func hitsWriteTheSameRequestLogLine() async throws {
        let lines = Locked<[String]>([])
        let logger = Logger(label: "bordermap.serve") { label in
            LogLineHandler(label: label, format: .json) { line in lines.withLock { $0.append(line) } }
        }
        let fixture = try await ServerFixture(incidents: 0, logger: logger) { $0.logRequests = true }
        try await Self.withBoth(fixture.server) { fast, _ in
            let path = "/tiles/basemap/3/5/2.png?v=abc"
            let answers = try await fast.exchange([.init("GET", path), .init("GET", path), .init("HEAD", path),
                                                   .init("GET", path, headers: ["If-None-Match: *"])])
            let logged = try lines.current.compactMap { line -> [String: Any]? in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return object?["message"] as? String == "request" && object?["path"] as? String == path ? object : nil
            }
            try #require(logged.count == 4, "\(lines.current)")
            for (answer, line) in zip(answers, logged) {
                #expect(line["request_id"] as? String == answer.header("X-Request-Id"), "\(line)")
                #expect(line["status"] as? Int == answer.status, "\(line)")
                #expect(line["bytes"] as? Int == answer.bodyLength, "\(line)")
                #expect((line["ms"] as? Double) != nil, "\(line)")
            }
            #expect(logged.map { $0["method"] as? String ?? "" } == ["GET", "GET", "HEAD", "GET"])
        }
    }

    /// The `Date` header's text against Python's `email.utils.formatdate(usegmt=True)`.
    @Test func httpDatesAreIMFFixdates() async throws {
        let seconds = [0, 784_111_777, 1_796_313_001, 1_801_234_567, 2_000_000_000]
        let r = try await Tool.runOffPool(["python3", "-c", "import email.utils, sys\nfor s in sys.argv[1:]: print(email.utils.formatdate(int(s), usegmt=True))"]
                                          + seconds.map(String.init))
        #expect(r.output.split(separator: "\n").map(String.init) == seconds.map(HTTPDate.text))
    }
}
