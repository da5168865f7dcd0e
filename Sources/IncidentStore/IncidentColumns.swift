/// Which fields of the incidents a read decodes. The location and the time are always read;
/// a field not asked for comes back nil (`properties` empty, `id` and `sourceKey` empty text), so
/// that drawing and analysis read only what they use (no JSON decoding of free properties, no
/// text columns a style never looks at).
public struct IncidentColumns: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// `id` and `sourceKey`.
    public static let identity = IncidentColumns(rawValue: 1 << 0)
    public static let category = IncidentColumns(rawValue: 1 << 1)
    public static let substance = IncidentColumns(rawValue: 1 << 2)
    public static let quantityKg = IncidentColumns(rawValue: 1 << 3)
    public static let agency = IncidentColumns(rawValue: 1 << 4)
    public static let borderPost = IncidentColumns(rawValue: 1 << 5)
    public static let source = IncidentColumns(rawValue: 1 << 6)
    /// The free properties (a JSON text per incident).
    public static let properties = IncidentColumns(rawValue: 1 << 7)
    /// Every field.
    public static let all: IncidentColumns = [.identity, .category, .substance, .quantityKg, .agency, .borderPost, .source, .properties]

    /// The columns holding the fields named as in DESIGN.md and GeoJSON output (`id`,
    /// `occurred_at`, `category`, `substance`, `quantity_kg`, `agency`, `border_post`, `source`);
    /// any other name is a free property.
    public init(fieldNames: some Sequence<String>) {
        self = []
        for name in fieldNames {
            switch name {
            case "occurred_at": break
            case "id": insert(.identity)
            case "category": insert(.category)
            case "substance": insert(.substance)
            case "quantity_kg": insert(.quantityKg)
            case "agency": insert(.agency)
            case "border_post": insert(.borderPost)
            case "source": insert(.source)
            default: insert(.properties)
            }
        }
    }
}
