import Foundation
import GeoCore
import GeoProjection

/// One vehicle journey: a plate's sightings with no gap longer than the split threshold.
public struct PlateJourney: Sendable, Hashable {
    /// The plate.
    public let plate: String
    /// The journey's position among the plate's journeys, from 0.
    public let index: Int
    /// The sightings, in time order.
    public let sightings: [PlateSighting]
    /// The path, lon/lat: straight between cameras, or the network path when a route function
    /// was given and found one. A single camera gives one point.
    public let path: [Coordinate]
    /// Geodesic length of `path`, metres.
    public let lengthMeters: Double

    /// Time of the first sighting.
    public var start: Date { sightings.first?.time ?? .distantPast }
    /// Time of the last sighting.
    public var end: Date { sightings.last?.time ?? .distantPast }

    /// The journey as a feature (LineString, or Point for one camera): `plate`, `journey`,
    /// `start`, `end` (ISO 8601 UTC), `sightings`, `cameras` (ids joined by ">"), `length_km`.
    public var feature: Feature {
        let geometry: Geometry = path.count >= 2 ? .lineString(LineString(path)) : .point(Point(path.first ?? Coordinate(0, 0)))
        return Feature(id: .string("\(plate)#\(index)"), geometry: geometry, properties: [
            "plate": .string(plate), "journey": .integer(Int64(index)),
            "start": .string(PlateTime.text(start)), "end": .string(PlateTime.text(end)),
            "sightings": .integer(Int64(sightings.count)),
            "cameras": .string(sightings.map(\.cameraID).joined(separator: ">")),
            "length_km": .double(lengthMeters / 1000),
        ])
    }
}

/// Reconstructs journeys from plate sightings.
public enum PlateJourneys {
    /// A plate's journeys: its sightings in time order, split wherever two consecutive sightings
    /// are more than `maxGap` seconds apart (default 6 h).
    /// - Parameters:
    ///   - route: optional network routing between two camera positions (lon/lat in, path out,
    ///     nil when none); straight lines are used where it is absent or returns nil.
    /// - Throws: `RouteAnalysisError.invalidParameter` for a gap ≤ 0; `ProjectionError` for
    ///   invalid coordinates; whatever `route` throws.
    public static func reconstruct(_ sightings: [PlateSighting], maxGap: TimeInterval = 6 * 3600,
                                   route: ((Coordinate, Coordinate) throws -> [Coordinate]?)? = nil) throws -> [PlateJourney] {
        guard maxGap.isFinite, maxGap > 0 else {
            throw RouteAnalysisError.invalidParameter("journey gap \(maxGap) s must be finite and positive")
        }
        var out: [PlateJourney] = []
        for (plate, list) in sightings.byPlate() {
            var groups: [[PlateSighting]] = []
            for s in list {
                if let last = groups.last?.last, s.time.timeIntervalSince(last.time) <= maxGap {
                    groups[groups.count - 1].append(s)
                } else {
                    groups.append([s])
                }
            }
            for (k, g) in groups.enumerated() {
                let path = try Self.path(g, route: route)
                out.append(PlateJourney(plate: plate, index: k, sightings: g, path: path,
                                        lengthMeters: path.count >= 2 ? try Geodesic.length(of: path) : 0))
            }
        }
        return out
    }

    static func path(_ g: [PlateSighting], route: ((Coordinate, Coordinate) throws -> [Coordinate]?)?) throws -> [Coordinate] {
        var stops: [Coordinate] = []
        for s in g where stops.last != s.coordinate { stops.append(s.coordinate) }
        guard stops.count >= 2, let route else { return stops }
        var path = [stops[0]]
        for (a, b) in zip(stops, stops.dropFirst()) {
            if let leg = try route(a, b), leg.count >= 2 {
                path.append(contentsOf: leg.first == path.last ? Array(leg.dropFirst()) : leg)
                if path.last != b { path.append(b) }
            } else {
                path.append(b)
            }
        }
        return path
    }
}
