import GeoCore

/// The geometry column declaration of a layer (`gpkg_geometry_columns`): the type name and the
/// z and m flags. Single geometries stored in a multi column are wrapped in the multi type, as
/// `ogr2ogr -nlt PROMOTE_TO_MULTI` does, so every value matches the declared type.
struct GeoPackageGeometryType: Sendable, Hashable {
    let name: GeoPackageGeometryTypeName
    /// 0 = z prohibited, 1 = mandatory, 2 = optional (some geometries have z, some not).
    let z: Int
    /// Same convention as `z`, for m.
    let m: Int

    init(name: GeoPackageGeometryTypeName, z: Int, m: Int) {
        self.name = name
        self.z = z
        self.m = m
    }

    /// The declaration that fits every geometry of `geometries` (nil values are ignored).
    /// One type gives that type; a single type mixed with its multi type (a shapefile polygon
    /// layer read feature by feature) gives the multi type; anything else, or no geometry at
    /// all, gives `GEOMETRY`.
    init(fitting geometries: [Geometry?]) {
        var names = Set<GeoPackageGeometryTypeName>()
        var withZ = 0, withM = 0, count = 0
        for case let g? in geometries {
            names.insert(GeoPackageGeometryTypeName(of: g))
            count += 1
            if g.hasZ { withZ += 1 }
            if g.hasM { withM += 1 }
        }
        z = withZ == 0 ? 0 : (withZ == count ? 1 : 2)
        m = withM == 0 ? 0 : (withM == count ? 1 : 2)
        if names.count == 1, let only = names.first {
            name = only
        } else if names.count == 2, let multi = names.first(where: { t in names.contains { $0.multi == t } }) {
            name = multi
        } else {
            name = .geometry
        }
    }

    /// `geometry` as stored: wrapped in the column's multi type when it is that type's part.
    func stored(_ geometry: Geometry) -> Geometry {
        switch (name, geometry) {
        case (.multiPoint, .point(let p)): .multiPoint(MultiPoint([p]))
        case (.multiLineString, .lineString(let l)): .multiLineString(MultiLineString([l]))
        case (.multiPolygon, .polygon(let p)): .multiPolygon(MultiPolygon([p]))
        default: geometry
        }
    }

    /// True when `geometry` may be stored in this column: its type fits (see
    /// `GeoPackageGeometryTypeName.accepts`) and it has z or m only where the flags allow them.
    func accepts(_ geometry: Geometry) -> Bool {
        guard name.accepts(geometry) else { return false }
        let hasZ = geometry.hasZ, hasM = geometry.hasM
        if (z == 0 && hasZ) || (z == 1 && !hasZ) || (m == 0 && hasM) || (m == 1 && !hasM) { return false }
        return true
    }
}
