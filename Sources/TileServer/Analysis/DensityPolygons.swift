import Foundation
import GeoCore
import GeoProjection
import HotspotAnalysis

/// Hot spot polygons of a density surface, as analysts open them in ArcGIS and QGIS: the
/// isobands of the surface at class breaks (`Isobands`: cells dissolved per class, simplified to
/// half a cell with GEOS, valid, holes where the surface dips), reprojected to WGS 84, each with
/// `class` (1 = lowest), `value_min`, `value_max` (the class's density range, the surface's
/// unit), `incident_count` and `weight_sum` of the incidents inside. The lowest class, the faint
/// rim of every kernel's footprint, is left out.
public enum DensityPolygons {
    public static let fields: [Field] = [
        Field(name: "class", type: .integer), Field(name: "value_min", type: .real, width: 24, precision: 12),
        Field(name: "value_max", type: .real, width: 24, precision: 12), Field(name: "incident_count", type: .integer),
        Field(name: "weight_sum", type: .real, width: 18, precision: 6),
    ]

    /// - Parameters:
    ///   - classes: `jenks:5`, `quantile:4`, `equal:5`, `stddev:1` or `values:0.1,0.5,1`.
    ///   - points: the incidents in `crs`, counted per polygon.
    /// - Throws: `ClassBreakMethod.ParseError` for a bad spec; GEOS and PROJ errors.
    public static func features(_ surface: DensitySurface, classes: String, points: [AnalysisPoint], crs: CRS) throws -> [Feature] {
        let breaks = try ClassBreaks(values: surface.dataValues, method: try ClassBreakMethod(parsing: classes))
        let toLonLat = try Transformer(from: crs, to: CRS.wgs84)
        return try Isobands.polygons(surface: surface, breaks: breaks, points: points).map { f in
            var g = f
            g.geometry = try f.geometry?.transformed(by: toLonLat)
            return g
        }
    }
}
