import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
@testable import TileServer

/// HTTP done fully (RFC 9110): HEAD on every GET route, If-None-Match lists, `*` and weak
/// comparison, 304s with their validators, and the headers every response carries.
@Suite struct HTTPSemanticsTests {
    /// GET routes of every kind: tiles, viewer files, Leaflet, metadata, static maps, GeoJSON, health.
    static let getPaths = [
        "/tiles/situation-room/4/11/6.png", "/tiles/basemap/4/11/6@2x.png", "/", "/viewer/viewer.js", "/viewer/viewer.css",
        "/assets/leaflet/leaflet.js", "/health", "/styles", "/tiles/basemap.json", "/wmts/1.0.0/WMTSCapabilities.xml",
        "/static/basemap/60,35,80,45/300x200.png", "/geojson/ca_admin0_countries",
    ]

    @Test func headAnswersEveryGetRouteWithItsHeadersAndNoBody() async throws {
        let fixture = try await ServerFixture(incidents: 50)
        try await fixture.withRouter { client in
            for path in Self.getPaths {
                let get = try await client.execute(uri: path, method: .get)
                let head = try await client.execute(uri: path, method: .head)
                #expect(get.status == .ok, "\(path): GET \(get.status)")
                #expect(head.status == .ok, "\(path): HEAD \(head.status)")
                #expect(head.body.readableBytes == 0, "\(path): HEAD has a body")
                for name in [HTTPField.Name.contentType, .contentLength, .eTag, .cacheControl, .xContentTypeOptions] {
                    #expect(head.headers[name] == get.headers[name], "\(path): \(name) differs: \(head.headers[name] ?? "none") vs \(get.headers[name] ?? "none")")
                }
                if get.headers[.contentLength] != nil {
                    #expect(get.headers[.contentLength] == String(get.body.readableBytes), "\(path)")
                }
            }
            let missing = try await client.execute(uri: "/nothing/here", method: .head)
            #expect(missing.status == .notFound && missing.body.readableBytes == 0)
        }
    }

