import ArgumentParser
import Foundation
import GeoCore
import RouteAnalysis
import TileServer

/// The road network of `bordermap route`, `reach` and `network-density`: `--network FILE` (a
/// line shapefile or GeoJSON, any declared CRS), `--snap-tolerance` (line ends closer than this
/// join, default 1m) and `--speeds FILE.json` (km/h by road class; default the Natural Earth
/// table). The built graph is cached beside the file (`RoadGraphCache`), so the second run reads it.
struct NetworkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Road lines: a shapefile or GeoJSON file (e.g. Shapefiles/ca_roads.shp).", valueName: "file"))
    var network: String

    @Option(name: .customLong("snap-tolerance"), help: ArgumentHelp("Line ends closer than this are joined.", valueName: "length"))
    var snapTolerance: String = "1m"

    @Option(help: ArgumentHelp("Speeds in km/h by road class: {\"default_kmh\": 50, \"classes\": {\"Major Highway\": 90}}.", valueName: "file.json"))
    var speeds: String?

    /// Graph building options from the flags.
    /// - Throws: `ValidationError` for a bad tolerance; the speed table's errors.
    func options() throws -> RoadNetworkOptions {
        var o = RoadNetworkOptions(snapToleranceMeters: try LengthArgument.meters(snapTolerance, option: "--snap-tolerance"))
        if let speeds { o.speeds = try RoadSpeedTable(json: try Data(contentsOf: URL(fileURLWithPath: speeds))).validated() }
        return o
    }

    /// Loads the network (from the cache when valid), prints its summary, and returns it.
    /// - Throws: file, projection and graph errors.
    func load(hierarchies: Set<RouteWeight> = []) throws -> RoadNetwork {
        guard FileManager.default.fileExists(atPath: network) else { throw ValidationError("--network: no file at \(network)") }
        let path = network
        let loaded = try RoadNetwork.load(source: URL(fileURLWithPath: path), options: try options(), hierarchies: hierarchies) {
            FeatureCollection(name: "roads", features: try AnalysisInputOptions.lonLatFeatures(path))
        }
        print(loaded.summaryLine)
        return loaded
    }
}
