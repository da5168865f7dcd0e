import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import Testing
@testable import TileServer

/// Secrets (issue 12): token comparison, read-only tokens, the viewer's cookie, and errors
/// that never show internals to clients.
@Suite struct TokenAndSecretTests {
    static let csv = ByteBuffer(string: "date,lat,lon\n2025-01-02,39.9,71.7\n")

    @Test func tokensThatDifferOnlyInLengthAreNotEqual() {
        let token = Array("s3cret".utf8)
        #expect(BearerAuthorization.constantTimeEqual(token, token))
        #expect(!BearerAuthorization.constantTimeEqual(token, Array("s3creT".utf8)))
        // 256 bytes longer: the lengths' XOR is 256 (0 as a byte), and the padding compares
        // equal to zero bytes — a byte-wide length check would call these equal.
        #expect(!BearerAuthorization.constantTimeEqual(token, token + [UInt8](repeating: 0, count: 256)))
        #expect(!BearerAuthorization.constantTimeEqual(token + [UInt8](repeating: 0, count: 512), token))
        #expect(!BearerAuthorization.constantTimeEqual(token, token + [0]))
        #expect(!BearerAuthorization.constantTimeEqual([], [0]))
        #expect(BearerAuthorization.constantTimeEqual([], []))
        let auth = BearerAuthorization(writeTokens: ["w"], readTokens: ["r"], protectReads: true)
        #expect(auth.mayRead("r") && auth.mayRead("w") && !auth.mayRead("r\u{0}") && !auth.mayRead(""))
    }

    @Test func tokenFilesHaveAnOptionalRoleColumn() throws {
        let file = try TokenFile(text: "# comment\n\nalpha\nbeta write\n  gamma\tread  \nDELTA READ\n")
        #expect(file.write == ["alpha", "beta"])
        #expect(file.read == ["gamma", "DELTA"])
        #expect(throws: TokenFileError.self) { try TokenFile(text: "alpha admin\n") }
        do {
            _ = try TokenFile(text: "ok\nx y z\n")
            Issue.record("three words accepted")
        } catch {
            #expect("\(error)".contains("line 2"), "\(error)")
            #expect(!"\(error)".contains("x y z"), "a bad line may hold a token: it is not quoted")
        }
    }

    @Test func readTokensReadButNeverWrite() async throws {
        let fixture = try await ServerFixture(incidents: 0) { $0.protectReads = true; $0.readTokens = ["reader-1"] }
        try await fixture.withRouter { client in
            let read: HTTPFields = [.authorization: "Bearer reader-1"]
            #expect(try await client.execute(uri: "/styles", method: .get, headers: read).status == .ok)
            #expect(try await client.execute(uri: "/tiles/basemap/3/5/2.png", method: .get, headers: read).status == .ok)
            let post = try await client.execute(uri: "/incidents", method: .post, headers: read, body: Self.csv)
            #expect(post.status == .forbidden, "\(post.text)")
            let write: HTTPFields = [.authorization: "Bearer \(ServerFixture.writeToken)"]
            #expect(try await client.execute(uri: "/styles", method: .get, headers: write).status == .ok, "a write token reads too")
            #expect(try await client.execute(uri: "/incidents", method: .post, headers: write, body: Self.csv).status == .created)
        }
    }

