import Foundation
import Hummingbird
import MapRenderer
import PNGCodec

/// `GET /static/{style}/{W},{S},{E},{N}/{w}x{h}[@2x].png` and
/// `GET /static/{style}/{lon},{lat},{zoom}/{w}x{h}[@2x].png`: a static map from the same
/// renderer as `bordermap render`, with optional `?title=`, `legend=1`, `scalebar=0`,
/// `from=`/`to=`. Sizes above `ServerConfiguration.maxStaticSide` CSS px a side or
/// `maxStaticDevicePixels` device pixels in all are refused (400); static maps render on their
/// own small pool (`staticRenderThreads`, `staticQueueLimit`), so they never hold up tiles, and
/// past its queue a request gets 503 with `Retry-After`.
struct StaticMapRoutes: Sendable {
    let tileRoutes: TileRoutes
    let configuration: ServerConfiguration
    let attribution: String?
    /// The static maps' own render pool.
    let pool: RenderPool

    init(tileRoutes: TileRoutes, configuration: ServerConfiguration, attribution: String?) {
        self.tileRoutes = tileRoutes
        self.configuration = configuration
        self.attribution = attribution
        pool = RenderPool(threads: configuration.staticRenderThreads, queueLimit: configuration.staticQueueLimit)
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/static/:style/:extent/:file") { request, context in
            try await map(request, context)
        }
    }

    func map(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let style = try tileRoutes.served(context.parameters.decoded("style"))
        let extent = context.parameters.decoded("extent") ?? ""
        let (sizeText, scale) = try Self.sizeAndScale(context.parameters.decoded("file"))
        let numbers = extent.split(separator: ",", omittingEmptySubsequences: false)
        let size = sizeText.lowercased().split(separator: "x").compactMap { Int($0) }
        if size.count == 2, size.contains(where: { $0 > configuration.maxStaticSide }) {
            throw APIError.badRequest("size \(sizeText) is larger than this server's limit of \(configuration.maxStaticSide) px per side")
        }
        if size.count == 2, Double(size[0]) * Double(size[1]) * scale * scale > Double(configuration.maxStaticDevicePixels) {
            throw APIError.badRequest(String(format: "size %@ at scale %g is %.0f device pixels, more than this server's limit of %d",
                                             sizeText, scale, Double(size[0]) * Double(size[1]) * scale * scale,
                                             configuration.maxStaticDevicePixels))
        }
        let query = request.uri.queryParameters
        let window = try TimeWindow(from: query["from"].map(String.init), to: query["to"].map(String.init), wholeDays: true)
        let parsed: StaticMapRequest
        do {
            switch numbers.count {
            case 4: parsed = try StaticMapRequest(size: sizeText, scale: scale, bbox: extent, center: nil, zoom: nil)
            case 3:
                guard let zoom = Double(numbers[2]) else { throw RenderError("zoom '\(numbers[2])' is not a number") }
                parsed = try StaticMapRequest(size: sizeText, scale: scale, bbox: nil, center: numbers[0...1].joined(separator: ","), zoom: zoom)
            default:
                throw RenderError("extent '\(extent)' must be W,S,E,N or LON,LAT,ZOOM")
            }
        } catch let e as RenderError {
            throw APIError.badRequest(e.message)
        } catch let e as Viewport.ViewportError {
            throw APIError.badRequest(e.description)
        }
        let options = StaticMapOptions(title: query["title"].map(String.init), legend: query["legend"] == "1",
                                       attribution: attribution, scaleBar: query["scalebar"] != "0")
        let renderer = style.renderer
        let viewport = parsed.viewport
        let tiles = tileRoutes.tiles
        let png: [UInt8]
        do {
            let version = tiles.dataVersion.current
            let toggles = try LayerToggles(parameter: query["layers"].map(String.init))
            png = try await pool.run {
                let supplied = try await tiles.analysis.features(for: renderer, bounds: renderer.dataQueryBounds(for: viewport),
                                                                 zoom: viewport.zoom, window: window, dataVersion: version,
                                                                 toggles: toggles)
                return try await RenderPool.offload {
                    try PNGEncoder(options: .init(format: .auto, compressionLevel: 6))
                        .encode(try renderer.renderStaticMap(viewport, options: options, supplied: supplied))
                }
            }
        } catch let e as RenderPool.Overloaded {
            tiles.metrics.refused()
            throw APIError(.serviceUnavailable, "busy", "\(e.waiting) renders are waiting; try again shortly", headers: [.retryAfter: "2"])
        }
        return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "public, max-age=\(configuration.incidentMaxAge)"],
                        body: .init(byteBuffer: ByteBuffer(bytes: png)))
    }

    /// `{w}x{h}.png` or `{w}x{h}@2x.png`.
    static func sizeAndScale(_ file: String?) throws -> (String, Double) {
        guard let file, file.hasSuffix(".png") else { throw APIError.badRequest("expected {w}x{h}.png or {w}x{h}@2x.png, got \(file ?? "")") }
        let stem = file.dropLast(4)
        if stem.hasSuffix("@2x") { return (String(stem.dropLast(3)), 2) }
        return (String(stem), 1)
    }
}
