import Foundation
import GeoCore
import Hummingbird
import MapRenderer

/// `GET /styles` (the styles served, with tile URL templates and legends), `GET
/// /tiles/{style}.json` (TileJSON 3.0.0) and `GET /wmts/1.0.0/WMTSCapabilities.xml`.
struct MetadataRoutes: Sendable {
    let catalog: StyleCatalog
    let configuration: ServerConfiguration
    let attribution: String?

    func register(on router: Router<BasicRequestContext>) {
        router.get("/styles") { request, context in
            let id = context.id  // also the response's X-Request-Id (ErrorMiddleware)
            for (name, problem) in catalog.problems.sorted(by: { $0.key < $1.key }) {
                context.logger.warning("request \(id): style \(name) is not served: \(problem)")
            }
            return Self.json(styles(baseURL: PublicURL.base(request, configuration: configuration), requestID: id), maxAge: 10)
        }
        // The same parameter name as the tile route's first segment: the router shares the node.
        router.get("/tiles/:style") { request, context in
            let file = context.parameters.decoded("style") ?? ""
            guard file.hasSuffix(".json") else { throw APIError.notFound("expected /tiles/{style}.json, got /tiles/\(file)") }
            let name = try RequestParameters.styleName(String(file.dropLast(5)))
            guard let style = catalog.style(name) else {
                throw APIError.notFound("no style named '\(name)'; served: \(catalog.all.map(\.name).joined(separator: ", "))")
            }
            return Self.json(TileJSON.document(style: style, baseURL: PublicURL.base(request, configuration: configuration),
                                               attribution: attribution), maxAge: 60)
        }
        router.get("/wmts/1.0.0/WMTSCapabilities.xml") { request, _ in
            let xml = WMTSCapabilities.document(styles: catalog.all, baseURL: PublicURL.base(request, configuration: configuration))
            return Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8", .cacheControl: "public, max-age=60"],
                            body: .init(byteBuffer: ByteBuffer(string: xml)))
        }
    }

    /// The `/styles` document: per style its name, title, URLs, whether it draws incidents,
    /// and legend rows (of the layers shown at the zooms a wall display usually shows, 5 and 8:
    /// the heat map below and incidents above the zoom where dots become readable); styles that
    /// failed to load are listed under `problems` by name only, with a message quoting
    /// `requestID` (the reasons, which may hold file paths or SQL, go to the server log).
    func styles(baseURL: String, requestID: String) -> String {
        let entries = catalog.all.map { s -> String in
            var seen = Set<String>()
            let items = (s.renderer.legendItems(zoom: 5) + s.renderer.legendItems(zoom: 8)).filter { seen.insert($0.label).inserted }
            let legend = items.map { item in
                "{\"label\":\(JSONText.quoted(item.label)),\"symbol\":\"\(item.symbol.rawValue)\",\"color\":\"\(item.color)\","
                    + "\"opacity\":\(String(format: "%.3f", item.opacity))}"
            }
            let b = s.bounds
            return "{\"name\":\(JSONText.quoted(s.name)),\"title\":\(JSONText.quoted(s.title)),"
                + "\"tiles\":\(JSONText.quoted("\(baseURL)/tiles/\(s.name)/{z}/{x}/{y}.png?v=\(s.version)")),"
                + "\"tilejson\":\(JSONText.quoted("\(baseURL)/tiles/\(s.name).json")),"
                + "\"incidents\":\(s.dependsOnIncidents),\"hash\":\"\(s.version)\","
                + "\"bounds\":[\(b.minX),\(b.minY),\(b.maxX),\(b.maxY)],\"attribution\":\(attribution.map(JSONText.quoted) ?? "null"),"
                + "\"legend\":[\(legend.joined(separator: ","))]}"
        }
        let problems = catalog.problems.keys.sorted().map {
            "\(JSONText.quoted($0)):\(JSONText.quoted("not served: it did not load (reason in the server log, request id \(requestID))"))"
        }
        return "{\"styles\":[\(entries.joined(separator: ","))],\"problems\":{\(problems.joined(separator: ","))}}\n"
    }

    static func json(_ text: String, maxAge: Int) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=\(maxAge)"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
