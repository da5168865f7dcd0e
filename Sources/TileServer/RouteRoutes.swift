import Foundation
import GeoCore
import GeoFormats
import Hummingbird
import RouteAnalysis

/// `GET /route`, `GET /geojson/routes` and `GET /reach` over the server's road network
/// (`RoadNetworkService`).
///
/// - `/route?from=LON,LAT&to=LON,LAT[&via=LON,LAT;LON,LAT][&profile=fastest|shortest]
///   [&alternatives=N][&avoid=W,S,E,N]`: a GeoJSON Feature (LineString with `length_km`,
///   `duration_min`, `length_m`, `duration_s`, `profile`, `legs`, `snap_distances_m`), or a
///   FeatureCollection of the route and its alternatives when `alternatives` > 0.
/// - `/geojson/routes?...`: the same query, always a FeatureCollection.
/// - `/reach?from=LON,LAT&breaks=1h,2h[&style=disks|rings]`: a FeatureCollection of reach
///   polygons (time breaks: fastest; length breaks: shortest).
///
/// Bounds (400 beyond): at most 10 via points, alternatives 0...3, at most 5 breaks of at most
/// 12 h or 1000 km. 422 when a point is more than 10 km from a road or points lie in different
/// parts of the network; 503 when no network is loaded or the render pool is full. Every request
/// runs on the render pool.
struct RouteRoutes: Sendable {
    let network: RoadNetworkService
    let pool: RenderPool

    static let maxVia = 10
    static let maxAlternatives = 3
    static let maxBreaks = 5
    static let maxBreakSeconds = 12 * 3600.0
    static let maxBreakMeters = 1_000_000.0

    func register(on router: Hummingbird.Router<BasicRequestContext>) {
        router.get("/route") { request, _ in try await route(request, collection: false) }
        router.get("/reach") { request, _ in try await reach(request) }
    }

    /// The request a query asks for.
    /// - Throws: `APIError` 400 for missing or malformed parameters.
    static func routeRequest(_ q: [String: String]) throws -> RouteRequest {
        do {
            guard let from = q["from"], let to = q["to"] else { throw RouteParameters.ParameterError("give from=LON,LAT and to=LON,LAT") }
            let via = try (q["via"] ?? "").split(separator: ";").filter { !$0.isEmpty }.map {
                try RouteParameters.point(String($0), name: "via")
            }
            guard via.count <= maxVia else { throw RouteParameters.ParameterError("at most \(maxVia) via points, got \(via.count)") }
            let weight: RouteWeight
            switch q["profile"] ?? "fastest" {
            case "fastest": weight = .time
            case "shortest": weight = .length
            case let other: throw RouteParameters.ParameterError("profile must be fastest or shortest, got '\(other)'")
            }
            let alternatives = try q["alternatives"].map { text -> Int in
                guard let n = Int(text), (0...maxAlternatives).contains(n) else {
                    throw RouteParameters.ParameterError("alternatives must be 0 to \(maxAlternatives), got '\(text)'")
                }
                return n
            } ?? 0
            let avoid = try q["avoid"].map { try RequestParameters.bbox($0, parameter: "avoid") }
            let points = [try RouteParameters.point(from, name: "from")] + via + [try RouteParameters.point(to, name: "to")]
            return RouteRequest(points: points, weight: weight, alternatives: alternatives,
                                avoidAreas: avoid.map { [Self.polygon($0)] } ?? [])
        } catch let e as RouteParameters.ParameterError {
            throw APIError.badRequest(e.description)
        }
    }

    /// The box as a closed polygon ring.
    static func polygon(_ b: BoundingBox) -> Geometry {
        .polygon(Polygon(exterior: LinearRing([Coordinate(b.minX, b.minY), Coordinate(b.maxX, b.minY), Coordinate(b.maxX, b.maxY),
                                               Coordinate(b.minX, b.maxY), Coordinate(b.minX, b.minY)])))
    }

