import ArgumentParser

/// `bordermap plates`: plate-reader (ANPR) sightings — import them, then find journeys, cloned
/// plates, border round trips and convoys (RouteAnalysis' plate analyses).
struct PlatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plates",
        abstract: "Plate-reader (ANPR) sightings: import, journeys, cloned plates, border round trips, convoys.",
        discussion: """
        Sightings live in the incident database (table sightings) given by --db or --postgres.
        Times are UTC; outputs are GeoJSON in WGS 84.

        Examples:
          bordermap plates import anpr-2024-03.csv --db incidents.sqlite
          bordermap plates journeys --plate 01A123BC --network Shapefiles/ca_roads.shp --out journeys.geojson
          bordermap plates clones --max-speed 200 --out clones.geojson
          bordermap plates round-trips --cameras cameras.csv --out trips.geojson
          bordermap plates convoys --plate 01A123BC --out convoys.geojson --graphml net.graphml --links links.csv
        """,
        subcommands: [PlatesImportCommand.self, PlatesJourneysCommand.self, PlatesClonesCommand.self,
                      PlatesRoundTripsCommand.self, PlatesConvoysCommand.self]
    )
}
