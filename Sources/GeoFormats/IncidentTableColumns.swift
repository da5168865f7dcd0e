import Foundation

/// A field of an incident that a table column can supply.
public enum IncidentField: String, Sendable, Hashable, CaseIterable {
    /// The analyst's identifier.
    case id
    /// Date and time of the incident.
    case occurredAt = "occurred_at"
    /// Time of day, when the table keeps it in a column of its own beside the date.
    case time
    /// Latitude, degrees.
    case lat
    /// Longitude, degrees.
    case lon
    /// One column holding `lat,lon` (see `CoordinateParsing.parsePair`).
    case coordinates
    /// Kind of incident.
    case category
    /// Substance seized.
    case substance
    /// Quantity, kilograms.
    case quantityKg = "quantity_kg"
    /// Reporting agency.
    case agency
    /// Border post.
    case borderPost = "border_post"
    /// Origin of the record.
    case source

    /// Header names (normalised, see `IncidentField.normalise`) that select this field, in
    /// English and Russian. The raw value is always among them.
    public var headerNames: [String] {
        switch self {
        case .id: ["id", "incident_id", "ид", "номер"]
        case .occurredAt: ["occurred_at", "date", "datetime", "date_time", "дата", "дата_время", "дата_и_время"]
        case .time: ["time", "время", "time_of_day"]
        case .lat: ["lat", "latitude", "широта", "y", "point_y"]
        case .lon: ["lon", "lng", "long", "longitude", "долгота", "x", "point_x"]
        case .coordinates: ["coordinates", "coords", "coordinate", "lat_lon", "latlon", "координаты"]
        case .category: ["category", "type", "категория", "тип"]
        case .substance: ["substance", "drug", "вещество"]
        case .quantityKg: ["quantity_kg", "quantity", "qty", "weight", "weight_kg", "количество", "количество_кг", "вес", "вес_кг"]
        case .agency: ["agency", "ведомство", "орган"]
        case .borderPost: ["border_post", "post", "checkpoint", "пост", "погранпост", "пункт_пропуска", "кпп"]
        case .source: ["source", "источник"]
        }
    }

    /// The field a header names, or nil.
    public init?(header: String) {
        let key = IncidentField.normalise(header)
        guard let f = IncidentField.allCases.first(where: { $0.headerNames.contains(key) }) else { return nil }
        self = f
    }

    /// Header text in the form headers are compared: lower case, `ё` as `е`, every run of
    /// characters other than letters and digits as one `_`, no `_` at either end.
    /// `"Количество, кг"` becomes `количество_кг`, `" Border-Post "` becomes `border_post`.
    public static func normalise(_ header: String) -> String {
        var out = ""
        var gap = false
        for c in header.lowercased().replacingOccurrences(of: "ё", with: "е") {
            if c.isLetter || c.isNumber {
                if gap, !out.isEmpty { out.append("_") }
                out.append(c)
                gap = false
            } else {
                gap = true
            }
        }
        return out
    }
}

/// Columns named explicitly for some fields, as `bordermap import --map lat=Y,lon=X` passes them.
/// Fields not named are still matched by header name.
public struct IncidentColumnMapping: Sendable, Hashable {
    /// Column reference per field: a header name (compared after `IncidentField.normalise`) or
    /// a 1-based column number.
    public var columns: [IncidentField: String]
    /// Whether the `id` column (which `columns[.id]` must name) is the re-import key instead of
    /// the row's content (`bordermap import --id-column NAME`): see
    /// `IncidentTable.sourceKey(id:)`. A row with an empty id is then rejected.
    public var keyByID: Bool

    /// A mapping with the given entries (default none), keyed by content unless `keyByID`.
    public init(_ columns: [IncidentField: String] = [:], keyByID: Bool = false) {
        self.columns = columns
        self.keyByID = keyByID
    }

    /// This mapping with `column` as the id column and the re-import key (`--id-column`).
    /// - Throws: `FormatError` when the mapping names another column for `id` already.
    public func keyed(byIDColumn column: String) throws -> IncidentColumnMapping {
        if let other = columns[.id], IncidentField.normalise(other) != IncidentField.normalise(column) {
            throw FormatError("the id column is named twice: '\(other)' in the mapping and '\(column)' as the id column")
        }
        var copy = self
        copy.columns[.id] = column
        copy.keyByID = true
        return copy
    }

    /// Parses `field=column,field=column`; field names are any of `IncidentField.headerNames`
    /// (`lat`, `date`, `quantity`, `пост`, ...). Column names cannot contain `,` or `=`; use
    /// the column number then.
    /// - Throws: `FormatError` for an entry without `=`, an unknown field or a field named twice.
    public init(parsing text: String) throws {
        var columns: [IncidentField: String] = [:]
        for entry in text.split(separator: ",") {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw FormatError("mapping entry '\(entry)' is not field=column")
            }
            guard let field = IncidentField(header: parts[0]) else {
                throw FormatError("mapping names unknown field '\(parts[0])' (known: \(IncidentField.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard columns[field] == nil else { throw FormatError("mapping names field '\(field.rawValue)' twice") }
            columns[field] = parts[1]
        }
        self.columns = columns
        keyByID = false
    }
}
