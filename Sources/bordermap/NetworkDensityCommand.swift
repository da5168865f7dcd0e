import ArgumentParser
import Foundation
import GeoCore
import RouteAnalysis
import TileServer

/// `bordermap network-density`: kernel density of incidents along the roads (per km of road).
struct NetworkDensityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network-density",
        abstract: "Density of incidents along the road network, per km of road, on road pieces of --segment length.",
        discussion: """
        Each road is cut into pieces of --segment length (lixels); each incident is snapped to
        the nearest road (at most --snap-limit away, default 5km; others are counted and left
        out) and spreads a quartic kernel of --radius along the network (network distance).
        The value of a piece is the density at its middle, incidents per km of road. Output by
        extension: .geojson, .json, .shp, .gpkg; lines with density_per_km and incidents.

        Example:
          bordermap network-density --network Shapefiles/ca_roads.shp --db incidents.sqlite --segment 1km --radius 20km --out nd.geojson
        """
    )

    @OptionGroup var network: NetworkOptions

    @OptionGroup var input: AnalysisInputOptions

    @Option(help: ArgumentHelp("Road piece length.", valueName: "length"))
    var segment = "1km"

    @Option(help: ArgumentHelp("Kernel radius along the roads.", valueName: "length"))
    var radius = "20km"

    @Option(name: .customLong("snap-limit"), help: ArgumentHelp("Farthest an incident may be from a road.", valueName: "length"))
    var snapLimit = "5km"

    @Option(help: "Output file: .geojson, .json (Esri JSON), .shp or .gpkg.")
    var out: String

    func validate() throws {
        _ = try AnalysisLayerWriter.Format(named: nil, path: out)
        _ = try LengthArgument.meters(segment, option: "--segment")
        _ = try LengthArgument.meters(radius, option: "--radius")
        _ = try LengthArgument.meters(snapLimit, option: "--snap-limit")
    }

    func run() throws {
        do {
            let loaded = try network.load()
            let samples = try input.samples()
            let points = samples.samples.map { Coordinate($0.lon, $0.lat) }
            let result = try NetworkDensity.compute(graph: loaded.graph, incidents: points,
                                                    segmentLength: try LengthArgument.meters(segment, option: "--segment"),
                                                    radius: try LengthArgument.meters(radius, option: "--radius"),
                                                    snapLimit: try LengthArgument.meters(snapLimit, option: "--snap-limit"))
            let top = result.lixels.map(\.densityPerKm).max() ?? 0
            print("incidents: \(points.count), \(result.unsnappedIncidents.count) farther than \(snapLimit) from a road (left out)")
            print(String(format: "road pieces: %d of %@; highest density %.6g per km", result.lixels.count, segment, top))
            let features = result.features
            try AnalysisLayerWriter.write(features, fields: Self.fields, name: "network_density", to: out,
                                          format: try AnalysisLayerWriter.Format(named: nil, path: out))
            print("\(out): \(features.count) road pieces")
        } catch let e as RouteAnalysisError {
            Terminal.error("error: \(e)")
            throw ExitCode.failure
        } catch {
            throw CleanExit.message(for: error)
        }
    }

    /// The property order of the output.
    static let fields: [Field] = [
        Field(name: "edge", type: .integer), Field(name: "segment", type: .integer), Field(name: "length_m", type: .real),
        Field(name: "density_per_km", type: .real), Field(name: "incident_count_within_radius", type: .integer),
    ]
}
