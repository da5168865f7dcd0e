import GeoCore

/// What `GeoPackageWriter` decides before it writes: the table name, the attribute columns, the
/// spatial reference system and the geometry column type, with every name checked.
struct GeoPackageLayerPlan {
    let table: String
    let columns: [GeoPackageColumn]
    let srs: GeoPackageSpatialReference
    let geometryType: GeoPackageGeometryType

    /// - Throws: `GeoPackageError.invalidName` for an empty or reserved table name, an empty
    ///   column name, or two columns equal ignoring case (the fid and geometry columns included);
    ///   `ProjectionError` when `collection.crs` is not a CRS.
    init(_ collection: FeatureCollection, options: GeoPackageWriteOptions) throws {
        table = options.tableName ?? collection.name ?? "layer"
        guard !table.isEmpty else { throw GeoPackageError.invalidName(table, reason: "a table name must not be empty") }
        guard !table.lowercased().hasPrefix("gpkg_") else {
            throw GeoPackageError.invalidName(table, reason: "table names starting with gpkg_ are reserved")
        }
        columns = collection.allFields.map { GeoPackageColumn($0, dateTimeFields: options.dateTimeFields) }
        var seen = Set<String>()
        for name in [options.fidColumn, options.geometryColumn] + columns.map(\.name) {
            guard !name.isEmpty else { throw GeoPackageError.invalidName(name, reason: "a column name must not be empty") }
            guard seen.insert(name.lowercased()).inserted else {
                throw GeoPackageError.invalidName(name, reason: "two columns of table \(table) have this name (ignoring case)")
            }
        }
        if let given = options.spatialReference {
            srs = GeoPackageSpatialReference.required.first { $0.id == given.id } ?? given
        } else if let crs = collection.crs {
            srs = try GeoPackageSpatialReference(crs: crs)
        } else if let box = collection.boundingBox, box.minX < -180 || box.maxX > 180 || box.minY < -90 || box.maxY > 90 {
            srs = .undefinedCartesian
        } else {
            srs = .undefinedGeographic
        }
        geometryType = GeoPackageGeometryType(fitting: collection.features.map(\.geometry))
    }
}
