import Foundation
import GRDB
import GeoCore

/// Streams features into a new GeoPackage 1.3 file, one transaction for the whole layer, so an
/// export of a million incidents never holds them all in memory (`GeoPackageWriter` writes a
/// whole `FeatureCollection` through this class).
///
/// Rows go into a temporary file beside the target; `finish()` fills in the layer extent, adds
/// the R-tree triggers, commits and renames the file over the target. An error in `append`
/// or `finish`, or releasing the writer unfinished, rolls everything back and deletes the
/// temporary file: the target is either the complete new layer or untouched.
///
/// Safe to call from several threads (calls are serialised by a lock), e.g. from the `@Sendable`
/// body of `IncidentStoring.forEach`; feature order is call order.
public final class GeoPackageLayerWriter: @unchecked Sendable {
    private let lock = NSLock()
    private let plan: GeoPackageLayerPlan
    private let options: GeoPackageWriteOptions
    private let path: String
    private let temporary: String
    private let insertSQL: String
    private let rtreeSQL: String
    private var queue: DatabaseQueue?
    private var extent: BoundingBox?
    private var count = 0

    /// Starts a layer whose geometry type is declared up front.
    /// - Parameters:
    ///   - path: the GeoPackage to create; an existing file is replaced by `finish()`.
    ///   - name: the layer (table) name unless `options.tableName` is set; nil means `layer`.
    ///   - fields: the attribute columns, in order; properties not named here are not written.
    ///   - crs: the CRS as `GeoProjection.CRS` accepts it (`EPSG:4326`, WKT, PROJ string), or nil
    ///     (srs_id 0, undefined geographic) unless `options.spatialReference` is set.
    ///   - geometryType: every appended geometry must be of this type (single geometries are
    ///     wrapped when the type is their multi type; `.geometry` takes all).
    ///   - hasZ, hasM: whether geometries may carry z / m (declared "optional" in
    ///     `gpkg_geometry_columns`); default false, and then geometries with z or m are refused.
    ///   - options: table naming, date-time fields, spatial index.
    /// - Throws: `GeoPackageError.invalidName`, `ProjectionError` for an unusable CRS, GRDB's
    ///   `DatabaseError` when the file cannot be created.
    public convenience init(path: String, name: String?, fields: [Field], crs: String?,
                            geometryType: GeoPackageGeometryTypeName, hasZ: Bool = false, hasM: Bool = false,
                            options: GeoPackageWriteOptions = GeoPackageWriteOptions()) throws {
        let type = GeoPackageGeometryType(name: geometryType, z: hasZ ? 2 : 0, m: hasM ? 2 : 0)
        try self.init(path: path, plan: GeoPackageLayerPlan(name: name, fields: fields, crs: crs, geometryType: type,
                                                             lonLatSized: true, options: options), options: options)
    }

