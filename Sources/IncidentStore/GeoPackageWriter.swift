import Foundation
import GeoCore

/// Writes a `FeatureCollection` as a GeoPackage 1.3 vector file (OGC 12-128r18), the SQLite
/// format ArcGIS Pro, QGIS and GDAL open natively.
///
/// The file holds the required `gpkg_spatial_ref_sys` rows (-1, 0, 4326, plus the layer's CRS),
/// one `features` row in `gpkg_contents` with the layer's extent, its `gpkg_geometry_columns`
/// row, the feature table (`fid INTEGER PRIMARY KEY AUTOINCREMENT`, `geom` as GeoPackage
/// binary geometry with ISO WKB, typed attribute columns) and, by default, the R-tree spatial
/// index with the six triggers of Annex F.3, declared in `gpkg_extensions`. Field types map to
/// TEXT, INTEGER, REAL, BOOLEAN, DATE (`YYYY-MM-DD`) and DATETIME (see
/// `GeoPackageWriteOptions.dateTimeFields`); text is stored as UTF-8. Columns follow
/// `FeatureCollection.allFields` (declared fields, then any other property names). The geometry
/// column type is the one type all geometries share, the multi type when single and multi
/// geometries of one kind mix (singles are wrapped), else `GEOMETRY`.
///
/// Everything is written in one transaction into a temporary file beside `path`, which then
/// replaces `path` in one `rename`: readers never see a half-written GeoPackage. To stream
/// features without building a collection, use `GeoPackageLayerWriter`.
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
        let plan = try GeoPackageLayerPlan(collection, options: options)
        let writer = try GeoPackageLayerWriter(path: path, plan: plan, options: options)
        try writer.append(contentsOf: collection.features)
        try writer.finish()
    }
}