    @Test func theViewerSwapsAReadTokenForAStrictHttpOnlyCookie() async throws {
        let fixture = try await ServerFixture(incidents: 0) { $0.protectReads = true; $0.readTokens = ["wall display;7"] }
        try await fixture.withRouter { client in
            #expect(try await client.execute(uri: "/", method: .get).status == .unauthorized)
            let wrong = try await client.execute(uri: "/?token=guess&style=basemap", method: .get)
            #expect(wrong.status == .forbidden && wrong.headers[.setCookie] == nil)
            let swap = try await client.execute(uri: "/?style=basemap&token=wall%20display%3B7&kiosk=1", method: .get)
            #expect(swap.status == .seeOther, "\(swap.text)")
            #expect(swap.headers[.location] == "/?style=basemap&kiosk=1", "the token leaves the address")
            let setCookie = try #require(swap.headers[.setCookie])
            let attributes = setCookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(attributes.contains("HttpOnly") && attributes.contains("SameSite=Strict") && attributes.contains("Path=/"), "\(setCookie)")
            #expect(!attributes.contains("Secure"), "plain HTTP: a Secure cookie would never come back")
            let pair = try #require(attributes.first)
            #expect(pair.hasPrefix("bordermap_read=") && !pair.contains(" ") && !pair.contains(";"))
            let cookie: HTTPFields = [.cookie: "other=1; \(pair)"]
            for path in ["/", "/styles", "/tiles/basemap/3/5/2.png", "/static/basemap/60,35,80,45/100x80.png", "/geojson/ca_admin0_countries",
                         "/assets/leaflet/leaflet.js"] {
                let r = try await client.execute(uri: path, method: .get, headers: cookie)
                #expect(r.status == .ok, "\(path) with the cookie: \(r.status)")
            }
            #expect(try await client.execute(uri: "/styles", method: .get, headers: [.cookie: "bordermap_read=guess"]).status == .unauthorized)
            let behindTLS = try await client.execute(uri: "/?token=wall%20display%3B7", method: .get,
                                                     headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(behindTLS.headers[.setCookie]?.contains("; Secure") == true)
        }
        // A cookie never writes, even one holding a write token.
        let writer = try await ServerFixture(incidents: 0) { $0.protectReads = true }
        try await writer.withRouter { client in
            let swap = try await client.execute(uri: "/?token=\(ServerFixture.writeToken)", method: .get)
            let pair = try #require(swap.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            let post = try await client.execute(uri: "/incidents", method: .post, headers: [.cookie: pair], body: Self.csv)
            #expect(post.status == .unauthorized, "\(post.text)")
            #expect(try await writer.store.count(matching: .all) == 0)
        }
    }

    @Test func internalErrorsShowARequestIdAndLogTheDetails() async throws {
        let lines = LogLines()
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.get("/boom") { _, _ -> Response in
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: "/srv/secret/db.sqlite", "sql": "SELECT * FROM incidents"])
        }
        router.get("/api500") { _, _ -> Response in throw APIError(.internalServerError, "x", "failed at /srv/secret/styles") }
        let app = Application(router: router, logger: Logger(label: "test") { _ in lines })
        try await app.test(.router) { client in
            for path in ["/boom", "/api500"] {
                let r = try await client.execute(uri: path, method: .get)
                #expect(r.status == .internalServerError)
                #expect(!r.text.contains("/srv/secret") && !r.text.contains("SELECT"), "\(r.text)")
                let id = try #require(r.headers[HTTPField.Name("X-Request-Id")!])
                #expect(try r.json()["error"] as? String == "internal error")
                #expect((try r.json()["detail"] as? String ?? "").contains(id))
                let logged = lines.all.filter { $0.contains(id) }
                #expect(logged.contains { $0.hasPrefix("error") && $0.contains("/srv/secret") && $0.contains(path) }, "\(lines.all)")
            }
        }
    }

    @Test func stylesListLoadProblemsWithoutTheirReasons() async throws {
        let fixture = try await ServerFixture(incidents: 0, extraStyles: ["broken": "{\"version\": 8, \"sources\": {\"x\": {\"type\": \"shapefile\", \"path\": \"/srv/secret/none.shp\"}}, \"layers\": [}"])
        try await fixture.withRouter { client in
            let r = try await client.execute(uri: "/styles", method: .get)
            let problems = try #require(try r.json()["problems"] as? [String: String])
            let id = try #require(r.headers[HTTPField.Name("X-Request-Id")!])
            #expect(problems.keys.sorted() == ["broken"])
            #expect(problems["broken"]?.contains(id) == true, "\(problems)")
            #expect(!r.text.contains(fixture.styles.path) && !r.text.contains("/srv/secret") && !r.text.contains("/tmp"), "\(r.text)")
        }
    }
}

/// A log handler that keeps every message (with its metadata) in memory.
final class LogLines: LogHandler, @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private var lines: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var all: [String] { lock.withLock { lines } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        lock.withLock { lines.append("\(level) \(message) \(metadata ?? [:])") }
    }
}
