import Foundation
import GeoCore
import GeoFormats
import Synchronization

/// Incidents as RFC 7946 GeoJSON Point features, the text of `GET /geojson/incidents`:
///
///     {"type":"Feature","id":ID,"properties":{"id":ID,"occurred_at":"2024-03-05T10:30:00Z",
///      "category":…,"substance":…,"quantity_kg":…,"agency":…,"border_post":…,"source":…,
///      free properties sorted by name},"geometry":{"type":"Point","coordinates":[lon,lat]}}
///
/// on one line, absent fields as `null`, coordinates with at most 7 decimals, numbers and
/// strings as `GeoJSONWriter` writes them (the same text as `GeoJSONWriter.write` of the
/// feature with `fields` as the property order). A free property named like a field is left
/// out: the field wins.
public enum IncidentGeoJSON {
    /// The incident fields in DESIGN.md order: the property order of the output.
    public static let fields: [Field] = [
        Field(name: "id", type: .string), Field(name: "occurred_at", type: .string), Field(name: "category", type: .string),
        Field(name: "substance", type: .string), Field(name: "quantity_kg", type: .real), Field(name: "agency", type: .string),
        Field(name: "border_post", type: .string), Field(name: "source", type: .string),
    ]
    /// Coordinate decimals (about 1 cm).
    public static let decimals = 7

    static let fieldNames: Set<String> = Set(fields.map(\.name))

    /// Appends the feature text of `incident` (no separator).
    /// - Throws: `FormatError` when a coordinate is NaN or infinite (nothing is appended).
    public static func append(_ incident: Incident, to out: inout [UInt8]) throws {
        try append(IncidentValueRow(incident: incident), to: &out)
    }

    /// The layout, for any way of reading an incident's columns (a decoded `Incident`, a SQLite
    /// statement positioned on a row).
    static func append(_ row: some IncidentGeoJSONRow, to out: inout [UInt8]) throws {
        let lon = row.lon, lat = row.lat
        guard lon.isFinite, lat.isFinite else {
            throw FormatError(location: "incident \(row.idText)", "a coordinate is NaN or infinite; GeoJSON cannot hold it")
        }
        out.append(contentsOf: "{\"type\":\"Feature\",\"id\":".utf8)
        row.appendText(.id, to: &out)
        out.append(contentsOf: ",\"properties\":{\"id\":".utf8)
        row.appendText(.id, to: &out)
        out.append(contentsOf: ",\"occurred_at\":\"".utf8)
        DateParsing.appendISO8601(seconds: row.occurredAtSeconds, to: &out)
        out.append(contentsOf: "\",\"category\":".utf8)
        row.appendText(.category, to: &out)
        out.append(contentsOf: ",\"substance\":".utf8)
        row.appendText(.substance, to: &out)
        out.append(contentsOf: ",\"quantity_kg\":".utf8)
        if let q = row.quantityKg { GeoJSONText.appendNumber(q, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: ",\"agency\":".utf8)
        row.appendText(.agency, to: &out)
        out.append(contentsOf: ",\"border_post\":".utf8)
        row.appendText(.borderPost, to: &out)
        out.append(contentsOf: ",\"source\":".utf8)
        row.appendText(.source, to: &out)
        try row.appendFreeProperties(to: &out)
        out.append(contentsOf: "},\"geometry\":".utf8)
        GeoJSONText.appendPoint(x: lon, y: lat, decimals: decimals, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// `,"name":"value"` for each free property not named like a field, in name order.
    static func appendFreeProperties(_ properties: [String: String], to out: inout [UInt8]) {
        if properties.isEmpty { return }
        for key in properties.keys.sorted() where !fieldNames.contains(key) {
            out.append(UInt8(ascii: ","))
            GeoJSONText.appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            GeoJSONText.appendString(properties[key] ?? "", to: &out)
        }
    }
}

/// The text columns of an incident.
enum IncidentTextField { case id, category, substance, agency, borderPost, source }

/// An incident's columns as `IncidentGeoJSON` reads them.
protocol IncidentGeoJSONRow {
    /// The column as a JSON string, or `null`.
    func appendText(_ field: IncidentTextField, to out: inout [UInt8])
    var occurredAtSeconds: Double { get }
    var lon: Double { get }
    var lat: Double { get }
    var quantityKg: Double? { get }
    /// The id, for error messages.
    var idText: String { get }
    /// `,"name":"value"` per free property (`IncidentGeoJSON.appendFreeProperties`).
    func appendFreeProperties(to out: inout [UInt8]) throws
}

/// A decoded `Incident` as a row.
private struct IncidentValueRow: IncidentGeoJSONRow {
    let incident: Incident

    func appendText(_ field: IncidentTextField, to out: inout [UInt8]) {
        let value: String?
        switch field {
        case .id: value = incident.id
        case .category: value = incident.category
        case .substance: value = incident.substance
        case .agency: value = incident.agency
        case .borderPost: value = incident.borderPost
        case .source: value = incident.source
        }
        if let value { GeoJSONText.appendString(value, to: &out) } else { out.append(contentsOf: "null".utf8) }
    }
    var occurredAtSeconds: Double { incident.occurredAt.timeIntervalSince1970 }
    var lon: Double { incident.lon }
    var lat: Double { incident.lat }
    var quantityKg: Double? { incident.quantityKg }
    var idText: String { incident.id }
    func appendFreeProperties(to out: inout [UInt8]) throws { IncidentGeoJSON.appendFreeProperties(incident.properties, to: &out) }
}

/// Part of the features a query selects, as GeoJSON text: what one call of
/// `IncidentStoring.geoJSONFeatures(matching:)` returns.
public struct IncidentGeoJSONPage: Sendable {
    /// The features (`IncidentGeoJSON`), separated by `GeoJSONText.featureSeparator`; empty
    /// when there are none.
    public var text: [UInt8]
    /// How many features `text` holds.
    public var count: Int
    /// The position of the last one, to continue from (`IncidentQuery.after`); nil when empty.
    public var last: IncidentCursor?

    public init(text: [UInt8] = [], count: Int = 0, last: IncidentCursor? = nil) {
        self.text = text
        self.count = count
        self.last = last
    }
}

extension IncidentStoring {
    /// Decodes each incident with `forEach(matching:_:)` and writes it with `IncidentGeoJSON`:
    /// correct for any backend; backends override it to write from their rows directly.
    public func geoJSONFeatures(matching query: IncidentQuery) async throws -> IncidentGeoJSONPage {
        let page = Mutex(IncidentGeoJSONPage())
        try await forEach(matching: query) { incident in
            try page.withLock { p in
                if p.count > 0 { p.text.append(contentsOf: GeoJSONText.featureSeparator) }
                try IncidentGeoJSON.append(incident, to: &p.text)
                p.count += 1
                p.last = IncidentCursor(incident)
            }
        }
        return page.withLock { $0 }
    }
}
