import Foundation
import GeoProjection
import Hummingbird
import TileCache

/// `GET /tiles/{style}/{z}/{x}/{y}.png` and `…/{y}@2x.png` (optionally `?from=&to=` to show
/// incidents of a time window, `?layers=heatmap,hotspots,incidents` for the viewer's toggles): PNG tiles with a strong ETag from the tile key, `304` on a
/// matching `If-None-Match`, and `Cache-Control` long for basemap-only styles and short for
/// styles that draw incidents.
struct TileRoutes: Sendable {
    let catalog: StyleCatalog
    let tiles: TileService
    let configuration: ServerConfiguration

    func register(on router: Router<BasicRequestContext>) {
        router.get("/tiles/:style/:z/:x/:file") { request, context in
            try await tile(request, context)
        }
    }

    func tile(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let style = try served(context.parameters.decoded("style"))
        let z = try RequestParameters.integer(context.parameters.decoded("z"), name: "z", in: 0...Int(Int32.max))
        // Zooms the style is not served at do not exist here (404), whatever the client asks.
        guard z >= style.minZoom, z <= style.maxZoom else {
            throw APIError(.notFound, "no such zoom", "style '\(style.name)' is served at zooms \(style.minZoom)–\(style.maxZoom), not \(z)")
        }
        let last = (1 << z) - 1
        let x = try RequestParameters.integer(context.parameters.decoded("x"), name: "x", in: 0...last)
        let (yText, scale) = try RequestParameters.tileFile(context.parameters.decoded("file"))
        let y = try RequestParameters.integer(yText, name: "y", in: 0...last)
        // Most tile URLs have no query: skip parsing one.
        let window: TimeWindow, toggles: LayerToggles
        if request.uri.query == nil {
            window = .all
            toggles = .styleDefault
        } else {
            let query = request.uri.queryParameters
            window = try TimeWindow(from: query["from"].map(String.init), to: query["to"].map(String.init), wholeDays: true)
            toggles = try LayerToggles(parameter: query["layers"].map(String.init))
        }
        let coordinate = try TileCoordinate(z: z, x: x, y: y)
        let key = tiles.key(style: style, tile: coordinate, scale: scale, window: window, toggles: toggles)
        let etag = key.etag
        var headers: HTTPFields = [
            .eTag: etag,
            .cacheControl: "public, max-age=\(key.dataVersion != nil ? configuration.incidentMaxAge : configuration.basemapMaxAge)",
        ]
        if let unchanged = EntityTagMatch.notModified(request, etag: etag, headers: headers) { return unchanged }
        let answer: TileAnswer
        do {
            answer = try await tiles.tile(key, style: style, tile: coordinate, scale: scale, window: window, toggles: toggles)
        } catch let e as RenderPool.Overloaded {
            tiles.metrics.refused()
            throw APIError(.serviceUnavailable, "busy", "\(e.waiting) renders are waiting; try again shortly",
                           headers: [.retryAfter: "2"])
        }
        headers[.contentType] = "image/png"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.png)))
    }

    /// The style the path names.
    /// - Throws: `APIError` 404 listing the styles served.
    func served(_ name: String?) throws -> ServedStyle {
        let name = try RequestParameters.styleName(name)
        guard let style = catalog.style(name) else {
            throw APIError.notFound("no style named '\(name)'; served: \(catalog.all.map(\.name).joined(separator: ", "))")
        }
        return style
    }
}
