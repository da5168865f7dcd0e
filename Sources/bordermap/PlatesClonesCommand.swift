import ArgumentParser
import Foundation
import GeoFormats
import IncidentStore
import RouteAnalysis

/// `bordermap plates clones [--max-speed 200] [--min-distance 1km] [--from --to] --out FILE.geojson`.
struct PlatesClonesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clones",
        abstract: "Find cloned-plate candidates: consecutive sightings too far apart for the time between them.",
        discussion: """
        For each plate, consecutive sightings more than --min-distance apart (geodesic) whose
        implied speed exceeds --max-speed km/h are written as LineStrings between the two
        cameras with plate, camera_1, camera_2, time_1, time_2, distance_km, minutes and
        speed_kmh (-1 for simultaneous reads).
        """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var filter: IncidentFilterOptions

    @Option(name: .customLong("max-speed"), help: "Highest believable speed, km/h (default 200).")
    var maxSpeed = 200.0

    @Option(name: .customLong("min-distance"), help: "Ignore pairs of cameras closer than this (default 1km).")
    var minDistance = "1km"

    @Option(help: "Output GeoJSON file.")
    var out: String

    func validate() throws {
        guard maxSpeed.isFinite, maxSpeed > 0 else { throw ValidationError("--max-speed must be positive") }
        _ = try LengthArgument.meters(minDistance, option: "--min-distance")
    }

    func run() throws {
        do {
            let (handle, sightings) = try PlatesSupport.open(store)
            defer { closeStore(handle) }
            let list = try PlatesSupport.load(sightings, try filter.sightingQuery())
            let found = try PlateClones.impossibleSpeeds(list, maxSpeedKmh: maxSpeed,
                                                         minDistanceMeters: try LengthArgument.meters(minDistance, option: "--min-distance"))
            try PlatesSupport.writeGeoJSON(found.map(\.feature), name: "clones", to: out)
            let plates = Set(found.map(\.plate)).sorted()
            print("\(list.count) sightings of \(Set(list.map(\.plate)).count) plates: \(found.count) impossible moves "
                  + "(over \(Int(maxSpeed)) km/h) on \(plates.count) plates")
            for f in found.prefix(20) {
                let speed = f.speedKmh.isFinite ? String(format: "%.0f km/h", f.speedKmh) : "simultaneous"
                print(String(format: "  %@: %@ → %@, %.1f km in %.1f min (%@)", f.plate, f.first.cameraID, f.second.cameraID,
                             f.distanceMeters / 1000, f.seconds / 60, speed))
            }
            if found.count > 20 { print("  ... \(found.count - 20) more in \(out)") }
            print("wrote \(out)")
        } catch {
            throw CleanExit.message(for: error)
        }
    }
}
