import Foundation
import TestSupport
@testable import TileServer

/// A raw HTTP/1.1 client (a Python socket, so requests go over the wire exactly as written and
/// responses come back exactly as sent: status line, headers in order, body bytes) for the tests
/// of tiles answered on the event loop (`CachedTileHandler`).
struct RawHTTP {
    /// One request as sent; `head` when it is a HEAD (its answer has no body).
    struct Sent: Encodable {
        let raw: String
        let head: Bool

        init(_ method: String = "GET", _ target: String, headers: [String] = []) {
            raw = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n"
            head = method == "HEAD"
        }
    }

    /// One response as received.
    struct Received: Decodable, CustomStringConvertible {
        let statusLine: String
        let headers: [[String]]
        let bodyLength: Int
        let bodySHA256: String
        /// The body as text when it is short UTF-8 (error JSON).
        let bodyText: String?

        var status: Int { Int(statusLine.split(separator: " ")[1]) ?? 0 }
        func header(_ name: String) -> String? { headers.first { $0[0].lowercased() == name.lowercased() }?[1] }
        var description: String { "\(statusLine) \(headers.map { "\($0[0]): \($0[1])" }.joined(separator: " | ")) body \(bodyLength) B" }

        /// What must be equal between two answers to the same request: status line, header names
        /// in order with their values (but `Date`, and `X-Request-Id`, which are per request), body.
        var comparable: [String] {
            [statusLine] + headers.map { ["date", "x-request-id"].contains($0[0].lowercased()) ? $0[0] : "\($0[0]): \($0[1])" }
                + ["body \(bodyLength) \(bodySHA256)"]
        }
    }

    let port: Int
    /// A bearer token for `/metrics` (a server that protects reads).
    var token: String?

    static let script = #"""
    import hashlib, json, socket, sys
    PORT = int(sys.argv[1])
    def response(f, head):
        status = f.readline()
        if not status:
            raise SystemExit("connection closed before an answer")
        headers = []
        while True:
            line = f.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, value = line.decode("latin-1").rstrip("\r\n").split(":", 1)
            headers.append([name, value.strip()])
        get = lambda n: next((v for k, v in headers if k.lower() == n), None)
        code = int(status.split()[1])
        body = b""
        if not head and code not in (204, 304):
            if get("content-length") is not None:
                body = f.read(int(get("content-length")))
            elif (get("transfer-encoding") or "").lower() == "chunked":
                while True:
                    size = int(f.readline().split(b";")[0], 16)
                    if size == 0:
                        f.readline()
                        break
                    body += f.read(size)
                    f.readline()
        text = None
        if len(body) < 4096:
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                pass
        return {"statusLine": status.decode("latin-1").rstrip("\r\n"), "headers": headers, "bodyLength": len(body),
                "bodySHA256": hashlib.sha256(body).hexdigest(), "bodyText": text}
    steps = json.loads(sys.argv[2])
    pipelined = sys.argv[3] == "1"
    s = socket.create_connection(("127.0.0.1", PORT), timeout=120)
    f = s.makefile("rb")
    out = []
    if pipelined:
        s.sendall("".join(r["raw"] for r in steps).encode("latin-1"))
        out = [response(f, r["head"]) for r in steps]
    else:
        for r in steps:
            s.sendall(r["raw"].encode("latin-1"))
            out.append(response(f, r["head"]))
    print(json.dumps(out))
    """#

    /// Sends `requests` on one connection, each after the previous answer arrived, or all at
    /// once (`pipelined`), and returns the answers in the order they came.
    func exchange(_ requests: [Sent], pipelined: Bool = false) async throws -> [Received] {
        let steps = String(decoding: try JSONEncoder().encode(requests), as: UTF8.self)
        let r = try await Tool.runOffPool(["python3", "-c", Self.script, String(port), steps, pipelined ? "1" : "0"])
        guard r.status == 0 else { throw FixtureError("raw client failed (\(r.status)): \(r.stderr)") }
        return try JSONDecoder().decode([Received].self, from: Data(r.output.utf8))
    }

    /// One request on its own connection.
    func send(_ request: Sent) async throws -> Received {
        try await exchange([request])[0]
    }

    /// The values of the named samples of `/metrics` (0 for one not listed).
    func metrics(_ names: [String]) async throws -> [String: Double] {
        let auth = token.map { ["-H", "Authorization: Bearer \($0)"] } ?? []
        let r = try await Tool.runOffPool(["curl", "-sf"] + auth + ["http://127.0.0.1:\(port)/metrics"])
        guard r.status == 0 else { throw FixtureError("/metrics: curl exit \(r.status)") }
        var values: [String: Double] = [:]
        for name in names { values[name] = 0 }
        for line in r.output.split(separator: "\n") {
            guard let space = line.lastIndex(of: " ") else { continue }
            let name = String(line[..<space])
            if names.contains(name) { values[name] = Double(line[line.index(after: space)...]) }
        }
        return values
    }
}

/// The `/metrics` samples the tests follow.
enum TileCounters {
    static let eventLoop = "bordermap_tile_event_loop_answers_total"
    static let memoryHit = "bordermap_tile_cache_requests_total{tier=\"memory\",result=\"hit\"}"
    static let memoryMiss = "bordermap_tile_cache_requests_total{tier=\"memory\",result=\"miss\"}"
    static func route(_ status: Int) -> String {
        "bordermap_http_requests_total{route=\"\(CachedTileResponder.route)\",status=\"\(status)\"}"
    }
    static let all = [eventLoop, memoryHit, memoryMiss, route(200), route(304)]
}
