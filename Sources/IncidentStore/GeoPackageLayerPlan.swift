import GeoCore

/// What a GeoPackage layer is before any row is written: the table name, the attribute columns,
/// the spatial reference system and the geometry column type, with every name checked.
struct GeoPackageLayerPlan: Sendable {
    let table: String
    let columns: [GeoPackageColumn]
    let srs: GeoPackageSpatialReference
    let geometryType: GeoPackageGeometryType

    /// - Parameters:
    ///   - name: the layer name; `options.tableName` wins over it, `layer` is used when both are nil.
    ///   - lonLatSized: whether the coordinates fit ±180/±90, which picks srs_id 0 over -1 when
    ///     there is neither a CRS nor `options.spatialReference`.
    /// - Throws: `GeoPackageError.invalidName` for an empty or reserved table name, an empty
    ///   column name, or two columns equal ignoring case (the fid and geometry columns included);
    ///   `ProjectionError` when `crs` is not a CRS.
    init(name: String?, fields: [Field], crs: String?, geometryType: GeoPackageGeometryType,
         lonLatSized: Bool, options: GeoPackageWriteOptions) throws {
        table = options.tableName ?? name ?? "layer"
        guard !table.isEmpty else { throw GeoPackageError.invalidName(table, reason: "a table name must not be empty") }
        guard !table.lowercased().hasPrefix("gpkg_") else {
            throw GeoPackageError.invalidName(table, reason: "table names starting with gpkg_ are reserved")
        }
        columns = fields.map { GeoPackageColumn($0, dateTimeFields: options.dateTimeFields) }
        var seen = Set<String>()
        for column in [options.fidColumn, options.geometryColumn] + columns.map(\.name) {
            guard !column.isEmpty else { throw GeoPackageError.invalidName(column, reason: "a column name must not be empty") }
            guard seen.insert(column.lowercased()).inserted else {
                throw GeoPackageError.invalidName(column, reason: "two columns of table \(table) have this name (ignoring case)")
            }
        }
        if let given = options.spatialReference {
            srs = GeoPackageSpatialReference.required.first { $0.id == given.id } ?? given
        } else if let crs {
            srs = try GeoPackageSpatialReference(crs: crs)
        } else {
            srs = lonLatSized ? .undefinedGeographic : .undefinedCartesian
        }
        self.geometryType = geometryType
    }

    /// The plan of a whole collection: its `allFields`, and the geometry type that fits all of
    /// its geometries.
    init(_ collection: FeatureCollection, options: GeoPackageWriteOptions) throws {
        let box = collection.boundingBox
        try self.init(name: collection.name, fields: collection.allFields, crs: collection.crs,
                      geometryType: GeoPackageGeometryType(fitting: collection.features.map(\.geometry)),
                      lonLatSized: box.map { $0.minX >= -180 && $0.maxX <= 180 && $0.minY >= -90 && $0.maxY <= 90 } ?? true,
                      options: options)
    }
}
