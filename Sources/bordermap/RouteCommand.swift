import ArgumentParser
import Foundation
import GeoCore
import RouteAnalysis
import TileServer

/// `bordermap route`: the shortest or fastest route on a road network between points, with
/// alternatives, avoided areas and an optional corridor report.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Route on a road network between points (shortest or fastest), with an optional corridor report.",
        discussion: """
        Points are snapped to the nearest road (at most --max-snap away, default 10km); the route
        minimises length (default) or travel time (--fastest, speeds by road class). --via adds
        points visited in order. --alternatives N looks for up to N more routes (penalty method:
        edges of routes found cost 1.4× more; a route sharing over 80 % of its length with one
        already kept is dropped; with --via each leg gets its own alternatives and a route changes
        one leg at a time). --avoid closes every road crossing the polygons of a file.

        --corridor 5km counts incidents (--in FILE or the store --db) within that distance of the
        route, per road segment of the route and per km, and reports the borders crossed
        (ca_admin0_boundary_lines_land.shp) and the provinces passed (ca_admin1_provinces.shp)
        from --data.

        Output (--out, by extension: .geojson, .json Esri JSON, .shp, .gpkg): the route(s) with
        length_km, duration_min, profile, snap distances and the query; with --corridor also the
        segments (incidents, per_km) and the border crossings as features (kind property).

        Examples:
          bordermap route --network Shapefiles/ca_roads.shp --from 69.2797,41.3111 --to 66.9597,39.6542 --out r.geojson
          bordermap route --network Shapefiles/ca_roads.shp --from 67.2783,37.2242 --to 76.9286,43.2567 \\
              --fastest --alternatives 2 --corridor 5km --db incidents.sqlite --out r.geojson
        """
    )

    @OptionGroup var network: NetworkOptions

    @Option(help: ArgumentHelp("Start point.", valueName: "lon,lat"))
    var from: String

    @Option(help: ArgumentHelp("End point.", valueName: "lon,lat"))
    var to: String

    @Option(help: ArgumentHelp("A point to pass through, in order (repeatable).", valueName: "lon,lat"))
    var via: [String] = []

    @Flag(help: "Minimise travel time instead of length.")
    var fastest = false

    @Option(help: "How many alternative routes to look for (0 to 3).")
    var alternatives = 0

    @Option(help: ArgumentHelp("Polygons (GeoJSON or shapefile) whose roads are closed.", valueName: "file"))
    var avoid: String?

    @Option(name: .customLong("max-snap"), help: ArgumentHelp("Farthest a point may be from a road.", valueName: "length"))
    var maxSnap = "10km"

    @Option(help: ArgumentHelp("Corridor half-width for the incident and border report (e.g. 5km).", valueName: "length"))
    var corridor: String?

    @Option(name: .customLong("in"), help: ArgumentHelp("Corridor incidents from a file (.csv table, .geojson, .shp) instead of the store.", valueName: "file"))
    var incidents: String?

    @OptionGroup var store: StoreOptions

    @OptionGroup var data: DataFolderOption

    @Option(help: "Output file: .geojson, .json (Esri JSON), .shp or .gpkg.")
    var out: String

    func validate() throws {
        _ = try AnalysisLayerWriter.Format(named: nil, path: out)
        guard (0...3).contains(alternatives) else { throw ValidationError("--alternatives must be 0 to 3, got \(alternatives)") }
        _ = try LengthArgument.meters(maxSnap, option: "--max-snap")
        if let corridor { _ = try LengthArgument.meters(corridor, option: "--corridor") }
        do {
            _ = try RouteParameters.point(from, name: "--from")
            _ = try RouteParameters.point(to, name: "--to")
            for v in via { _ = try RouteParameters.point(v, name: "--via") }
        } catch let e as RouteParameters.ParameterError {
            throw ValidationError(e.description)
        }
    }

    func run() throws {
        do {
            let loaded = try network.load()
            let router = loaded.router
            let points = try [RouteParameters.point(from, name: "--from")] + via.map { try RouteParameters.point($0, name: "--via") }
                + [RouteParameters.point(to, name: "--to")]
            let areas = try avoid.map { try AnalysisInputOptions.lonLatFeatures($0).compactMap(\.geometry) } ?? []
            let request = RouteRequest(points: points, weight: fastest ? .time : .length, alternatives: alternatives,
                                       avoidAreas: areas, maxSnapMeters: try LengthArgument.meters(maxSnap, option: "--max-snap"))
            let routes = try router.route(request)
            var features: [Feature] = [], extra: [Feature] = []
            for (i, route) in routes.enumerated() {
                var f = route.feature
                f.properties["kind"] = .string("route")
                f.properties["rank"] = .integer(Int64(i))
                f.properties["from"] = .string(from)
                f.properties["to"] = .string(to)
                f.properties["via"] = .string(via.joined(separator: ";"))
                f.properties["avoid"] = .string(avoid.map { ($0 as NSString).lastPathComponent } ?? "")
                print(String(format: "route %d (%@): %.3f km, %.1f min; snapped %@ m", i, fastest ? "fastest" : "shortest",
                             route.lengthMeters / 1000, route.durationSeconds / 60,
                             route.snaps.map { String(format: "%.0f", $0.distanceMeters) }.joined(separator: ", ")))
                if let corridor {
                    extra += try corridorFeatures(route, graph: router.graph, width: try LengthArgument.meters(corridor, option: "--corridor"),
                                                     rank: i, routeFeature: &f)
                }
                features.append(f)
            }
            features += extra
            try AnalysisLayerWriter.write(features, fields: Self.fields, name: "routes", to: out,
                                          format: try AnalysisLayerWriter.Format(named: nil, path: out))
            print("\(out): \(routes.count) route\(routes.count == 1 ? "" : "s")\(features.count > routes.count ? " and \(features.count - routes.count) corridor features" : "")")
        } catch let e as RouteAnalysisError {
            Terminal.error("error: \(e)")
            throw ExitCode.failure
        } catch {
            throw CleanExit.message(for: error)
        }
    }

    /// The property order of the output.
    static let fields: [Field] = [
        Field(name: "kind", type: .string), Field(name: "rank", type: .integer), Field(name: "profile", type: .string),
        Field(name: "length_km", type: .real), Field(name: "duration_min", type: .real), Field(name: "length_m", type: .real),
        Field(name: "duration_s", type: .real), Field(name: "legs", type: .integer), Field(name: "snap_distances_m", type: .string),
        Field(name: "from", type: .string), Field(name: "to", type: .string), Field(name: "via", type: .string),
        Field(name: "avoid", type: .string), Field(name: "corridor_km", type: .real), Field(name: "incidents", type: .integer),
        Field(name: "per_km", type: .real), Field(name: "crossings", type: .integer), Field(name: "provinces", type: .string),
        Field(name: "segment", type: .integer), Field(name: "from_km", type: .real), Field(name: "to_km", type: .real),
    ]
}
