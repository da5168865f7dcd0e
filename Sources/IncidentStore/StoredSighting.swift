import Foundation
import GeoCore

/// A plate-reader sighting as the store holds it (the `sightings` table). A plain value of
/// this module: analysis modules take their own sighting type, which callers build from this.
public struct StoredSighting: Sendable, Hashable {
    /// The plate (normalised on import: upper case, no spaces).
    public var plate: String
    /// The camera's identifier.
    public var cameraID: String
    /// When the plate was read (UTC; stored to the millisecond).
    public var time: Date
    /// Camera longitude, degrees east (WGS 84).
    public var lon: Double
    /// Camera latitude, degrees north.
    public var lat: Double
    /// Where the record came from, when known.
    public var source: String?
    /// The de-duplication key of the source row.
    public var sourceKey: String

    /// A sighting; see the properties.
    public init(plate: String, cameraID: String, time: Date, lon: Double, lat: Double, source: String?, sourceKey: String) {
        self.plate = plate
        self.cameraID = cameraID
        self.time = time
        self.lon = lon
        self.lat = lat
        self.source = source
        self.sourceKey = sourceKey
    }
}

/// Which sightings a read selects; every condition given must hold (default: all sightings).
public struct SightingQuery: Sendable, Hashable {
    /// Only this plate (compared exactly, after the same normalisation as on import).
    public var plates: [String]
    /// Only sightings at or after this time.
    public var from: Date?
    /// Only sightings before this time.
    public var to: Date?
    /// Only sightings whose camera lies inside this lon/lat box (edges included).
    public var bbox: BoundingBox?

    /// A query; see the properties (default: everything).
    public init(plates: [String] = [], from: Date? = nil, to: Date? = nil, bbox: BoundingBox? = nil) {
        self.plates = plates
        self.from = from
        self.to = to
        self.bbox = bbox
    }

    /// The WHERE clause over table alias `s` with `?`-style placeholders numbered by `placeholder`,
    /// and its values (text, or Double seconds), shared by both backends.
    func whereClause(placeholder: (Int) -> String) -> (sql: String, values: [SightingQueryValue]) {
        var parts: [String] = [], values: [SightingQueryValue] = []
        func add(_ value: SightingQueryValue) -> String {
            values.append(value)
            return placeholder(values.count)
        }
        if !plates.isEmpty { parts.append("s.plate IN (" + plates.map { add(.text($0)) }.joined(separator: ", ") + ")") }
        if let from { parts.append("s.time_ms >= " + add(.integer(Self.milliseconds(from)))) }
        if let to { parts.append("s.time_ms < " + add(.integer(Self.milliseconds(to)))) }
        if let b = bbox {
            parts.append("s.lon BETWEEN \(add(.number(b.minX))) AND \(add(.number(b.maxX)))")
            parts.append("s.lat BETWEEN \(add(.number(b.minY))) AND \(add(.number(b.maxY)))")
        }
        return (parts.isEmpty ? "" : "WHERE " + parts.joined(separator: " AND "), values)
    }

    /// A time as stored: whole milliseconds since 1970 (UTC), rounded.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}

/// A value bound into a sighting query.
enum SightingQueryValue: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    case number(Double)
}
