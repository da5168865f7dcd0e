import ArgumentParser
import Foundation
import GeoCore
import GeoFormats
import IncidentStore
import RouteAnalysis

/// `bordermap plates journeys [--plate P] [--from --to] [--max-gap 6h] [--network roads.shp] --out FILE.geojson`.
struct PlatesJourneysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journeys",
        abstract: "Reconstruct vehicle journeys from sightings (lines between cameras, or along roads with --network).",
        discussion: """
        A plate's sightings in time order are split into journeys wherever two are more than
        --max-gap apart. Each journey is a LineString (a Point for one camera) with plate,
        journey, start, end, sightings, cameras (ids joined by >) and length_km. With --network
        (road lines as a shapefile or GeoJSON in any declared CRS, e.g. Shapefiles/ca_roads.shp;
        loaded, transformed to WGS 84 and cached as for `bordermap route`) each leg follows the
        shortest road path; legs with a camera more than 10 km from every road stay straight.
        """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var filter: IncidentFilterOptions

    @Option(help: "Only this plate (repeatable; default every plate).")
    var plate: [String] = []

    @Option(name: .customLong("max-gap"), help: "Split a journey where sightings are further apart than this (default 6h).")
    var maxGap = "6h"

    @Option(help: "Road network (line shapefile or GeoJSON, any declared CRS) for legs along the roads.")
    var network: String?

    @Option(help: "Output GeoJSON file.")
    var out: String

    func validate() throws {
        guard try PlatesSupport.duration(maxGap, option: "--max-gap") > 0 else { throw ValidationError("--max-gap must be positive") }
    }

    func run() throws {
        do {
            let (handle, sightings) = try PlatesSupport.open(store)
            defer { closeStore(handle) }
            let list = try PlatesSupport.load(sightings, try filter.sightingQuery(plates: plate))
            var route: ((Coordinate, Coordinate) throws -> [Coordinate]?)?
            if let network {
                // The road network as `bordermap route` loads it (CRS read and transformed, cached).
                let loaded = try NetworkOptions.parse(["--network", network]).load()
                route = PlateJourneys.networkRoute(router: loaded.router)
            }
            let journeys = try PlateJourneys.reconstruct(list, maxGap: try PlatesSupport.duration(maxGap, option: "--max-gap"), route: route)
            try PlatesSupport.writeGeoJSON(journeys.map(\.feature), name: "journeys", to: out)
            let plates = Set(journeys.map(\.plate)).count
            let km = journeys.reduce(0) { $0 + $1.lengthMeters } / 1000
            print("\(list.count) sightings of \(plates) plates: \(journeys.count) journeys, "
                  + String(format: "%.1f km in all", km) + (network == nil ? "" : " (legs along \(network ?? ""))"))
            print("wrote \(out)")
        } catch {
            throw CleanExit.message(for: error)
        }
    }
}
