/// A layer: features sharing one attribute schema and one CRS.
public struct FeatureCollection: Sendable, Hashable {
    /// The layer name (file name without extension, or GeoJSON `name`).
    public var name: String?
    /// The attribute columns, in file order. Writers use this order; properties not named here
    /// are written after them where the format allows.
    public var fields: [Field]
    public var features: [Feature]
    /// The CRS as PROJ accepts it: `EPSG:n`, WKT (OGC or ESRI, e.g. a `.prj` file's text) or a
    /// PROJ string. Nil means unknown. GeoJSON is always `EPSG:4326` (lon/lat).
    public var crs: String?

    public init(name: String? = nil, fields: [Field] = [], features: [Feature] = [], crs: String? = nil) {
        self.name = name
        self.fields = fields
        self.features = features
        self.crs = crs
    }

    /// The bounding box of all geometries, or nil when there are none.
    public var boundingBox: BoundingBox? {
        features.compactMap { $0.geometry?.boundingBox }.reduce(nil) { acc, b in acc?.union(b) ?? b }
    }

    /// Fields in `fields` order followed by any property names no field declares (sorted),
    /// with their types inferred from the values.
    public var allFields: [Field] {
        var known = Set(fields.map(\.name))
        var extra: [String: FieldType] = [:]
        for f in features {
            for (k, v) in f.properties where !known.contains(k) {
                extra[k] = FieldType.merge(extra[k], v)
            }
        }
        known.formUnion(extra.keys)
        return fields + extra.keys.sorted().map { Field(name: $0, type: extra[$0] ?? .string) }
    }
}

extension FieldType {
    /// The narrowest type that holds both an earlier inference and `value`.
    static func merge(_ current: FieldType?, _ value: PropertyValue) -> FieldType? {
        let t: FieldType?
        switch value {
        case .null: t = nil
        case .string: t = .string
        case .integer: t = .integer
        case .double: t = .real
        case .bool: t = .boolean
        case .date: t = .date
        }
        guard let t else { return current }
        guard let current, current != t else { return t }
        if Set([current, t]) == [.integer, .real] { return .real }
        return .string
    }
}
