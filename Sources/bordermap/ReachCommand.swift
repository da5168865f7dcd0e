import ArgumentParser
import Foundation
import GeoCore
import RouteAnalysis
import TileServer

/// `bordermap reach`: drive-time or network-distance areas around a point (service areas).
struct ReachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reach",
        abstract: "Areas reachable on the road network from a point within time or distance breaks.",
        discussion: """
        --breaks takes times (1h,2h,4h; also 90min, 600s: fastest paths, speeds by road class)
        or lengths (50km,100km: shortest paths). Each area is the roads reachable within its
        break, cut where the budget runs out, buffered by --buffer (default 250m) and merged.
        --style disks (default): each area holds everything within its break; rings: only what
        lies beyond the previous break. Output by extension: .geojson, .json, .shp, .gpkg, one
        polygon per break with break, unit, break_min or break_km.

        Example:
          bordermap reach --network Shapefiles/ca_roads.shp --from 69.2797,41.3111 --breaks 1h,2h,4h --out areas.geojson
        """
    )

    @OptionGroup var network: NetworkOptions

    @Option(help: ArgumentHelp("The start point.", valueName: "lon,lat"))
    var from: String

    @Option(help: ArgumentHelp("Times (1h,2h) or lengths (50km,100km).", valueName: "breaks"))
    var breaks: String

    @Option(help: "disks (nested areas) or rings (between breaks).")
    var style = "disks"

    @Option(help: ArgumentHelp("Buffer around reached roads.", valueName: "length"))
    var buffer = "250m"

    @Option(name: .customLong("max-snap"), help: ArgumentHelp("Farthest the point may be from a road.", valueName: "length"))
    var maxSnap = "10km"

    @Option(help: "Output file: .geojson, .json (Esri JSON), .shp or .gpkg.")
    var out: String

    func validate() throws {
        _ = try AnalysisLayerWriter.Format(named: nil, path: out)
        guard ReachRequest.Style(rawValue: style) != nil else { throw ValidationError("--style must be disks or rings, got '\(style)'") }
        _ = try LengthArgument.meters(buffer, option: "--buffer")
        _ = try LengthArgument.meters(maxSnap, option: "--max-snap")
        do {
            _ = try RouteParameters.point(from, name: "--from")
            _ = try RouteParameters.breaks(breaks)
        } catch let e as RouteParameters.ParameterError {
            throw ValidationError(e.description)
        }
    }

    func run() throws {
        do {
            let loaded = try network.load()
            let parsed = try RouteParameters.breaks(breaks)
            let request = ReachRequest(origin: try RouteParameters.point(from, name: "--from"), breaks: parsed.values, weight: parsed.weight,
                                       bufferMeters: try LengthArgument.meters(buffer, option: "--buffer"),
                                       style: ReachRequest.Style(rawValue: style) ?? .disks,
                                       maxSnapMeters: try LengthArgument.meters(maxSnap, option: "--max-snap"))
            let areas = try loaded.router.reach(request)
            for a in areas {
                let label = a.unit == "s" ? String(format: "%.0f min", a.breakValue / 60) : String(format: "%.1f km", a.breakValue / 1000)
                print("\(label): \(a.reachedNodes.count) nodes reached")
            }
            let fields = [Field(name: "break", type: .real), Field(name: "unit", type: .string),
                          Field(name: parsed.weight == .time ? "break_min" : "break_km", type: .real)]
            try AnalysisLayerWriter.write(areas.map(\.feature), fields: fields, name: "reach", to: out,
                                          format: try AnalysisLayerWriter.Format(named: nil, path: out))
            print("\(out): \(areas.count) areas (\(style))")
        } catch let e as RouteAnalysisError {
            Terminal.error("error: \(e)")
            throw ExitCode.failure
        } catch {
            throw CleanExit.message(for: error)
        }
    }
}
