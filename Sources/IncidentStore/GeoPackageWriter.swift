import Foundation
import GRDB
import GeoCore

/// Writes a `FeatureCollection` as a GeoPackage 1.3 vector file (OGC 12-128r18), the SQLite
/// format ArcGIS Pro, QGIS and GDAL open natively.
///
/// The file holds the required `gpkg_spatial_ref_sys` rows (-1, 0, 4326, plus the layer's CRS),
/// one `features` row in `gpkg_contents` with the layer's extent, its `gpkg_geometry_columns`
/// row, the feature table (`fid INTEGER PRIMARY KEY AUTOINCREMENT`, `geom` as GeoPackage
/// binary geometry, typed attribute columns) and, by default, the R-tree spatial index with its
/// triggers, declared in `gpkg_extensions`. Field types map to TEXT, INTEGER, REAL, BOOLEAN,
/// DATE (`YYYY-MM-DD`) and DATETIME (see `GeoPackageWriteOptions.dateTimeFields`); text is
/// stored as UTF-8. Columns follow `FeatureCollection.allFields` (declared fields, then any
/// other property names).
///
/// The whole layer is written in one transaction into a temporary file beside `path`, which
/// then replaces `path` in one `rename`: readers never see a half-written GeoPackage.
public struct GeoPackageWriter: Sendable {
    /// Naming, CRS and typing choices.
    public var options: GeoPackageWriteOptions

    /// Creates a writer; default options name the table after the collection.
    public init(options: GeoPackageWriteOptions = GeoPackageWriteOptions()) {
        self.options = options
    }

    /// Writes `collection` to a new GeoPackage at `path`, replacing any file there.
    /// - Throws: `GeoPackageError` for invalid names, values that do not fit their column, or
    ///   non-finite coordinates; `ProjectionError` when `collection.crs` is not a CRS PROJ
    ///   accepts; GRDB's `DatabaseError` for SQLite failures. On error `path` is left untouched.
    public func write(_ collection: FeatureCollection, to path: String) throws {
        let layer = try GeoPackageLayerPlan(collection, options: options)
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp").path
        do {
            try writeFile(layer, features: collection.features, at: temporary)
            guard rename(temporary, path) == 0 else {
                throw GeoPackageError.fileSystem(path: path, message: String(cString: strerror(errno)))
            }
        } catch {
            for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
            throw error
        }
    }

    private func writeFile(_ layer: GeoPackageLayerPlan, features: [Feature], at path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: GeoPackageSchemaSQL.pragmas)
            try db.inTransaction {
                try createSchema(layer, db)
                let extent = try insertFeatures(layer, features, db)
                try db.execute(sql: "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                               arguments: [extent?.minX, extent?.minY, extent?.maxX, extent?.maxY, layer.table])
                if options.spatialIndex {
                    for sql in GeoPackageSchemaSQL.rtreeTriggers(layer.table, options.geometryColumn, fid: options.fidColumn) {
                        try db.execute(sql: sql)
                    }
                }
                return .commit
            }
        }
        try queue.close()
    }

    private func createSchema(_ layer: GeoPackageLayerPlan, _ db: Database) throws {
        try db.execute(sql: GeoPackageSchemaSQL.coreTables)
        var rows = GeoPackageSpatialReference.required
        if !rows.contains(where: { $0.id == layer.srs.id }) { rows.append(layer.srs) }
        for s in rows {
            try db.execute(sql: """
                INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [s.name, s.id, s.organization, s.organizationCoordsysID, s.definition, s.description])
        }
        try db.execute(sql: """
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
            VALUES (?, 'features', ?, ?, ?)
            """, arguments: [layer.table, options.identifier ?? layer.table, options.description, layer.srs.id])
        try db.execute(sql: """
            INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [layer.table, options.geometryColumn, layer.geometryType.name, layer.srs.id,
                             layer.geometryType.z, layer.geometryType.m])
        try db.execute(sql: GeoPackageSchemaSQL.featureTable(
            layer.table, fid: options.fidColumn, geometry: options.geometryColumn,
            geometryType: layer.geometryType.name, columns: layer.columns))
        if options.spatialIndex {
            try db.execute(sql: """
                INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
                VALUES (?, ?, 'gpkg_rtree_index', ?, 'write-only')
                """, arguments: [layer.table, options.geometryColumn, GeoPackageSchemaSQL.rtreeExtensionDefinition])
            try db.execute(sql: GeoPackageSchemaSQL.rtreeTable(layer.table, options.geometryColumn))
        }
    }

    /// Inserts every feature (and its R-tree entry) and returns the extent of all geometries.
    private func insertFeatures(_ layer: GeoPackageLayerPlan, _ features: [Feature], _ db: Database) throws -> BoundingBox? {
        let insert = try db.makeStatement(sql: GeoPackageSchemaSQL.insertFeature(
            layer.table, geometry: options.geometryColumn, columns: layer.columns))
        let rtree = options.spatialIndex
            ? try db.makeStatement(sql: "INSERT INTO \(GeoPackageSchemaSQL.quote(GeoPackageSchemaSQL.rtreeName(layer.table, options.geometryColumn))) VALUES (?, ?, ?, ?, ?)")
            : nil
        var extent: BoundingBox?
        for (index, feature) in features.enumerated() {
            var values: [DatabaseValue] = []
            values.reserveCapacity(layer.columns.count + 1)
            var box: BoundingBox?
            if let geometry = feature.geometry {
                box = geometry.boundingBox
                if let b = box, ![b.minX, b.minY, b.maxX, b.maxY].allSatisfy(\.isFinite) {
                    throw GeoPackageError.nonFiniteCoordinate(feature: index)
                }
                values.append(GeoPackageGeometryBlob.encode(layer.geometryType.stored(geometry), srsID: layer.srs.id).databaseValue)
            } else {
                values.append(.null)
            }
            for column in layer.columns {
                values.append(try column.databaseValue(feature[column.name], feature: index))
            }
            try insert.execute(arguments: StatementArguments(values))
            if let b = box {
                extent = extent?.union(b) ?? b
                try rtree?.execute(arguments: [db.lastInsertedRowID, b.minX, b.maxX, b.minY, b.maxY])
            }
        }
        return extent
    }
}
