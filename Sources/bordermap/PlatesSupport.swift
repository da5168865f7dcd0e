import ArgumentParser
import Foundation
import GeoCore
import GeoFormats
import IncidentStore
import RouteAnalysis

/// `--bbox --from --to` of the incident commands, read by the plates commands too (one option
/// group for both, so the two cannot drift apart).
extension IncidentFilterOptions {
    /// The sighting query of `--bbox` (cameras inside), `--from` and `--to`, for `plates`
    /// (empty: all plates).
    /// - Throws: `ValidationError` for a bad box or for `--category`/`--substance`, which
    ///   sightings do not have; a date error naming the bad text.
    func sightingQuery(plates: [String] = []) throws -> SightingQuery {
        guard category.isEmpty, substance.isEmpty else {
            throw ValidationError("--category and --substance select incidents; plate sightings have neither")
        }
        let incidents = try query()
        var q = SightingQuery(plates: plates.map(SightingTable.normalisePlate))
        q.bbox = incidents.bbox
        q.from = incidents.from
        q.to = incidents.to
        return q
    }
}

/// Shared steps of the `plates` commands.
enum PlatesSupport {
    /// Opens the store of `options` as a sighting store; `closeStore` it when done.
    /// - Throws: the store's error.
    static func open(_ options: StoreOptions) throws -> (any IncidentStoring, any SightingStoring) {
        let store = try options.open()
        guard let sightings = store as? any SightingStoring else {
            closeStore(store)
            throw ValidationError("the store \(options.label) cannot hold plate sightings")
        }
        return (store, sightings)
    }

    /// The selected sightings as RouteAnalysis values.
    /// - Throws: the store's error.
    static func load(_ store: any SightingStoring, _ query: SightingQuery) throws -> [PlateSighting] {
        let stored = try runBlocking { try await store.sightings(matching: query) }
        return stored.map { PlateSighting(plate: $0.plate, cameraID: $0.cameraID, time: $0.time, lon: $0.lon, lat: $0.lat) }
    }

    /// Seconds of a duration with a unit: `90s`, `2min`, `6h`, `1d` (also `sec`, `m`,
    /// `minutes`, `hours`, `days`).
    static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("seconds", 1), ("second", 1), ("sec", 1), ("s", 1), ("minutes", 60), ("minute", 60),
                                         ("min", 60), ("m", 60), ("hours", 3600), ("hour", 3600), ("h", 3600),
                                         ("days", 86_400), ("day", 86_400), ("d", 86_400)]
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            if let v = Double(t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), v >= 0, v.isFinite { return v * factor }
        }
        return nil
    }

    /// `seconds(text)` or a `ValidationError` naming the option.
    static func duration(_ text: String, option: String) throws -> Double {
        guard let s = seconds(text) else {
            throw ValidationError("\(option) must be a duration such as 90s, 2min, 6h or 1d, got '\(text)'")
        }
        return s
    }

    /// Writes `features` as a GeoJSON FeatureCollection (RFC 7946, WGS 84) to `path`.
    /// - Throws: `FormatError` when the file cannot be written.
    static func writeGeoJSON(_ features: [Feature], name: String, to path: String) throws {
        try GeoJSONWriter.write(FeatureCollection(name: name, features: features), to: URL(fileURLWithPath: path))
    }

    /// Writes `text` to `path`, replacing it.
    /// - Throws: `FormatError` when the file cannot be created.
    static func writeText(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw FormatError(file: path, "cannot create the file")
        }
    }
}
