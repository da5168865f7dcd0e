import Foundation
import GeoCore
import Hummingbird
import HotspotAnalysis
import IncidentStore

/// `GET /geojson/hotspots` and `GET /geojson/density`: the analyses of `bordermap hotspots` and
/// `bordermap density --out x.geojson` over the store's incidents, as RFC 7946 GeoJSON.
///
/// Parameters (all optional): `bbox=W,S,E,N` and `from=&to=` choose the incidents;
/// `category=` (repeatable as a comma list) narrows them; hotspots take `cell=10km` or
/// `hex=10km` and `distance=15km` (else the optimized band) and `fdr=0` to switch the correction
/// off; density takes `radius=25km|auto`, `cell=2km` and `classes=jenks:5`. Each request runs on
/// the render pool (503 + Retry-After when it is full), and a tessellation or grid larger than
/// `maxCells` is refused with 400, so no request makes the server work without bound.
struct AnalysisRoutes: Sendable {
    let store: any IncidentStoring
    let pool: RenderPool
    /// The most cells a request may ask for (a 1000 × 1000 grid).
    static let maxCells = 1_000_000
    /// The smallest cell a request may ask for, metres.
    static let minCell = 100.0

    func register(on router: Router<BasicRequestContext>) {
        router.get("/geojson/hotspots") { request, _ in try await hotspots(request) }
        router.get("/geojson/density") { request, _ in try await density(request) }
    }

    static func parameters(_ request: Request) -> [String: String] {
        Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Runs `work` (an analysis) on the render pool and maps analysis errors to 4xx answers.
    func analyse<T: Sendable>(_ query: [String: String], _ work: @escaping @Sendable (IncidentSampleSet) throws -> T) async throws -> T {
        do {
            return try await pool.run {
                let samples = try await samples(query)
                return try await RenderPool.offload { try work(samples) }
            }
        } catch let e as HotspotParameters.ParameterError {
            throw APIError.badRequest(e.description)
        } catch let e as ClassBreakMethod.ParseError {
            throw APIError.badRequest("classes: \(e.description)")
        } catch let e as HotSpotAnalysisError {
            throw APIError(.unprocessableContent, "cannot analyse", e.description)
        } catch let e as DensityError {
            throw APIError(.unprocessableContent, "cannot analyse", e.description)
        } catch let e as ProjectedSamples.ProjectedSamplesError {
            throw APIError(.unprocessableContent, "cannot analyse", e.description)
        } catch let e as RenderPool.Overloaded {
            throw APIError(.serviceUnavailable, "busy", "\(e.waiting) renders are waiting; try again shortly", headers: [.retryAfter: "2"])
        }
    }

    /// Hot spot polygons (isobands of the kernel density at class breaks).
    func density(_ request: Request) async throws -> Response {
        let query = Self.parameters(request)
        let cell = try Self.length(query, "cell")
        let radiusText = query["radius"] ?? "auto"
        let radius = radiusText == "auto" ? nil : try Self.length(query, "radius")
        let classes = query["classes"] ?? "jenks:5"
        let features = try await analyse(query) { samples in
            let projected = try ProjectedSamples(samples.samples)
            var options = KernelDensity.Options(weighted: false, cellSize: cell, crs: projected.crs.definition)
            if let radius { options.bandwidth = .fixed(radius) }
            guard let extent = BoundingBox(covering: projected.points.map { Coordinate($0.x, $0.y) }) else { return [Feature]() }
            let size = try cell ?? DensityGridLayout.defaultCellSize(for: extent)
            try HotspotParameters(maxCells: Self.maxCells).checkCells(extent, cellSize: size)
            let result = try KernelDensity.estimate(points: projected.points, options: options)
            return try DensityPolygons.features(result.surface, classes: classes, points: projected.points, crs: projected.crs)
        }
        return GeoJSONRoutes.stream(name: "density") { _, chunks in
            var writer = try chunks.geoJSONWriter(name: "density", fields: DensityPolygons.fields)
            for f in features { try writer.write(f) }
            try writer.end()
        }
    }

    /// The incidents a request selects.
    func samples(_ query: [String: String]) async throws -> IncidentSampleSet {
        let bbox = try query["bbox"].map { try RequestParameters.bbox($0) }
        let window = try TimeWindow(from: query["from"], to: query["to"], wholeDays: true)
        let categories = query["category"].map { $0.split(separator: ",").map { String($0) } } ?? []
        return try await IncidentSampleSet.fetch(from: store, query: IncidentQuery(bbox: bbox, from: window.from, to: window.to,
                                                                                   categories: categories))
    }

    static func length(_ query: [String: String], _ name: String) throws -> Double? {
        guard let text = query[name] else { return nil }
        let meters = Length(parsing: text)?.meters ?? Double(text) ?? -1
        guard meters.isFinite, meters >= minCell else {
            throw APIError.badRequest("\(name)=\(text) must be a length of at least \(Int(minCell)) m, such as 10km")
        }
        return meters
    }

    func hotspots(_ request: Request) async throws -> Response {
        let query = Self.parameters(request)
        let cell = try Self.length(query, "cell"), hex = try Self.length(query, "hex")
        if cell != nil && hex != nil { throw APIError.badRequest("give cell (fishnet) or hex (hexagons), not both") }
        let distance = try Self.length(query, "distance")
        let parameters = HotspotParameters(cellSize: cell ?? hex, hexagons: hex != nil, weighting: distance.map { .fixedDistance($0) },
                                           fdr: query["fdr"] != "0", maxCells: Self.maxCells)
        let run = try await analyse(query) { samples in try HotspotRun.run(samples.samples, parameters: parameters) }
        return GeoJSONRoutes.stream(name: "hotspots") { _, chunks in
            var writer = try chunks.geoJSONWriter(name: "hotspots", fields: HotspotRun.fields)
            for f in run.features { try writer.write(f) }
            try writer.end()
        }
    }
}
