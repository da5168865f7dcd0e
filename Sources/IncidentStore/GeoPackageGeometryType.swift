import GeoCore

/// The geometry column declaration of a layer (`gpkg_geometry_columns`): the type name, the
/// z and m flags, and whether single geometries must be promoted to their multi type so that
/// every value matches the declared type.
struct GeoPackageGeometryType: Sendable, Hashable {
    /// `POINT`, `LINESTRING`, `POLYGON`, `MULTIPOINT`, `MULTILINESTRING`, `MULTIPOLYGON`,
    /// `GEOMETRYCOLLECTION` or `GEOMETRY` (OGC 12-128r18 Annex E).
    let name: String
    /// 0 = z prohibited, 1 = mandatory, 2 = optional (some geometries have z, some not).
    let z: Int
    /// Same convention as `z`, for m.
    let m: Int
    /// True when the layer mixes e.g. Polygon and MultiPolygon (a shapefile polygon layer
    /// read feature by feature): the column is declared multi and single values are wrapped,
    /// as `ogr2ogr -nlt PROMOTE_TO_MULTI` does.
    let promotesToMulti: Bool

    /// The declaration that fits every geometry of `geometries` (nil values are ignored).
    /// One type gives that type; a single type mixed with its multi type gives the multi type;
    /// anything else, or no geometry at all, gives `GEOMETRY`.
    init(fitting geometries: [Geometry?]) {
        var names = Set<String>()
        var withZ = 0, withM = 0, count = 0
        for case let g? in geometries {
            names.insert(g.typeName)
            count += 1
            if g.hasZ { withZ += 1 }
            if g.hasM { withM += 1 }
        }
        z = withZ == 0 ? 0 : (withZ == count ? 1 : 2)
        m = withM == 0 ? 0 : (withM == count ? 1 : 2)
        if names.count == 1, let only = names.first {
            name = only.uppercased()
            promotesToMulti = false
        } else if names.count == 2, let multi = names.first(where: { $0.hasPrefix("Multi") }),
                  names.contains(String(multi.dropFirst("Multi".count))) {
            name = multi.uppercased()
            promotesToMulti = true
        } else {
            name = "GEOMETRY"
            promotesToMulti = false
        }
    }

    /// `geometry` as stored: wrapped in its multi type when the column promotes.
    func stored(_ geometry: Geometry) -> Geometry {
        guard promotesToMulti else { return geometry }
        switch geometry {
        case .point(let p): return .multiPoint(MultiPoint([p]))
        case .lineString(let l): return .multiLineString(MultiLineString([l]))
        case .polygon(let p): return .multiPolygon(MultiPolygon([p]))
        default: return geometry
        }
    }
}
