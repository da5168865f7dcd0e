import Foundation

/// One incident read from a table row: the fields of DESIGN.md "Incidents".
public struct IncidentRecord: Sendable, Hashable {
    /// The analyst's own identifier, when the table has an `id` column.
    public var id: String?
    /// When it happened (UTC).
    public var occurredAt: Date
    /// Longitude, degrees east, WGS 84, in -180...180.
    public var lon: Double
    /// Latitude, degrees north, WGS 84, in -90...90.
    public var lat: Double
    /// Seizure, detention, crossing attempt, ... as written.
    public var category: String?
    /// Heroin, opium, hashish, ... as written.
    public var substance: String?
    /// Quantity in kilograms.
    public var quantityKg: Double?
    /// The reporting agency.
    public var agency: String?
    /// The border post.
    public var borderPost: String?
    /// Where the record came from (report, database, ...), as written in the table.
    public var source: String?
    /// Columns that match no field, by their header text (trimmed); empty cells are left out.
    public var properties: [String: String]
    /// A stable key of the source row for de-duplication on re-import: 64 hex digits of SHA-256
    /// over the row's normalised cells (see `IncidentTable.sourceKey(header:values:)`). The
    /// same row gives the same key whatever the file is called, its encoding, delimiter or
    /// column order; two identical rows give the same key.
    public var sourceKey: String
    /// The 1-based row of the file the record starts on (header = 1).
    public var row: Int

    /// A record with the given values; optional fields default to nil, properties to empty.
    public init(id: String? = nil, occurredAt: Date, lon: Double, lat: Double, category: String? = nil,
                substance: String? = nil, quantityKg: Double? = nil, agency: String? = nil, borderPost: String? = nil,
                source: String? = nil, properties: [String: String] = [:], sourceKey: String, row: Int) {
        self.id = id
        self.occurredAt = occurredAt
        self.lon = lon
        self.lat = lat
        self.category = category
        self.substance = substance
        self.quantityKg = quantityKg
        self.agency = agency
        self.borderPost = borderPost
        self.source = source
        self.properties = properties
        self.sourceKey = sourceKey
        self.row = row
    }
}

/// A table row that was not turned into an incident, and why.
public struct RowRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (path as given), or nil for in-memory data.
    public var file: String?
    /// The 1-based row of the file the record starts on (header = 1).
    public var row: Int
    /// What was wrong, in words: "missing date", "latitude and longitude look swapped", ...
    public var reason: String

    /// A rejection of `row` of `file` for `reason`.
    public init(file: String?, row: Int, reason: String) {
        self.file = file
        self.row = row
        self.reason = reason
    }

    /// `file: row N: reason`.
    public var description: String {
        [file, "row \(row)", reason].compactMap { $0 }.joined(separator: ": ")
    }
}

/// The outcome of one table row.
public enum IncidentTableRow: Sendable, Hashable {
    /// The row is a valid incident.
    case record(IncidentRecord)
    /// The row was rejected.
    case rejected(RowRejection)
}
