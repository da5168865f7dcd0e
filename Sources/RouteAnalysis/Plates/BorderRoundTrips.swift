import Foundation
import GeoCore

/// A vehicle that left a country through a border camera and came back within the time limit.
public struct BorderRoundTrip: Sendable, Hashable {
    /// The plate.
    public let plate: String
    /// The country left and returned to.
    public let homeCountry: String
    /// The country visited (the middle run).
    public let visitedCountry: String
    /// The last border sighting on the home side before the crossing.
    public let out: PlateSighting
    /// The first border sighting on the home side after the return.
    public let back: PlateSighting
    /// Border sightings on the visited side, in time order.
    public let abroad: [PlateSighting]
    /// `back.time − out.time`, seconds.
    public var durationSeconds: Double { back.time.timeIntervalSince(out.time) }

    /// The trip as a LineString feature through the out, abroad and back cameras: `plate`,
    /// `home`, `visited`, `out_camera`, `back_camera`, `out_time`, `back_time` (ISO 8601 UTC),
    /// `hours`.
    public var feature: Feature {
        var path: [Coordinate] = []
        for s in [out] + abroad + [back] where path.last != s.coordinate { path.append(s.coordinate) }
        let geometry: Geometry = path.count >= 2 ? .lineString(LineString(path)) : .point(Point(out.coordinate))
        return Feature(geometry: geometry, properties: [
            "plate": .string(plate), "home": .string(homeCountry), "visited": .string(visitedCountry),
            "out_camera": .string(out.cameraID), "back_camera": .string(back.cameraID),
            "out_time": .string(PlateTime.text(out.time)), "back_time": .string(PlateTime.text(back.time)),
            "hours": .double(durationSeconds / 3600),
        ])
    }
}

/// Border round trips (out and back) from sightings at border cameras.
///
/// Definition: take a plate's sightings at cameras whose table row has `isBorder` (sightings at
/// other or unknown cameras are ignored), in time order, and group consecutive sightings in the
/// same country into runs. Three consecutive runs in countries X, Y, X with Y ≠ X are a round
/// trip from X to Y when the time from the last sighting of the first run (`out`) to the first
/// sighting of the third run (`back`) is at most `maxDuration` (default 24 h). Runs X, Y, Z with
/// Z ≠ X are a transit, not a round trip.
public enum BorderRoundTrips {
    /// - Throws: `RouteAnalysisError.invalidParameter` for a non-positive duration.
    public static func find(_ sightings: [PlateSighting], cameras: [PlateCamera],
                            maxDuration: TimeInterval = 24 * 3600) throws -> [BorderRoundTrip] {
        guard maxDuration.isFinite, maxDuration > 0 else {
            throw RouteAnalysisError.invalidParameter("round-trip duration \(maxDuration) s must be finite and positive")
        }
        var table: [String: PlateCamera] = [:]
        for c in cameras where c.isBorder { table[c.id] = c }
        var out: [BorderRoundTrip] = []
        for (plate, list) in sightings.byPlate() {
            var runs: [(country: String, sightings: [PlateSighting])] = []
            for s in list {
                guard let camera = table[s.cameraID] else { continue }
                if runs.last?.country == camera.country { runs[runs.count - 1].sightings.append(s) } else { runs.append((camera.country, [s])) }
            }
            guard runs.count >= 3 else { continue }
            for k in 0..<(runs.count - 2) where runs[k].country == runs[k + 2].country {
                guard let leave = runs[k].sightings.last, let back = runs[k + 2].sightings.first,
                      back.time.timeIntervalSince(leave.time) <= maxDuration else { continue }
                out.append(BorderRoundTrip(plate: plate, homeCountry: runs[k].country, visitedCountry: runs[k + 1].country,
                                           out: leave, back: back, abroad: runs[k + 1].sightings))
            }
        }
        return out
    }
}
