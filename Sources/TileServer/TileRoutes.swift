import Foundation
import GeoProjection
import Hummingbird
import HummingbirdCore
import TileCache

/// `GET /tiles/{style}/{z}/{x}/{y}.png` and `…/{y}@2x.png` (optionally `?from=&to=` to show
/// incidents of a time window, `?layers=heatmap,hotspots,incidents` for the viewer's toggles,
/// `?v=` the style fingerprint, which never selects a tile but lets its caching be long): PNG
/// tiles with a strong ETag from the tile key, `304` on a matching `If-None-Match`, and
/// `Cache-Control` as `cacheControl(key:style:urlVersion:configuration:)` says.
struct TileRoutes: Sendable {
    let catalog: StyleCatalog
    let tiles: TileService
    let configuration: ServerConfiguration

    /// The route's path; its description (`/tiles/{style}/{z}/{x}/{file}`) is the `route` label
    /// of the request metrics.
    static let path: RouterPath = "/tiles/:style/:z/:x/:file"

    /// What a tile request asks for, read from its path and query.
    struct TileRequest {
        let style: ServedStyle
        let coordinate: TileCoordinate
        let scale: Int
        let window: TimeWindow
        let toggles: LayerToggles
        /// The `v` query parameter, if any.
        let urlVersion: Substring?
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get(Self.path) { request, context in
            try await tile(request, context)
        }
    }

    func tile(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let p = context.parameters
        let tile = try read(style: p.decoded("style"), z: p.decoded("z"), x: p.decoded("x"), file: p.decoded("file"), uri: request.uri)
        let (key, etag, headers) = validators(tile)
        if let unchanged = EntityTagMatch.notModified(request, etag: etag, headers: headers) { return unchanged }
        let answer: TileAnswer
        do {
            answer = try await tiles.tile(key, style: tile.style, tile: tile.coordinate, scale: tile.scale, window: tile.window,
                                          toggles: tile.toggles)
        } catch let e as RenderPool.Overloaded {
            tiles.metrics.refused()
            throw APIError(.serviceUnavailable, "busy", "\(e.waiting) renders are waiting; try again shortly",
                           headers: [.retryAfter: "2"])
        }
        return Self.png(ByteBuffer(bytes: answer.png), headers: headers)
    }

    /// Reads a tile request from its path parameters (percent-decoded) and its URI's query.
    /// - Throws: `APIError` 404 for an unknown style or a zoom it is not served at, 400 for any
    ///   other bad value, naming it.
    func read(style name: String?, z zText: String?, x xText: String?, file: String?, uri: URI) throws -> TileRequest {
        let style = try served(name)
        let z = try RequestParameters.integer(zText, name: "z", in: 0...Int(Int32.max))
        // Zooms the style is not served at do not exist here (404), whatever the client asks.
        guard z >= style.minZoom, z <= style.maxZoom else {
            throw APIError(.notFound, "no such zoom", "style '\(style.name)' is served at zooms \(style.minZoom)–\(style.maxZoom), not \(z)")
        }
        let last = (1 << z) - 1
        let x = try RequestParameters.integer(xText, name: "x", in: 0...last)
        let (yText, scale) = try RequestParameters.tileFile(file)
        let y = try RequestParameters.integer(yText, name: "y", in: 0...last)
        // Most tile URLs have no query: skip parsing one.
        let window: TimeWindow, toggles: LayerToggles
        var urlVersion: Substring?
        if uri.query == nil {
            window = .all
            toggles = .styleDefault
        } else {
            let query = uri.queryParameters
            window = try TimeWindow(from: query["from"].map(String.init), to: query["to"].map(String.init), wholeDays: true)
            toggles = try LayerToggles(parameter: query["layers"].map(String.init))
            urlVersion = query["v"]
        }
        return TileRequest(style: style, coordinate: try TileCoordinate(z: z, x: x, y: y), scale: scale, window: window,
                           toggles: toggles, urlVersion: urlVersion)
    }

    /// The tile's key, its entity tag and the validators a 200 or 304 carries: `ETag` and
    /// `Cache-Control`.
    func validators(_ tile: TileRequest) -> (key: TileKey, etag: String, headers: HTTPFields) {
        let key = tiles.key(style: tile.style, tile: tile.coordinate, scale: tile.scale, window: tile.window, toggles: tile.toggles)
        let etag = key.etag
        let headers: HTTPFields = [.eTag: etag, .cacheControl: Self.cacheControl(key: key, style: tile.style, urlVersion: tile.urlVersion,
                                                                                      configuration: configuration)]
        return (key, etag, headers)
    }

    /// The 200 answer: `png` with `headers` (the validators) and `Content-Type: image/png`
    /// (`Response` adds `Content-Length`).
    static func png(_ png: ByteBuffer, headers: HTTPFields) -> Response {
        var headers = headers
        headers[.contentType] = "image/png"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: png))
    }

    /// A year, the longest `max-age` RFC 9111 §5.2.2.1 suggests senders use.
    static let immutableMaxAge = 31_536_000

    /// `Cache-Control` of a tile: a year and `immutable` (RFC 8246) when the URL's `v` names
    /// the style's current fingerprint and the tile draws no incidents (its key is then fixed
    /// by the URL: any change of style, data, fonts or renderer changes the URL that the
    /// TileJSON, WMTS and viewer hand out); otherwise `incidentMaxAge` for tiles that draw
    /// incidents and `basemapMaxAge` for the others, as without `v`.
    static func cacheControl(key: TileKey, style: ServedStyle, urlVersion: Substring?, configuration: ServerConfiguration) -> String {
        if key.dataVersion != nil { return "public, max-age=\(configuration.incidentMaxAge)" }
        if let urlVersion, style.isCurrent(urlVersion: urlVersion) { return "public, max-age=\(immutableMaxAge), immutable" }
        return "public, max-age=\(configuration.basemapMaxAge)"
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
