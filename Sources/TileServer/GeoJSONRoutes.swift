import Foundation
import GeoCore
import GeoFormats
import Hummingbird
import IncidentStore

/// `GET /geojson/{layer}?bbox=W,S,E,N&from=&to=`: RFC 7946 FeatureCollections, streamed in
/// chunks so that a million incidents never sit in memory. Layers: `incidents` (from the store,
/// in time order, paged through with a cursor: `IncidentGeoJSONStream`) and every shapefile of the
/// data folder by file name without `.shp` (WGS 84, read feature by feature). `density` and
/// `hotspots` are answered by `AnalysisRoutes`; `routes` (a route query, as `GET /route`) by
/// `RouteRoutes`. At most `streams.limit` downloads run at once; past that 503 with
/// `Retry-After: 2`.
struct GeoJSONRoutes: Sendable {
    let store: any IncidentStoring
    let layers: ShapefileLayers
    /// Downloads streaming at once (`ServerConfiguration.maxGeoJSONStreams`).
    let streams: StreamLimit
    /// Counts what `/geojson/incidents` downloads read.
    let metrics: ServerMetrics
    /// Answers `/geojson/routes`.
    var routes: RouteRoutes? = nil

    func register(on router: Router<BasicRequestContext>) {
        router.get("/geojson/:layer") { request, context in try await layer(request, context) }
    }

    func layer(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let name = context.parameters.decoded("layer") ?? ""
        if name == "routes" {  // from/to are route points here, not dates
            guard let routes else { throw APIError(.serviceUnavailable, "no road network", "routing is not set up on this server") }
            return try await routes.route(request, collection: true)
        }
        let query = request.uri.queryParameters
        let bbox = try query["bbox"].map { try RequestParameters.bbox(String($0)) }
        let window = try TimeWindow(from: query["from"].map(String.init), to: query["to"].map(String.init))
        let layer = try name == "incidents" ? nil : layers.open(named: name)
        if layer != nil, !window.isAll { throw APIError.badRequest("from/to filter incidents only; \(name) has no time") }
        guard let permit = streams.admit() else {
            throw APIError(.serviceUnavailable, "busy", "\(streams.limit) GeoJSON downloads are running; try again shortly",
                           headers: [.retryAfter: "2"])
        }
        if let layer {
            return Self.stream(name: name, permit: permit) { out, chunks in
                var writer = try chunks.geoJSONWriter(name: name, fields: layer.fields)
                while let f = try layer.next() {
                    if let bbox, let b = f.geometry?.boundingBox, !b.intersects(bbox) { continue }
                    try writer.write(f)
                    try await chunks.flush(to: &out)
                }
                try writer.end()
            }
        }
        let incidents = IncidentGeoJSONStream(store: store, metrics: metrics)
        let selection = IncidentQuery(bbox: bbox, from: window.from, to: window.to)
        return Self.stream(name: "incidents", permit: permit) { out, _ in try await incidents.write(selection, to: &out) }
    }

    /// A 200 response whose body `produce` writes: GeoJSON text goes to the `GeoJSONChunks`,
    /// which `produce` may flush to the body writer along the way; the rest is sent at the end.
    /// `permit` (a `/geojson` download slot) is held until the body is written or dropped.
    static func stream(name: String, permit: StreamLimit.Permit? = nil,
                       _ produce: @escaping @Sendable (inout any ResponseBodyWriter, GeoJSONChunks) async throws -> Void) -> Response {
        Response(status: .ok, headers: [.contentType: "application/geo+json; charset=utf-8", .cacheControl: "no-cache",
                                        .contentDisposition: "inline; filename=\"\(name).geojson\""],
                 body: ResponseBody { writer in
                     let chunks = GeoJSONChunks()
                     try await produce(&writer, chunks)
                     try await chunks.flush(to: &writer)
                     try await writer.finish(nil)
                     withExtendedLifetime(permit) {}
                 })
    }
}

/// Bridges GeoFormats' synchronous `GeoJSONWriter` (which hands out ~1 MiB chunks) to the
/// asynchronous HTTP body writer: chunks are parked here until `flush(to:)` sends them.
final class GeoJSONChunks: @unchecked Sendable {
    // @unchecked: used by the one task writing one response body.
    private var pending: [Data] = []

    func geoJSONWriter(name: String, fields: [Field]) throws -> GeoJSONWriter {
        var w = GeoJSONWriter(options: .init(decimals: 7)) { [unowned self] in pending.append($0) }
        try w.begin(name: name, fields: fields)
        return w
    }

    func flush(to writer: inout any ResponseBodyWriter) async throws {
        let chunks = pending
        pending.removeAll()
        for c in chunks { try await writer.write(ByteBuffer(bytes: c)) }
    }
}
