/// How `GeoPackageWriter` names and types a layer. Every property has a default, so
/// `GeoPackageWriteOptions()` writes a layer named after the collection, in the collection's CRS.
public struct GeoPackageWriteOptions: Sendable, Hashable {
    /// The feature table name; nil uses the collection's `name`, or `layer` when that is nil too.
    /// Must not be empty nor start with `gpkg_` (reserved by the standard).
    public var tableName: String?
    /// `gpkg_contents.identifier`, the title readers show; nil uses the table name.
    public var identifier: String?
    /// `gpkg_contents.description`; default empty.
    public var description: String
    /// The layer's spatial reference system. Nil derives it from the collection's `crs` (see
    /// `GeoPackageSpatialReference.init(crs:customID:)`); when that is nil too, srs_id 0
    /// ("undefined geographic") is used if every coordinate lies within ±180/±90, else -1
    /// ("undefined cartesian"). The ids -1, 0 and 4326 always mean the standard's rows.
    public var spatialReference: GeoPackageSpatialReference?
    /// Fields stored as DATETIME (`YYYY-MM-DDTHH:MM:SS.SSSZ`, UTC): string fields holding ISO 8601
    /// date-times (e.g. an incident's `occurred_at`), date fields, and numbers read as unix
    /// seconds. `PropertyValue` has no timestamp case, so the caller names these. Default empty.
    public var dateTimeFields: Set<String>
    /// The geometry column name; default `geom`.
    public var geometryColumn: String
    /// The integer primary key column name; default `fid`.
    public var fidColumn: String
    /// Build the R-tree spatial index (Annex F.3, `rtree_<table>_<geom>` and its triggers);
    /// default true. GDAL and QGIS use it for bbox queries.
    public var spatialIndex: Bool

    /// Creates options; see the properties for each default.
    public init(tableName: String? = nil, identifier: String? = nil, description: String = "",
                spatialReference: GeoPackageSpatialReference? = nil, dateTimeFields: Set<String> = [],
                geometryColumn: String = "geom", fidColumn: String = "fid", spatialIndex: Bool = true) {
        self.tableName = tableName
        self.identifier = identifier
        self.description = description
        self.spatialReference = spatialReference
        self.dateTimeFields = dateTimeFields
        self.geometryColumn = geometryColumn
        self.fidColumn = fidColumn
        self.spatialIndex = spatialIndex
    }
}
