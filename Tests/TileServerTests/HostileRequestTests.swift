import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
@testable import TileServer

/// Every route validates its input: each bad request gets a JSON error with the right 4xx
/// status and nothing crashes the server (path traversal: bordermapTests/PathTraversalTests).
@Suite struct HostileRequestTests {
    /// (path, status, a phrase the detail must contain)
    static let badGets: [(String, Int, String)] = [
        ("/tiles/situation-room/99/0/0.png", 404, "zooms 0–18, not 99"),
        ("/tiles/situation-room/19/0/0.png", 404, "zooms 0–18, not 19"),
        ("/tiles/situation-room/-1/0/0.png", 400, "z=-1"),
        ("/tiles/situation-room/3/8/0.png", 400, "x=8"),
        ("/tiles/situation-room/3/0/8.png", 400, "y=8"),
        ("/tiles/situation-room/3/0/abc.png", 400, "not a whole number"),
        ("/tiles/situation-room/3/0/0.jpg", 400, ".png"),
        ("/tiles/situation-room/3/0/0@3x.png", 400, "@2x"),
        ("/tiles/nope/3/0/0.png", 404, "served: basemap, situation-room"),
        ("/tiles/..%2F..%2Fetc%2Fpasswd/3/0/0.png", 404, "no style"),
        ("/tiles/nope.json", 404, "no style named 'nope'"),
        ("/tiles/situation-room/3/0/0.png?from=yesterday", 400, "from=yesterday"),
        ("/tiles/situation-room/3/0/0.png?from=2024-05-01&to=2024-01-01", 400, "must be after"),
        ("/static/situation-room/60,35,80/800x600.png", 400, "zoom"),
        ("/static/situation-room/60,35,80,45/99999x600.png", 400, "limit"),
        ("/static/situation-room/60,35,80,45/4000x4000.png", 400, "limit of 2048"),
        ("/static/situation-room/80,35,60,45/800x600.png", 400, "bbox"),
        ("/static/situation-room/a,b,c,d/800x600.png", 400, "bbox"),
        ("/static/situation-room/60,35,80,45/800x600.gif", 400, ".png"),
        ("/geojson/incidents?bbox=1,2,3", 400, "four numbers"),
        ("/geojson/incidents?bbox=10,20,5,30", 400, "west must be less than east"),
        ("/geojson/incidents?bbox=0,0,200,10", 400, "-180...180"),
        ("/geojson/..%2F..%2Fetc%2Fpasswd", 404, "no layer"),
        ("/geojson/ca_admin0_countries?from=2024-01-01", 400, "incidents only"),
        ("/geojson/hotspots", 422, "at least 30"),
        ("/geojson/hotspots?cell=1m", 400, "at least 100 m"),
        ("/geojson/density?radius=far", 400, "radius=far"),
        ("/nothing/here", 404, "no route"),
    ]

    @Test func badRequestsGetJSONErrorsWithTheRightStatus() async throws {
        let fixture = try await ServerFixture(incidents: 10) { $0.maxStaticSide = 2048 }
        try await fixture.withRouter { client in
            for (path, status, phrase) in Self.badGets {
                let r = try await client.execute(uri: path, method: .get)
                #expect(r.status.code == status, "\(path): \(r.status) \(r.text)")
                #expect(r.headers[.contentType]?.hasPrefix("application/json") == true, "\(path)")
                let body = try r.json()
                #expect(body["error"] is String, "\(path)")
                let detail = body["detail"] as? String ?? ""
                #expect(detail.contains(phrase), "\(path): \(detail)")
            }
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
        }
    }

