/// The identifier of a feature: a number or a string (as GeoJSON allows).
public enum FeatureID: Sendable, Hashable, CustomStringConvertible {
    case integer(Int64)
    case string(String)

    public var description: String {
        switch self {
        case .integer(let i): String(i)
        case .string(let s): s
        }
    }
}

/// A geometry with attributes. `geometry` is nil for a shapefile Null shape or a GeoJSON
/// `"geometry": null`.
public struct Feature: Sendable, Hashable {
    public var id: FeatureID?
    public var geometry: Geometry?
    public var properties: [String: PropertyValue]

    public init(id: FeatureID? = nil, geometry: Geometry?, properties: [String: PropertyValue] = [:]) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
    }

    /// The value of `name`, `.null` when absent.
    public subscript(name: String) -> PropertyValue {
        get { properties[name] ?? .null }
        set { properties[name] = newValue }
    }
}
