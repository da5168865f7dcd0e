import ArgumentParser
import Foundation
import GeoCore
import IncidentStore
import RouteAnalysis
import TileServer

extension RouteCommand {
    /// The corridor report of one route: prints the incidents, crossings and provinces, adds the
    /// totals to `routeFeature`, and returns the segment and crossing features.
    /// - Throws: incident input, shapefile, PROJ and GEOS errors.
    func corridorFeatures(_ route: Route, graph: RoadGraph, width: Double, rank: Int,
                          routeFeature: inout Feature) throws -> [Feature] {
        let points = try corridorIncidents()
        let dataDir = data.url
        let boundaries = try optionalLayer(dataDir.appendingPathComponent("ca_admin0_boundary_lines_land.shp"))
        let provinces = try optionalLayer(dataDir.appendingPathComponent("ca_admin1_provinces.shp"))
        let result = try CorridorAnalysis.analyse(route: LineString(route.geometry), incidents: points, bufferMeters: width,
                                                  segmentation: .perEdge(of: route, in: graph), boundaries: boundaries,
                                                  provinces: provinces)
        let names = result.provinces.map(\.name)
        routeFeature.properties["corridor_km"] = .double(width / 1000)
        routeFeature.properties["incidents"] = .integer(Int64(result.incidents.count))
        routeFeature.properties["per_km"] = .double(result.incidentsPerKm)
        routeFeature.properties["crossings"] = .integer(Int64(result.crossings.count))
        routeFeature.properties["provinces"] = .string(names.joined(separator: "; "))
        print(String(format: "  corridor %.1f km: %d of %d incidents, %.3f per km; %d segments", width / 1000,
                     result.incidents.count, points.count, result.incidentsPerKm, result.segments.count))
        for c in result.crossings {
            print(String(format: "  border crossing at km %.1f (%.4f, %.4f)", c.distanceAlongMeters / 1000, c.coordinate.x, c.coordinate.y))
        }
        for p in result.provinces {
            print(String(format: "  province %@: km %.1f to %.1f", p.name, p.entryMeters / 1000, p.exitMeters / 1000))
        }
        var out: [Feature] = result.segments.map { s in
            var f = s.feature
            f.id = nil
            f.properties["kind"] = .string("segment")
            f.properties["rank"] = .integer(Int64(rank))
            return f
        }
        out += result.crossings.map { c in
            Feature(geometry: .point(Point(c.coordinate)), properties: [
                "kind": .string("crossing"), "rank": .integer(Int64(rank)), "from_km": .double(c.distanceAlongMeters / 1000),
            ])
        }
        return out
    }

    /// The incident positions: `--in FILE`, else every incident of the store.
    func corridorIncidents() throws -> [Coordinate] {
        if let incidents {
            return try AnalysisInputOptions.parse(["--in", incidents]).samples().samples.map { Coordinate($0.lon, $0.lat) }
        }
        guard store.postgresURL != nil || FileManager.default.fileExists(atPath: store.path) else {
            throw ValidationError("--corridor needs incidents: give --in FILE, --db or --postgres (no database at \(store.path))")
        }
        let opened = try store.open()
        defer { closeStore(opened) }
        let set = try runBlocking { try await IncidentSampleSet.fetch(from: opened, query: IncidentQuery()) }
        return set.samples.map { Coordinate($0.lon, $0.lat) }
    }

    /// A layer's features when the file exists (a missing one is reported and skipped).
    func optionalLayer(_ url: URL) throws -> [Feature] {
        guard FileManager.default.fileExists(atPath: url.path) else {
            Terminal.error("note: \(url.path) not found; the corridor report leaves it out")
            return []
        }
        return try AnalysisInputOptions.lonLatFeatures(url.path)
    }
}