    init(path: String, plan: GeoPackageLayerPlan, options: GeoPackageWriteOptions) throws {
        self.plan = plan
        self.options = options
        self.path = path
        let target = URL(fileURLWithPath: path)
        temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp").path
        insertSQL = GeoPackageSchemaSQL.insertFeature(plan.table, geometry: options.geometryColumn, columns: plan.columns)
        rtreeSQL = "INSERT INTO \(GeoPackageSchemaSQL.quote(GeoPackageSchemaSQL.rtreeName(plan.table, options.geometryColumn))) VALUES (?, ?, ?, ?, ?)"
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // The layer's one transaction spans many `append` calls.
        configuration.allowsUnsafeTransactions = true
        do {
            let queue = try DatabaseQueue(path: temporary, configuration: configuration)
            self.queue = queue
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: GeoPackageSchemaSQL.pragmas)
                try db.execute(sql: "BEGIN IMMEDIATE")
                try GeoPackageSchemaSQL.create(plan, options: options, db)
            }
        } catch {
            abandon()
            throw error
        }
    }

    deinit { abandon() }

    /// Number of features appended so far.
    public var featureCount: Int { lock.withLock { count } }

    /// Appends one feature.
    /// - Throws: `GeoPackageError.valueMismatch`, `.geometryMismatch`, `.nonFiniteCoordinate`,
    ///   `.writerClosed`, or GRDB's `DatabaseError`; any error abandons the whole layer.
    public func append(_ feature: Feature) throws {
        try append(contentsOf: CollectionOfOne(feature))
    }

    /// Appends features in order, in one database access (faster than one `append` each).
    /// - Throws: as `append(_:)`.
    public func append<S: Sequence>(contentsOf features: S) throws where S.Element == Feature {
        try lock.withLock {
            guard let queue else { throw GeoPackageError.writerClosed }
            do {
                try queue.writeWithoutTransaction { db in
                    let insert = try db.cachedStatement(sql: insertSQL)
                    let rtree = options.spatialIndex ? try db.cachedStatement(sql: rtreeSQL) : nil
                    for feature in features {
                        let box = try insertRow(feature, index: count, insert)
                        if let box {
                            extent = extent?.union(box) ?? box
                            try rtree?.execute(arguments: [db.lastInsertedRowID, box.minX, box.maxX, box.minY, box.maxY])
                        }
                        count += 1
                    }
                }
            } catch {
                abandon()
                throw error
            }
        }
    }

    /// Inserts one row and returns the geometry's bounding box (nil for no or empty geometry).
    private func insertRow(_ feature: Feature, index: Int, _ insert: Statement) throws -> BoundingBox? {
        var values: [DatabaseValue] = []
        values.reserveCapacity(plan.columns.count + 1)
        var box: BoundingBox?
        if let geometry = feature.geometry {
            guard plan.geometryType.accepts(geometry) else {
                let t = plan.geometryType
                throw GeoPackageError.geometryMismatch(
                    feature: index, column: "\(t.name.rawValue), z \(t.z), m \(t.m)",
                    geometry: geometry.typeName + (geometry.hasZ ? " Z" : "") + (geometry.hasM ? " M" : ""))
            }
            box = geometry.boundingBox
            if let b = box, ![b.minX, b.minY, b.maxX, b.maxY].allSatisfy(\.isFinite) {
                throw GeoPackageError.nonFiniteCoordinate(feature: index)
            }
            values.append(GeoPackageGeometryBlob.encode(plan.geometryType.stored(geometry), srsID: plan.srs.id).databaseValue)
        } else {
            values.append(.null)
        }
        for column in plan.columns {
            values.append(try column.databaseValue(feature[column.name], feature: index))
        }
        try insert.execute(arguments: StatementArguments(values))
        return box
    }

    /// Writes the extent, creates the R-tree triggers, commits, and moves the file to `path`.
    /// - Throws: `.writerClosed` when already finished or failed, GRDB's `DatabaseError`,
    ///   `.fileSystem` when the rename fails; the layer is abandoned on error.
    public func finish() throws {
        try lock.withLock {
            guard let queue else { throw GeoPackageError.writerClosed }
            do {
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                                   arguments: [extent?.minX, extent?.minY, extent?.maxX, extent?.maxY, plan.table])
                    if options.spatialIndex {
                        for sql in GeoPackageSchemaSQL.rtreeTriggers(plan.table, options.geometryColumn, fid: options.fidColumn) {
                            try db.execute(sql: sql)
                        }
                    }
                    try db.execute(sql: "COMMIT")
                }
                try queue.close()
                self.queue = nil
                guard rename(temporary, path) == 0 else {
                    throw GeoPackageError.fileSystem(path: path, message: String(cString: strerror(errno)))
                }
            } catch {
                abandon()
                throw error
            }
        }
    }

    /// Rolls back, closes and deletes the temporary file (idempotent; called with the lock held
    /// or from deinit).
    private func abandon() {
        if let queue {
            try? queue.writeWithoutTransaction { db in
                if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
            }
            try? queue.close()
        }
        queue = nil
        for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
    }
}
