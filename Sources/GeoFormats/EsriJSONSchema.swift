import GeoCore

/// The Esri field list and geometry type chosen for a `FeatureCollection`.
struct EsriJSONSchema {
    struct Column {
        var name: String      // name in the output
        var source: String    // property key in the features
        var esriType: String
        var length: Int?
        var kind: FieldType
    }

    var geometryType: String
    var hasZ: Bool
    var columns: [Column]

    /// Chooses types: strings `esriFieldTypeString` with `length` = the longest value in
    /// characters (at least 1); integers `esriFieldTypeInteger` when every value fits in Int32,
    /// else `esriFieldTypeDouble`; reals `esriFieldTypeDouble`; dates `esriFieldTypeDate`;
    /// booleans `esriFieldTypeSmallInteger` (0/1). A property named `OBJECTID` (any case) is
    /// renamed `OBJECTID_1` because the writer numbers features itself.
    /// - Throws: `FormatError` when geometries of different dimensions are mixed or a
    ///   GeometryCollection mixes kinds (Esri feature sets hold one geometry type).
    init(_ collection: FeatureCollection) throws {
        var dimension: Int?
        var multiPoint = false
        var z = false
        for (i, f) in collection.features.enumerated() {
            guard let g = f.geometry, !g.isEmpty else { continue }
            let d = g.dimension
            if case .geometryCollection = g {
                guard EsriJSONSchema.isHomogeneous(g) else {
                    throw FormatError(location: "features[\(i)]", "Esri JSON cannot hold a mixed GeometryCollection")
                }
            }
            if let dimension, dimension != d {
                throw FormatError(location: "features[\(i)]",
                                  "Esri JSON holds one geometry type; found \(g.typeName) after geometries of dimension \(dimension)")
            }
            dimension = d
            if d == 0, g.coordinateCount > 1 || { if case .multiPoint = g { return true }; return false }() { multiPoint = true }
            if g.hasZ { z = true }
        }
        switch dimension {
        case 0?: geometryType = multiPoint ? "esriGeometryMultipoint" : "esriGeometryPoint"
        case 1?: geometryType = "esriGeometryPolyline"
        case 2?: geometryType = "esriGeometryPolygon"
        default: geometryType = "esriGeometryPoint"
        }
        hasZ = z
        columns = []
        var taken: Set<String> = ["OBJECTID"]
        for field in collection.allFields {
            var name = field.name
            var n = 1
            while taken.contains(name.uppercased()) { name = "\(field.name)_\(n)"; n += 1 }
            taken.insert(name.uppercased())
            let values = collection.features.lazy.map { $0.properties[field.name] ?? .null }
            var column = Column(name: name, source: field.name, esriType: "esriFieldTypeString", length: nil, kind: field.type)
            switch field.type {
            case .string:
                column.length = max(1, values.map { $0.isNull ? 0 : $0.description.count }.max() ?? 1)
            case .integer:
                let fits = values.allSatisfy {
                    if case .integer(let i) = $0 { return i >= Int64(Int32.min) && i <= Int64(Int32.max) }
                    return true
                }
                column.esriType = fits ? "esriFieldTypeInteger" : "esriFieldTypeDouble"
                if !fits { column.kind = .real }
            case .real: column.esriType = "esriFieldTypeDouble"
            case .date: column.esriType = "esriFieldTypeDate"
            case .boolean: column.esriType = "esriFieldTypeSmallInteger"
            }
            columns.append(column)
        }
    }

    private static func isHomogeneous(_ g: Geometry) -> Bool {
        guard case .geometryCollection(let c) = g else { return true }
        let dims = Set(c.geometries.filter { !$0.isEmpty }.map(\.dimension))
        return dims.count <= 1 && c.geometries.allSatisfy(isHomogeneous)
    }
}
