import Foundation

/// One plate-reader (ANPR) sighting read from a table row: a plate read by a camera at a time
/// and place, with the row's de-duplication key.
public struct SightingRecord: Sendable, Hashable {
    /// The plate, normalised by `SightingTable.normalisePlate` (upper case, no spaces).
    public var plate: String
    /// The camera's identifier, trimmed.
    public var cameraID: String
    /// When the plate was read (UTC).
    public var time: Date
    /// Camera longitude, degrees east, WGS 84, in -180...180.
    public var lon: Double
    /// Camera latitude, degrees north, WGS 84, in -90...90.
    public var lat: Double
    /// Where the record came from, when the table has a `source` column.
    public var source: String?
    /// The stable key of the source row: the same rule as incidents
    /// (`IncidentTable.sourceKey(header:values:)`, SHA-256 over the normalised cells).
    public var sourceKey: String
    /// The 1-based row of the file (header = 1; the sheet row for XLSX).
    public var row: Int

    /// A record with the given values; see the properties.
    public init(plate: String, cameraID: String, time: Date, lon: Double, lat: Double, source: String? = nil,
                sourceKey: String, row: Int) {
        self.plate = plate
        self.cameraID = cameraID
        self.time = time
        self.lon = lon
        self.lat = lat
        self.source = source
        self.sourceKey = sourceKey
        self.row = row
    }
}

/// The outcome of one sighting table row.
public enum SightingTableRow: Sendable, Hashable {
    /// The row is a valid sighting.
    case record(SightingRecord)
    /// The row was rejected (row number and reason).
    case rejected(RowRejection)
}

/// A field of a sighting that a table column can supply.
public enum SightingField: String, Sendable, Hashable, CaseIterable {
    /// The plate as read.
    case plate
    /// The camera's identifier.
    case camera = "camera_id"
    /// Date and time of the reading.
    case time
    /// Longitude, degrees.
    case lon
    /// Latitude, degrees.
    case lat
    /// Origin of the record.
    case source

    /// Header names (normalised with `IncidentField.normalise`) that select this field, in
    /// English and Russian.
    public var headerNames: [String] {
        switch self {
        case .plate: ["plate", "plate_number", "number_plate", "registration", "номер", "госномер", "гос_номер", "номерной_знак"]
        case .camera: ["camera_id", "camera", "camera_name", "камера", "id_камеры", "номер_камеры"]
        case .time: ["time", "datetime", "date_time", "timestamp", "время", "дата_время", "дата_и_время"]
        case .lon: ["lon", "lng", "long", "longitude", "долгота", "x"]
        case .lat: ["lat", "latitude", "широта", "y"]
        case .source: ["source", "источник"]
        }
    }

    /// The field a header names, or nil.
    public init?(header: String) {
        let key = IncidentField.normalise(header)
        guard let f = SightingField.allCases.first(where: { $0.headerNames.contains(key) }) else { return nil }
        self = f
    }
}