    @Test func writesNeedTheRightBearerTokenAndABoundedBody() async throws {
        let fixture = try await ServerFixture(incidents: 0) { $0.maxBodyBytes = 4096 }
        let csv = ByteBuffer(string: "date,lat,lon\n2025-01-02,39.9,71.7\n")
        try await fixture.withRouter { client in
            let none = try await client.execute(uri: "/incidents", method: .post, body: csv)
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let wrong = try await client.execute(uri: "/incidents", method: .post, headers: [.authorization: "Bearer guess"], body: csv)
            #expect(wrong.status == .forbidden)
            let basic = try await client.execute(uri: "/incidents", method: .post, headers: [.authorization: "Basic dXNlcjpwdw=="], body: csv)
            #expect(basic.status == .unauthorized)
            let auth: HTTPFields = [.authorization: "Bearer \(ServerFixture.writeToken)"]
            let big = ByteBuffer(string: "date,lat,lon\n" + String(repeating: "2025-01-02,39.9,71.7\n", count: 400))
            let tooBig = try await client.execute(uri: "/incidents", method: .post, headers: auth, body: big)
            #expect(tooBig.status == .contentTooLarge, "\(tooBig.text)")
            let detail = try tooBig.json()["detail"] as? String ?? ""
            #expect(detail.contains("4096"))
            let empty = try await client.execute(uri: "/incidents", method: .post, headers: auth, body: ByteBuffer())
            #expect(empty.status == .badRequest)
            let garbage = try await client.execute(uri: "/incidents", method: .post, headers: [.authorization: "Bearer \(ServerFixture.writeToken)", .contentType: "application/geo+json"],
                                                   body: ByteBuffer(string: "{\"type\": \"FeatureCollection\", \"features\": [ {"))
            #expect(garbage.status == .unprocessableContent, "\(garbage.text)")
            let ok = try await client.execute(uri: "/incidents", method: .post, headers: auth, body: csv)
            #expect(ok.status == .created, "\(ok.text)")
            #expect(try await fixture.store.count(matching: .all) == 1)
        }
    }

    @Test func aServerWithoutTokensRefusesWritesAndProtectedReadsNeedATokenToo() async throws {
        let readOnly = try await ServerFixture(incidents: 0) { $0.writeTokens = [] }
        try await readOnly.withRouter { client in
            let r = try await client.execute(uri: "/incidents", method: .post, headers: [.authorization: "Bearer x"],
                                             body: ByteBuffer(string: "date,lat,lon\n"))
            #expect(r.status == .forbidden)
            #expect((try r.json()["detail"] as? String ?? "").contains("--token-file"))
        }
        let guarded = try await ServerFixture(incidents: 0) { $0.protectReads = true; $0.readTokens = ["reader"] }
        try await guarded.withRouter { (client: any TestClientProtocol) async throws in
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/styles", method: .get).status == .unauthorized)
            #expect(try await client.execute(uri: "/styles", method: .get, headers: [.authorization: "Bearer nope"]).status == .forbidden)
            #expect(try await client.execute(uri: "/styles", method: .get, headers: [.authorization: "Bearer reader"]).status == .ok)
        }
    }

    @Test func aStalledClientIsDisconnectedAndOthersAreServed() async throws {
        let fixture = try await ServerFixture(incidents: 0) { $0.idleTimeoutSeconds = 1 }
        try await fixture.withLiveServer { _, port in
            // Half a request line, then silence: python reports how long the server waited before closing.
            let script = """
            import socket, time
            s = socket.create_connection(("127.0.0.1", \(port)))
            s.sendall(b"GET /health HTTP/1.1\\r\\nHost: x")
            start = time.time()
            s.settimeout(10)
            data = s.recv(1024)
            print("%.1f %d" % (time.time() - start, len(data)))
            """
            let r = try await Tool.runOffPool(["python3", "-c", script])
            let parts = r.output.split(separator: " ")
            let waited = Double(parts.first ?? "") ?? 99
            #expect(waited < 5, "the server kept a stalled connection open: \(r.output) \(r.stderr)")
            let ok = try await Tool.runOffPool(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/health"])
            #expect(ok.output == "200")
        }
    }
}
