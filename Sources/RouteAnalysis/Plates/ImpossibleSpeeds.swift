import Foundation
import GeoCore
import GeoProjection

/// Two consecutive sightings of one plate too far apart for the time between them: a sign of a
/// cloned (copied) plate or a misread.
public struct ImpossibleSpeed: Sendable, Hashable {
    /// The plate.
    public let plate: String
    /// The earlier sighting.
    public let first: PlateSighting
    /// The next sighting of the same plate.
    public let second: PlateSighting
    /// Geodesic distance between the two cameras, metres.
    public let distanceMeters: Double
    /// Time between the sightings, seconds (0 for simultaneous reads).
    public let seconds: Double
    /// Implied speed, km/h (+infinity when `seconds` is 0).
    public var speedKmh: Double { seconds > 0 ? distanceMeters / seconds * 3.6 : .infinity }

    /// The pair as a LineString feature: `plate`, `camera_1`, `camera_2`, `time_1`, `time_2`,
    /// `distance_km`, `minutes`, `speed_kmh` (-1 for simultaneous reads).
    public var feature: Feature {
        Feature(geometry: .lineString(LineString([first.coordinate, second.coordinate])), properties: [
            "plate": .string(plate), "camera_1": .string(first.cameraID), "camera_2": .string(second.cameraID),
            "time_1": .string(PlateTime.text(first.time)), "time_2": .string(PlateTime.text(second.time)),
            "distance_km": .double(distanceMeters / 1000), "minutes": .double(seconds / 60),
            "speed_kmh": .double(speedKmh.isFinite ? speedKmh : -1),
        ])
    }
}

/// Finds cloned-plate candidates by impossible travel speed.
public enum PlateClones {
    /// Consecutive sightings (per plate, in time order) whose geodesic distance exceeds
    /// `minDistanceMeters` (default 1 km, so nearby cameras with slightly skewed clocks are not
    /// flagged) and whose implied speed distance / time exceeds `maxSpeedKmh` (default
    /// 200 km/h, above legal road speeds in the region, 90–110 km/h, with margin).
    /// - Throws: `RouteAnalysisError.invalidParameter` for a non-positive speed or negative
    ///   distance; `ProjectionError` for invalid coordinates.
    public static func impossibleSpeeds(_ sightings: [PlateSighting], maxSpeedKmh: Double = 200,
                                        minDistanceMeters: Double = 1_000) throws -> [ImpossibleSpeed] {
        guard maxSpeedKmh.isFinite, maxSpeedKmh > 0, minDistanceMeters.isFinite, minDistanceMeters >= 0 else {
            throw RouteAnalysisError.invalidParameter("speed limit \(maxSpeedKmh) km/h must be positive and distance \(minDistanceMeters) m not negative")
        }
        var out: [ImpossibleSpeed] = []
        for (plate, list) in sightings.byPlate() {
            for (a, b) in zip(list, list.dropFirst()) {
                let d = try Geodesic.distance(from: a.coordinate, to: b.coordinate)
                guard d > minDistanceMeters else { continue }
                let t = b.time.timeIntervalSince(a.time)
                if t <= 0 || d / t * 3.6 > maxSpeedKmh {
                    out.append(ImpossibleSpeed(plate: plate, first: a, second: b, distanceMeters: d, seconds: t))
                }
            }
        }
        return out
    }
}
