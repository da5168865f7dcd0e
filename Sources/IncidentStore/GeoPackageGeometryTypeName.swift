import GeoCore

/// The geometry type of a GeoPackage geometry column (`gpkg_geometry_columns.geometry_type_name`,
/// OGC 12-128r18 Annex E), declared up front when features are streamed with
/// `GeoPackageLayerWriter`.
public enum GeoPackageGeometryTypeName: String, Sendable, Hashable, CaseIterable {
    case point = "POINT"
    case lineString = "LINESTRING"
    case polygon = "POLYGON"
    case multiPoint = "MULTIPOINT"
    case multiLineString = "MULTILINESTRING"
    case multiPolygon = "MULTIPOLYGON"
    case geometryCollection = "GEOMETRYCOLLECTION"
    /// Any geometry type (GDAL: "Unknown (any)").
    case geometry = "GEOMETRY"

    /// The name of `geometry`'s own type.
    init(of geometry: Geometry) {
        switch geometry {
        case .point: self = .point
        case .lineString: self = .lineString
        case .polygon: self = .polygon
        case .multiPoint: self = .multiPoint
        case .multiLineString: self = .multiLineString
        case .multiPolygon: self = .multiPolygon
        case .geometryCollection: self = .geometryCollection
        }
    }

    /// The multi type whose parts are this type, for point, line string and polygon.
    var multi: GeoPackageGeometryTypeName? {
        switch self {
        case .point: .multiPoint
        case .lineString: .multiLineString
        case .polygon: .multiPolygon
        default: nil
        }
    }

    /// True when a column of this type can hold `geometry` as it is, or wrapped in this multi type.
    func accepts(_ geometry: Geometry) -> Bool {
        let own = GeoPackageGeometryTypeName(of: geometry)
        return self == .geometry || self == own || own.multi == self
    }
}
