import Foundation
import GeoCore
import RouteAnalysis

/// Parsing of the routing parameters shared by the command line and the server: points as
/// `LON,LAT` (WGS 84 degrees) and reach breaks as times (`1h`, `90min`, `600s`) or lengths
/// (`50km`, `800m`).
public enum RouteParameters {
    /// A parameter that cannot be used, with what to write instead.
    public struct ParameterError: Error, Sendable, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// `LON,LAT` as a coordinate; longitude in [-180, 180], latitude in [-90, 90].
    /// - Throws: `ParameterError` naming `name`.
    public static func point(_ text: String, name: String) throws -> Coordinate {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lon = parts[0], let lat = parts[1], lon.isFinite, lat.isFinite,
              (-180...180).contains(lon), (-90...90).contains(lat) else {
            throw ParameterError("\(name) must be LON,LAT in degrees (for example 69.2797,41.3111), got '\(text)'")
        }
        return Coordinate(lon, lat)
    }

    /// Reach breaks, sorted: all times (seconds, weight `.time`) or all lengths (metres, weight
    /// `.length`). Units: `h`, `min`, `s` for times; `km`, `m` (and the other `Length` units) for
    /// lengths.
    /// - Parameters:
    ///   - maxCount: most breaks accepted.
    ///   - maxSeconds / maxMeters: largest time and length accepted (nil: no bound).
    /// - Throws: `ParameterError` for an empty list, unknown units, mixed kinds, values ≤ 0 or
    ///   beyond the bounds, repeated values.
    public static func breaks(_ text: String, maxCount: Int = .max, maxSeconds: Double? = nil,
                              maxMeters: Double? = nil) throws -> (values: [Double], weight: RouteWeight) {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard !items.isEmpty else { throw ParameterError("breaks must list times (1h,2h) or lengths (50km,100km)") }
        guard items.count <= maxCount else { throw ParameterError("at most \(maxCount) breaks, got \(items.count)") }
        var times: [Double] = [], lengths: [Double] = []
        for item in items {
            if let s = seconds(item) { times.append(s) } else if let l = Length(parsing: item)?.meters { lengths.append(l) } else {
                throw ParameterError("break '\(item)' is neither a time (1h, 90min, 600s) nor a length (50km, 800m)")
            }
        }
        guard times.isEmpty || lengths.isEmpty else { throw ParameterError("breaks must be all times or all lengths, not both") }
        let values = (times.isEmpty ? lengths : times).sorted()
        guard values.allSatisfy({ $0 > 0 && $0.isFinite }), Set(values).count == values.count else {
            throw ParameterError("breaks must be positive and different, got '\(text)'")
        }
        if !times.isEmpty, let maxSeconds, let last = values.last, last > maxSeconds {
            throw ParameterError("time breaks may be at most \(Int(maxSeconds / 3600)) h")
        }
        if times.isEmpty, let maxMeters, let last = values.last, last > maxMeters {
            throw ParameterError("length breaks may be at most \(Int(maxMeters / 1000)) km")
        }
        return (values, times.isEmpty ? .length : .time)
    }

    /// Seconds of `1h`, `1.5h`, `90min`, `600s`; nil for other text.
    static func seconds(_ text: String) -> Double? {
        for (suffix, scale) in [("min", 60.0), ("h", 3600.0), ("s", 1.0)] where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * scale }
        }
        return nil
    }
}
