import Foundation
import GeoFormats

/// A stored incident: the fields of DESIGN.md "Incidents" plus the store's own identity.
public struct Incident: Sendable, Hashable {
    /// The store's identifier (the analyst's `id` when the source had one and it was unique,
    /// else one the store assigned).
    public var id: String
    /// When it happened (UTC).
    public var occurredAt: Date
    /// Longitude and latitude, degrees, WGS 84.
    public var lon: Double
    public var lat: Double
    public var category: String?
    public var substance: String?
    public var quantityKg: Double?
    public var agency: String?
    public var borderPost: String?
    /// Where the record came from (`synthetic` for demo data).
    public var source: String?
    /// Columns that matched no field.
    public var properties: [String: String]
    /// The de-duplication key of the source row (see `IncidentRecord.sourceKey`).
    public var sourceKey: String

    public init(id: String, occurredAt: Date, lon: Double, lat: Double, category: String? = nil, substance: String? = nil,
                quantityKg: Double? = nil, agency: String? = nil, borderPost: String? = nil, source: String? = nil,
                properties: [String: String] = [:], sourceKey: String) {
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
    }
}
