import Foundation
import GeoCore
import GeoFormats
import Hummingbird
import IncidentStore

/// `GET /geojson/{layer}?bbox=W,S,E,N&from=&to=`: RFC 7946 FeatureCollections, streamed in
/// chunks of about 1 MiB so that a million incidents never sit in memory. Layers: `incidents`
/// (from the store, in time order, paged through with a cursor) and every shapefile of the
/// data folder by file name without `.shp` (WGS 84, read feature by feature). `density` and
/// `hotspots` are answered by `AnalysisRoutes`; `routes` (a route query, as `GET /route`) by
/// `RouteRoutes`. At most `streams.limit` downloads run at once; past that 503 with
/// `Retry-After: 2`.
struct GeoJSONRoutes: Sendable {
    let store: any IncidentStoring
    let layers: ShapefileLayers
    /// Downloads streaming at once (`ServerConfiguration.maxGeoJSONStreams`).
    let streams: StreamLimit
    /// Answers `/geojson/routes`.
    var routes: RouteRoutes? = nil
    /// Incidents fetched per store query while streaming.
    static let pageSize = 5_000

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
        return Self.stream(name: "incidents", permit: permit) { out, chunks in
            var q = IncidentQuery(bbox: bbox, from: window.from, to: window.to, limit: Self.pageSize)
            var writer = try chunks.geoJSONWriter(name: "incidents", fields: IncidentFields.fields)
            while true {
                let page = Locked<[Incident]>([])
                try await store.forEach(matching: q) { i in page.withLock { $0.append(i) } }
                let incidents = page.current
                for i in incidents { try writer.write(AnalysisLayerData.feature(i)) }
                try await chunks.flush(to: &out)
                guard incidents.count == Self.pageSize, let last = incidents.last else { break }
                q.after = IncidentCursor(last)
            }
            try writer.end()
        }
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

/// The incident fields in DESIGN.md order, for the property order of GeoJSON output.
enum IncidentFields {
    static let fields: [Field] = [
        Field(name: "id", type: .string), Field(name: "occurred_at", type: .string), Field(name: "category", type: .string),
        Field(name: "substance", type: .string), Field(name: "quantity_kg", type: .real), Field(name: "agency", type: .string),
        Field(name: "border_post", type: .string), Field(name: "source", type: .string),
    ]
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
