import Foundation
import GeoCore
import Hummingbird

/// `GET /openapi.json`: the OpenAPI 3.1 description of this HTTP API — every route, its
/// parameters with their bounds, request bodies, answers by status and media type, the error
/// body and the bearer tokens. The document is the resource `OpenAPI/openapi.json` beside this
/// file; it is served with its `servers` naming the address the request reached
/// (`PublicURL.base`), so a client such as schemathesis can call the server it read it from.
/// A strong ETag from the content answers a matching `If-None-Match` with 304.
///
/// `OpenAPIDocumentTests` fails when a route is registered on the router without being in the
/// document (or the document names one the router lacks).
struct OpenAPIRoute: Sendable {
    let configuration: ServerConfiguration

    /// The path the document is served at.
    static let path = "/openapi.json"

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(Self.path)) { request, _ in
            let template: OpenAPITemplate
            switch OpenAPITemplate.bundled {
            case .success(let t): template = t
            case .failure(let e): throw APIError(.internalServerError, "missing API description", e.description)
            }
            let text = template.text(serverURL: PublicURL.base(request, configuration: configuration))
            return ViewerRoutes.answer(request, data: Data(text.utf8),
                                       headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-cache"])
        }
    }
}

/// The bundled OpenAPI document, serialised once with a marker in place of the server URL, so
/// that each request only splices in its own address.
struct OpenAPITemplate: Sendable {
    /// The serialised document before and after the server URL's JSON string.
    let head: String
    let tail: String

    /// A problem with the bundled document: missing, not JSON, or not an OpenAPI 3.1 object
    /// with `paths`.
    struct LoadError: Error, Sendable, CustomStringConvertible {
        let description: String
    }

    /// Stands in for the server URL while serialising; never part of a real URL.
    static let marker = "@@bordermap-public-url@@"

    /// The document of the server's resources, loaded on first use.
    static let bundled: Result<OpenAPITemplate, LoadError> = Result {
        guard let url = Bundle.module.url(forResource: "OpenAPI/openapi.json", withExtension: nil),
              let data = FileManager.default.contents(atPath: url.path) else {
            throw LoadError(description: "OpenAPI/openapi.json is not in the server's resources")
        }
        return try OpenAPITemplate(data: data)
    }.mapError { $0 as? LoadError ?? LoadError(description: "\($0)") }

    /// Parses `data` (an OpenAPI 3.1 document) and replaces its `servers` with one entry.
    /// - Throws: `LoadError` when `data` is not a JSON object with `openapi` 3.1.x and `paths`.
    init(data: Data) throws {
        guard var document = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw LoadError(description: "the API description is not a JSON object")
        }
        guard let version = document["openapi"] as? String, version.hasPrefix("3.1."), document["paths"] is [String: Any] else {
            throw LoadError(description: "the API description is not an OpenAPI 3.1 document with paths")
        }
        document["servers"] = [["url": Self.marker, "description": "The server this document was read from."]]
        let serialised = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        let text = String(decoding: serialised, as: UTF8.self)
        let quotedMarker = JSONText.quoted(Self.marker)
        let parts = text.components(separatedBy: quotedMarker)
        guard parts.count == 2 else { throw LoadError(description: "the server URL marker occurs \(parts.count - 1) times") }
        head = parts[0]
        tail = parts[1] + "\n"
    }

    /// The document with `serverURL` as its only server.
    func text(serverURL: String) -> String {
        head + JSONText.quoted(serverURL) + tail
    }
}