    @Test func headOverTheWireHasContentLengthAndNoBody() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        try await fixture.withLiveServer { _, port in
            // curl --head sends HEAD and prints the response head; -w gives the body size curl saw.
            let r = try await Tool.runOffPool(["curl", "-s", "--head", "-w", "size=%{size_download}", "http://127.0.0.1:\(port)/tiles/basemap/3/5/2.png"])
            #expect(r.output.hasPrefix("HTTP/1.1 200"), "\(r.output)")
            #expect(r.output.lowercased().contains("content-type: image/png"), "\(r.output)")
            #expect(r.output.lowercased().contains("content-length: "), "\(r.output)")
            #expect(r.output.contains("size=0"), "\(r.output)")
        }
    }

    /// RFC 9110 §8.8.3.2's table (W/"1" and "1" match weakly, "1" and "2" do not), lists,
    /// `*`, and opaque tags holding commas (legal: etagc is any visible character but `"`).
    @Test func ifNoneMatchUsesTheWeakComparisonOverTheWholeList() {
        #expect(EntityTagMatch.ifNoneMatch("\"1\"", etag: "\"1\""))
        #expect(EntityTagMatch.ifNoneMatch("W/\"1\"", etag: "\"1\""))
        #expect(EntityTagMatch.ifNoneMatch("W/\"1\"", etag: "W/\"1\""))
        #expect(EntityTagMatch.ifNoneMatch("\"1\"", etag: "W/\"1\""))
        #expect(!EntityTagMatch.ifNoneMatch("\"1\"", etag: "\"2\""))
        #expect(!EntityTagMatch.ifNoneMatch("W/\"1\"", etag: "W/\"2\""))
        #expect(EntityTagMatch.ifNoneMatch("\"a\", W/\"b\"", etag: "\"b\""))
        #expect(EntityTagMatch.ifNoneMatch("\"a\",W/\"b\"", etag: "W/\"a\""))
        #expect(!EntityTagMatch.ifNoneMatch("\"a\", W/\"b\"", etag: "\"c\""))
        #expect(EntityTagMatch.ifNoneMatch("*", etag: "\"anything\""))
        #expect(EntityTagMatch.ifNoneMatch("\"a,b\"", etag: "\"a,b\""))
        #expect(!EntityTagMatch.ifNoneMatch("\"a,b\"", etag: "\"b\""))
        #expect(!EntityTagMatch.ifNoneMatch("\"x, \"a\"", etag: "\"a\""), "\"x, \" is one tag whose opaque part is 'x, '")
        #expect(!EntityTagMatch.ifNoneMatch("", etag: "\"a\""))
        #expect(!EntityTagMatch.ifNoneMatch("a", etag: "\"a\""), "an unquoted tag is not an entity tag")
    }

    @Test func everyFileWithAnETagAnswers304WithItsValidators() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        try await fixture.withRouter { client in
            for path in ["/tiles/basemap/3/5/2.png", "/", "/viewer/viewer.js", "/assets/leaflet/leaflet.css"] {
                let first = try await client.execute(uri: path, method: .get)
                let etag = try #require(first.headers[.eTag], "\(path) has no ETag")
                let cache = try #require(first.headers[.cacheControl])
                for value in [etag, "W/\(etag)", "\"other\", W/\(etag)", "*"] {
                    for method in [HTTPRequest.Method.get, .head] {
                        let again = try await client.execute(uri: path, method: method, headers: [.ifNoneMatch: value])
                        #expect(again.status == .notModified, "\(path) \(method) \(value): \(again.status)")
                        #expect(again.body.readableBytes == 0)
                        #expect(again.headers[.eTag] == etag && again.headers[.cacheControl] == cache, "\(path): \(again.headers)")
                        #expect(again.headers[.xContentTypeOptions] == "nosniff")
                    }
                }
                // Two If-None-Match lines count as one list (RFC 9110 §5.3).
                var two = HTTPFields()
                two.append(HTTPField(name: .ifNoneMatch, value: "\"other\""))
                two.append(HTTPField(name: .ifNoneMatch, value: etag))
                #expect(try await client.execute(uri: path, method: .get, headers: two).status == .notModified, "\(path)")
                let changed = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: "\"not-it\", W/\"nor-this\""])
                #expect(changed.status == .ok && changed.body.readableBytes > 0, "\(path)")
            }
        }
    }

    @Test func everyResponseHasTheSecurityHeadersAndTheViewerACSP() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        try await fixture.withRouter { client in
            for (path, method) in [("/tiles/basemap/3/5/2.png", HTTPRequest.Method.get), ("/nothing", .get), ("/styles", .head),
                                   ("/tiles/nope/1/0/0.png", .get), ("/incidents", .post), ("/health", .get)] {
                let r = try await client.execute(uri: path, method: method)
                #expect(r.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                #expect(r.headers[HTTPField.Name("X-Frame-Options")!] == "SAMEORIGIN", "\(path)")
                #expect(r.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'self'") == true, "\(path)")
                let id = try #require(r.headers[HTTPField.Name("X-Request-Id")!], "\(path)")
                #expect(!id.isEmpty && id.count <= 32 && id.allSatisfy(\.isHexDigit), "\(path): \(id)")
                #expect(r.headers[.vary] == nil, "\(path): nothing varies on request headers when reads are open")
            }
            let page = try await client.execute(uri: "/", method: .get)
            let csp = try #require(page.headers[.contentSecurityPolicy])
            for directive in ["default-src 'none'", "script-src 'self'", "img-src 'self'", "connect-src 'self'", "frame-ancestors 'self'"] {
                #expect(csp.contains(directive), "\(csp)")
            }
            #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"))
            let a = try await client.execute(uri: "/health", method: .get)
            let b = try await client.execute(uri: "/health", method: .get)
            #expect(a.headers[HTTPField.Name("X-Request-Id")!] != b.headers[HTTPField.Name("X-Request-Id")!], "one id per request")
        }
    }

    @Test func protectedReadsArePrivateAndVaryOnTheCredentials() async throws {
        let fixture = try await ServerFixture(incidents: 0) { $0.protectReads = true; $0.readTokens = ["reader-1"] }
        try await fixture.withRouter { client in
            let auth: HTTPFields = [.authorization: "Bearer reader-1"]
            let tile = try await client.execute(uri: "/tiles/basemap/3/5/2.png", method: .get, headers: auth)
            #expect(tile.status == .ok)
            #expect(tile.headers[.cacheControl] == "private, max-age=86400", "\(tile.headers)")
            #expect(tile.headers[.vary] == "Authorization, Cookie")
            let etag = try #require(tile.headers[.eTag])
            var conditional = auth
            conditional[.ifNoneMatch] = etag
            let unchanged = try await client.execute(uri: "/tiles/basemap/3/5/2.png", method: .get, headers: conditional)
            #expect(unchanged.status == .notModified)
            #expect(unchanged.headers[.vary] == "Authorization, Cookie" && unchanged.headers[.cacheControl] == "private, max-age=86400")
            let refused = try await client.execute(uri: "/tiles/basemap/3/5/2.png", method: .head)
            #expect(refused.status == .unauthorized && refused.body.readableBytes == 0, "HEAD is a read too")
        }
    }
}