    /// Runs `work` with the network on the render pool; maps routing errors to 4xx/503.
    func compute<T: Sendable>(_ work: @escaping @Sendable (RoadNetwork) throws -> T) async throws -> T {
        let network = try await network.network()
        do {
            return try await pool.run { try await RenderPool.offload { try work(network) } }
        } catch let e as RouteAnalysisError {
            switch e {
            case .invalidParameter(let why): throw APIError.badRequest(why)
            case .emptyNetwork: throw APIError(.serviceUnavailable, "no road network", e.description)
            case .pointTooFarFromNetwork, .disconnected: throw APIError(.unprocessableContent, "cannot route", e.description)
            }
        } catch let e as RenderPool.Overloaded {
            throw APIError(.serviceUnavailable, "busy", "\(e.waiting) renders are waiting; try again shortly", headers: [.retryAfter: "2"])
        }
    }

    /// `/route` (a Feature, or a FeatureCollection with alternatives) and `/geojson/routes`
    /// (`collection`: always a FeatureCollection).
    func route(_ request: Request, collection: Bool) async throws -> Response {
        let routeRequest = try Self.routeRequest(AnalysisRoutes.parameters(request))
        let routes = try await compute { network in try network.router.route(routeRequest) }
        let features = routes.enumerated().map { i, r in
            var f = r.feature
            f.properties["rank"] = .integer(Int64(i))
            return f
        }
        if collection || routeRequest.alternatives > 0 {
            return GeoJSONRoutes.stream(name: "routes") { _, chunks in
                var writer = try chunks.geoJSONWriter(name: "routes", fields: Self.fields)
                for f in features { try writer.write(f) }
                try writer.end()
            }
        }
        let data = try GeoJSONWriter.data(for: FeatureCollection(name: "route", fields: Self.fields, features: Array(features.prefix(1))))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let first = (object["features"] as? [Any])?.first else {
            throw APIError(.internalServerError, "internal error", "the route could not be written as GeoJSON")
        }
        let body = try JSONSerialization.data(withJSONObject: first, options: [.sortedKeys])
        return Response(status: .ok, headers: [.contentType: "application/geo+json; charset=utf-8", .cacheControl: "no-cache"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The property order of route features.
    static let fields: [Field] = [
        Field(name: "rank", type: .integer), Field(name: "profile", type: .string), Field(name: "length_km", type: .real),
        Field(name: "duration_min", type: .real), Field(name: "length_m", type: .real), Field(name: "duration_s", type: .real),
        Field(name: "legs", type: .integer), Field(name: "snap_distances_m", type: .string),
    ]

    /// `/reach`: reach polygons, one per break.
    func reach(_ request: Request) async throws -> Response {
        let q = AnalysisRoutes.parameters(request)
        let reachRequest: ReachRequest
        do {
            guard let from = q["from"], let breaksText = q["breaks"] else {
                throw RouteParameters.ParameterError("give from=LON,LAT and breaks=1h,2h (or 50km,100km)")
            }
            let breaks = try RouteParameters.breaks(breaksText, maxCount: Self.maxBreaks, maxSeconds: Self.maxBreakSeconds,
                                                    maxMeters: Self.maxBreakMeters)
            guard let style = ReachRequest.Style(rawValue: q["style"] ?? "disks") else {
                throw RouteParameters.ParameterError("style must be disks or rings")
            }
            reachRequest = ReachRequest(origin: try RouteParameters.point(from, name: "from"), breaks: breaks.values,
                                        weight: breaks.weight, style: style)
        } catch let e as RouteParameters.ParameterError {
            throw APIError.badRequest(e.description)
        }
        let areas = try await compute { network in try network.router.reach(reachRequest) }
        return GeoJSONRoutes.stream(name: "reach") { _, chunks in
            var writer = try chunks.geoJSONWriter(name: "reach", fields: [
                Field(name: "break", type: .real), Field(name: "unit", type: .string),
                Field(name: reachRequest.weight == .time ? "break_min" : "break_km", type: .real),
            ])
            for a in areas { try writer.write(a.feature) }
            try writer.end()
        }
    }
}
