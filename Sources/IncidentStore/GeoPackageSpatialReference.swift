import GeoProjection

/// One row of `gpkg_spatial_ref_sys`: a spatial reference system a GeoPackage layer refers to
/// by `id` (OGC 12-128r18 §1.1.2).
public struct GeoPackageSpatialReference: Sendable, Hashable {
    /// `srs_name`, a human-readable name, e.g. `WGS 84 / UTM zone 42N`.
    public var name: String
    /// `srs_id`, the key the layer's contents, geometry column and geometry blobs use. By
    /// convention the EPSG code when `organization` is `EPSG`.
    public var id: Int32
    /// `organization`, e.g. `EPSG` (case-insensitive), or `NONE` for a CRS without an authority.
    public var organization: String
    /// `organization_coordsys_id`, the code within `organization`.
    public var organizationCoordsysID: Int
    /// `definition`: OGC WKT1 of the CRS (the GeoPackage 1.3 core column), or `undefined`.
    public var definition: String
    /// `description`, optional free text.
    public var description: String?

    /// Creates a row from its columns; see the properties for their meaning.
    public init(name: String, id: Int32, organization: String, organizationCoordsysID: Int,
                definition: String, description: String? = nil) {
        self.name = name
        self.id = id
        self.organization = organization
        self.organizationCoordsysID = organizationCoordsysID
        self.definition = definition
        self.description = description
    }

    /// The row for `crs` (anything `GeoProjection.CRS` accepts: `EPSG:n`, OGC or ESRI WKT such
    /// as a shapefile's `.prj`, a PROJ string). When PROJ identifies an EPSG code the id is that
    /// code and the organization `EPSG` (EPSG:4326 gives exactly `wgs84`); otherwise the id is
    /// `customID` and the organization `NONE`.
    /// - Parameter customID: the srs_id for a CRS without an EPSG code; default 100000 (above
    ///   every EPSG code, and not one of the reserved ids -1 and 0).
    /// - Throws: `ProjectionError` when PROJ rejects `crs` or cannot write it as WKT1.
    public init(crs text: String, customID: Int32 = 100_000) throws {
        let crs = try CRS(text)
        if crs.epsgCode == 4326 {
            self = .wgs84
            return
        }
        let wkt = try crs.wkt(.wkt1GDAL)
        if let code = crs.epsgCode, let id = Int32(exactly: code) {
            self.init(name: crs.name, id: id, organization: "EPSG", organizationCoordsysID: code, definition: wkt)
        } else {
            self.init(name: crs.name, id: customID, organization: "NONE", organizationCoordsysID: Int(customID),
                      definition: wkt)
        }
    }

    /// The required row `srs_id = -1`: undefined Cartesian coordinates.
    public static let undefinedCartesian = GeoPackageSpatialReference(
        name: "Undefined cartesian SRS", id: -1, organization: "NONE", organizationCoordsysID: -1,
        definition: "undefined", description: "undefined cartesian coordinate reference system")

    /// The required row `srs_id = 0`: undefined geographic coordinates.
    public static let undefinedGeographic = GeoPackageSpatialReference(
        name: "Undefined geographic SRS", id: 0, organization: "NONE", organizationCoordsysID: 0,
        definition: "undefined", description: "undefined geographic coordinate reference system")

    /// The required row `srs_id = 4326`: WGS 84 longitude/latitude (EPSG:4326), with the WKT1 the
    /// EPSG registry publishes for it.
    public static let wgs84 = GeoPackageSpatialReference(
        name: "WGS 84 geodetic", id: 4326, organization: "EPSG", organizationCoordsysID: 4326,
        definition: """
            GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],\
            AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],\
            UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],\
            AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]
            """,
        description: "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid")

    /// The three rows every GeoPackage holds.
    static let required: [GeoPackageSpatialReference] = [undefinedCartesian, undefinedGeographic, wgs84]
}
