import Foundation
import GeoCore

/// One plate-reader (ANPR) record: a plate read by a camera at a time and place.
public struct PlateSighting: Sendable, Hashable {
    /// The plate as read (compared exactly; normalise spacing and case before).
    public var plate: String
    /// The camera's identifier.
    public var cameraID: String
    /// When the plate was read.
    public var time: Date
    /// Camera longitude, degrees (WGS 84).
    public var lon: Double
    /// Camera latitude, degrees.
    public var lat: Double

    /// A sighting; see the properties.
    public init(plate: String, cameraID: String, time: Date, lon: Double, lat: Double) {
        self.plate = plate
        self.cameraID = cameraID
        self.time = time
        self.lon = lon
        self.lat = lat
    }

    /// The camera position as a coordinate (x = lon, y = lat).
    public var coordinate: Coordinate { Coordinate(lon, lat) }
}

/// A row of the camera table: which country a camera stands in and whether it watches a border.
public struct PlateCamera: Sendable, Hashable {
    /// The camera's identifier, as in `PlateSighting.cameraID`.
    public var id: String
    /// Country code (any consistent code, for example ISO 3166 alpha-3).
    public var country: String
    /// True for cameras at a border crossing or on a border road.
    public var isBorder: Bool

    /// A camera table row; see the properties.
    public init(id: String, country: String, isBorder: Bool) {
        self.id = id
        self.country = country
        self.isBorder = isBorder
    }
}

/// Timestamps in plate outputs: ISO 8601 UTC with whole seconds, `2024-03-05T14:30:15Z`
/// (Foundation's ISO 8601 format style; i2 Analyst's Notebook and GraphML readers parse it).
enum PlateTime {
    static func text(_ date: Date) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)).formatted(.iso8601)
    }
}

extension Array where Element == PlateSighting {
    /// The sightings grouped by plate, each plate's sorted by time (ties by camera), plates sorted.
    func byPlate() -> [(plate: String, sightings: [PlateSighting])] {
        Dictionary(grouping: self, by: \.plate)
            .map { (plate: $0.key, sightings: $0.value.sorted { ($0.time, $0.cameraID) < ($1.time, $1.cameraID) }) }
            .sorted { $0.plate < $1.plate }
    }
}
