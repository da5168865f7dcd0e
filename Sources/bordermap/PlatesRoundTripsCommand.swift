import ArgumentParser
import Foundation
import GeoFormats
import IncidentStore
import RouteAnalysis

/// `bordermap plates round-trips --cameras cameras.csv [--max-duration 24h] [--from --to] --out FILE.geojson`.
struct PlatesRoundTripsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round-trips",
        abstract: "Find vehicles that crossed a border and came back within a time limit.",
        discussion: """
        The camera table (CSV) has the columns camera_id, country and is_border (1/true/yes/да
        for border cameras; other values are false). Sightings at border cameras, per plate in
        time order, form runs by country; runs X, Y, X with the return within --max-duration
        are a round trip, written as a LineString through the out, abroad and back cameras with
        plate, home, visited, out_camera, back_camera, out_time, back_time and hours.
        """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var filter: IncidentFilterOptions

    @Option(help: "Camera table CSV: camera_id,country,is_border.")
    var cameras: String

    @Option(name: .customLong("max-duration"), help: "Longest trip counted, out to back (default 24h).")
    var maxDuration = "24h"

    @Option(help: "Output GeoJSON file.")
    var out: String

    func validate() throws {
        guard try PlatesSupport.duration(maxDuration, option: "--max-duration") > 0 else {
            throw ValidationError("--max-duration must be positive")
        }
    }

    func run() throws {
        do {
            let table = try Self.readCameras(cameras)
            let (handle, sightings) = try PlatesSupport.open(store)
            defer { closeStore(handle) }
            let list = try PlatesSupport.load(sightings, try filter.sightingQuery())
            let trips = try BorderRoundTrips.find(list, cameras: table,
                                                  maxDuration: try PlatesSupport.duration(maxDuration, option: "--max-duration"))
            try PlatesSupport.writeGeoJSON(trips.map(\.feature), name: "round_trips", to: out)
            print("\(list.count) sightings, \(table.filter(\.isBorder).count) border cameras of \(table.count): "
                  + "\(trips.count) round trips by \(Set(trips.map(\.plate)).count) plates")
            for t in trips.prefix(20) {
                print(String(format: "  %@: %@ → %@ → %@, %.1f h", t.plate, t.homeCountry, t.visitedCountry, t.homeCountry,
                             t.durationSeconds / 3600))
            }
            if trips.count > 20 { print("  ... \(trips.count - 20) more in \(out)") }
            print("wrote \(out)")
        } catch {
            throw CleanExit.message(for: error)
        }
    }

    /// Reads the camera table: header with camera_id (or camera, id, камера), country (страна)
    /// and is_border (border, граница); rows without an id or country are errors.
    /// - Throws: `FormatError` naming the file, row and problem.
    static func readCameras(_ path: String) throws -> [PlateCamera] {
        guard FileManager.default.fileExists(atPath: path) else { throw FormatError(file: path, "file not found") }
        let csv = try CSVReader(path: path)
        guard let header = try csv.next() else { throw FormatError(file: path, "the file is empty (no header row)") }
        let names = header.fields.map(IncidentField.normalise)
        func column(_ candidates: [String]) -> Int? { names.firstIndex { candidates.contains($0) } }
        guard let id = column(["camera_id", "camera", "id", "камера", "id_камеры"]),
              let country = column(["country", "страна", "country_code"]),
              let border = column(["is_border", "border", "граница", "погранична"]) else {
            throw FormatError(file: path, location: "row 1", "the camera table needs the columns camera_id, country and is_border")
        }
        var out: [PlateCamera] = []
        while let r = try csv.next() {
            func cell(_ i: Int) -> String { i < r.fields.count ? r.fields[i].trimmingCharacters(in: .whitespaces) : "" }
            if r.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard !cell(id).isEmpty, !cell(country).isEmpty else {
                throw FormatError(file: path, location: "row \(r.row)", "camera_id and country must not be empty")
            }
            let flag = ["1", "true", "yes", "y", "да", "t"].contains(cell(border).lowercased())
            out.append(PlateCamera(id: cell(id), country: cell(country), isBorder: flag))
        }
        return out
    }
}
