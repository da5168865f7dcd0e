import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
@testable import TileServer

/// The API description (`/openapi.json`) against the router it describes: every route the
/// server registers is documented and every documented operation exists (so a route added
/// without documentation fails here), and the document is served with the request's address as
/// its server, with an ETag.
@Suite struct OpenAPIDocumentTests {
    static let methods = ["get", "put", "post", "delete", "patch", "options", "head", "trace"]

    /// The document as the repository holds it (Sources/TileServer/OpenAPI/openapi.json).
    static func document() throws -> [String: Any] {
        let url = ServerFixture.repo.appendingPathComponent("Sources/TileServer/OpenAPI/openapi.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// The documented operations as `METHOD /path` pairs.
    static func operations(_ document: [String: Any]) throws -> [(method: String, path: String)] {
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        return paths.flatMap { path, item in methods.filter { item[$0] != nil }.map { ($0.uppercased(), path) } }
    }

    /// Whether the documented path `documented` is served by the router path `route`: a router
    /// capture (`{name}`, a whole segment) takes any documented segment (`{y}.png`, a literal
    /// layer name), `**` takes one or more segments, literals must be equal. (What a route accepts
    /// inside a captured segment, such as `{y}.png` against `{y}@2x.png`, its own tests check.)
    static func matches(documented: String, route: String) -> Bool {
        let d = documented.split(separator: "/"), r = route.split(separator: "/")
        for (i, segment) in r.enumerated() {
            if segment == "**" { return d.count > i }
            guard i < d.count else { return false }
            let capture = segment.hasPrefix("{") && segment.hasSuffix("}") && !segment.dropFirst().contains("{")
            if !capture && segment != d[i] { return false }
        }
        return d.count == r.count
    }

    /// Routes of `routes` no documented operation matches, and documented operations (other
    /// than HEAD, which `HeadAsGet` answers for every GET) no route serves.
    static func differences(routes: [(method: String, path: String)], document: [String: Any]) throws
        -> (undocumented: [String], unserved: [String]) {
        let documented = try operations(document)
        let undocumented = routes.filter { route in
            !documented.contains { $0.method == route.method && matches(documented: $0.path, route: route.path) }
        }.map { "\($0.method) \($0.path)" }
        let unserved = documented.filter { $0.method != "HEAD" }.filter { op in
            !routes.contains { $0.method == op.method && matches(documented: op.path, route: $0.path) }
        }.map { "\($0.method) \($0.path)" }
        return (undocumented.sorted(), unserved.sorted())
    }

    static func routes(of router: Router<BasicRequestContext>) -> [(method: String, path: String)] {
        router.routes.map { ($0.method.rawValue, $0.path.description) }
    }

    @Test func everyRegisteredRouteIsDocumentedAndEveryDocumentedOperationIsServed() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        let document = try Self.document()
        let routes = Self.routes(of: fixture.server.router())
        #expect(routes.count >= 18 && routes.contains { $0 == ("GET", "/openapi.json") }, "the router lists: \(routes)")
        let (undocumented, unserved) = try Self.differences(routes: routes, document: document)
        #expect(undocumented.isEmpty, "routes missing from Sources/TileServer/OpenAPI/openapi.json: \(undocumented)")
        #expect(unserved.isEmpty, "documented operations the server does not have: \(unserved)")
        // HEAD is documented exactly for the GET operations (HeadAsGet answers every GET).
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        for (path, item) in paths {
            #expect((item["get"] != nil) == (item["head"] != nil), "\(path): GET and HEAD must be documented together")
        }
    }

    /// The check itself: a route registered beside the real ones and a documented path without
    /// a route are both reported.
    @Test func aRouteAddedWithoutDocumentationIsReported() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        let router = fixture.server.router()
        router.get("/tiles/:style/legend") { _, _ in Response(status: .ok) }
        router.post("/styles") { _, _ in Response(status: .ok) }
        var document = try Self.document()
        var paths = try #require(document["paths"] as? [String: Any])
        paths["/legend/{style}.png"] = ["get": ["responses": [:]]]
        document["paths"] = paths
        let (undocumented, unserved) = try Self.differences(routes: Self.routes(of: router), document: document)
        #expect(undocumented == ["GET /tiles/{style}/legend", "POST /styles"])
        #expect(unserved == ["GET /legend/{style}.png"])
        #expect(Self.matches(documented: "/assets/leaflet/images/layers.png", route: "/assets/leaflet/**"))
        #expect(!Self.matches(documented: "/assets/leaflet", route: "/assets/leaflet/**"))
        #expect(Self.matches(documented: "/tiles/{style}.json", route: "/tiles/{style}"))
        #expect(!Self.matches(documented: "/geojson/{layer}", route: "/geojson/hotspots"))
    }

    /// Served with `servers` naming the address the request reached (a plain Host header), an
    /// ETag with 304 on a match, and HEAD without a body; otherwise the document as bundled.
    @Test func theServedDocumentNamesTheRequestsAddress() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        try await fixture.withLiveServer { _, port in
            let bundled = try Self.document()
            let url = "http://127.0.0.1:\(port)/openapi.json"
            let r = try await Tool.runOffPool(["curl", "-s", "-D", "-", "-H", "Host: maps.example:8080", url])
            let (head, body) = try #require(Self.split(r.output))
            #expect(head.hasPrefix("HTTP/1.1 200"), "\(head)")
            #expect(head.lowercased().contains("content-type: application/json"), "\(head)")
            let served = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let servers = try #require(served["servers"] as? [[String: Any]])
            #expect(servers.count == 1 && servers.first?["url"] as? String == "http://maps.example:8080", "\(servers)")
            var rest = served, original = bundled
            rest["servers"] = nil
            original["servers"] = nil
            #expect(NSDictionary(dictionary: rest).isEqual(to: original), "the served document differs from the bundled one")
            // A Host header that is not a plain host falls back to the configured address.
            let odd = try await Tool.runOffPool(["curl", "-s", "-H", "Host: evil\"x", url])
            let oddServers = (try JSONSerialization.jsonObject(with: odd.stdout) as? [String: Any])?["servers"] as? [[String: Any]]
            let oddURL = try #require(oddServers?.first?["url"] as? String)
            #expect(oddURL.hasPrefix("http://127.0.0.1:") && !oddURL.contains("evil"), "\(oddURL)")
            // ETag and 304; HEAD has the headers and no body.
            let etag = try #require(head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("etag:") }?
                .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces))
            let again = try await Tool.runOffPool(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: maps.example:8080",
                                                   "-H", "If-None-Match: \(etag)", url])
            #expect(again.output == "304")
            let headOnly = try await Tool.runOffPool(["curl", "-s", "--head", "-w", "size=%{size_download}", url])
            #expect(headOnly.output.hasPrefix("HTTP/1.1 200") && headOnly.output.hasSuffix("size=0"), "\(headOnly.output)")
        }
    }

    /// An HTTP response as curl prints it with `-D -`: head and body.
    static func split(_ text: String) -> (String, String)? {
        guard let range = text.range(of: "\r\n\r\n") else { return nil }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }
}
