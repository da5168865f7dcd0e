import GeoCore
import GeoProjection

/// Kernel density with geodesic distances on the WGS 84 ellipsoid, for points given in
/// longitude/latitude (ArcGIS's "Geodesic" method).
///
/// Layout: the cells are laid out in a projected CRS (`layout` in `crs`, metres), as a raster
/// must be; each cell centre is converted to longitude/latitude (PROJ), and the distance from
/// each point to each cell centre is the geodesic distance (Karney's algorithm through PROJ's
/// `proj_geod`, `GeoProjection.Geodesic`). The kernel (`DensityKernel`) and units are those of
/// the planar method, with d geodesic and h in metres; densities stay per km² of the ellipsoid
/// (the kernel integrates to 1 over the ellipsoid's surface to the accuracy of the plane
/// approximation within h, which is ample for h ≪ Earth's radius).
///
/// Candidate cells: those within h·k·1.1 + cellSize of the projected point, where k is the
/// projection's largest scale factor at the point (measured over 0.01° steps north and east).
/// This assumes the scale changes by less than 10 % across one kernel; true for the regional
/// CRSs `ProjectionChooser` picks (UTM, Albers) with radii up to a few hundred km.
///
/// Cost: one geodesic inverse per candidate (cell, point) pair (about 1 µs), single-threaded;
/// meant for analyst runs (thousands of points, grids up to a few million cells), not for tiles.
public enum GeodesicKernelDensity {
    /// - Parameters:
    ///   - points: x = longitude, y = latitude (degrees), weight.
    ///   - layout: the grid, in `crs` units (metres).
    ///   - crs: a projected CRS.
    ///   - bandwidth: h in metres (geodesic).
    /// - Throws: `DensityError.invalidLonLat`, `.invalidBandwidth`, `.negativeWeight`,
    ///   `ProjectionError` from PROJ.
    public static func surface(points: [AnalysisPoint], layout: DensityGridLayout, crs: CRS,
                               kernel: DensityKernel = .quartic, bandwidth h: Double,
                               unit: DensityUnit = .perSquareKilometre, weighted: Bool = true) throws -> DensitySurface {
        guard h.isFinite, h > 0 else { throw DensityError.invalidBandwidth(h) }
        for (i, p) in points.enumerated() {
            guard p.x.isFinite, p.y.isFinite, abs(p.y) <= 90, abs(p.x) <= 540 else { throw DensityError.invalidLonLat(index: i) }
            let w = weighted ? p.weight : 1
            guard w.isFinite else { throw DensityError.invalidPoint(index: i) }
            guard w >= 0 else { throw DensityError.negativeWeight(index: i, weight: w) }
        }
        let toGrid = try Transformer(from: try CRS.wgs84, to: crs)
        // Cell centres in lon/lat.
        let cxs = layout.centreXs(), cys = layout.centreYs()
        var lon = [Double](), lat = [Double]()
        lon.reserveCapacity(cxs.count * cys.count)
        lat.reserveCapacity(cxs.count * cys.count)
        for y in cys { for x in cxs { lon.append(x); lat.append(y) } }
        try toGrid.transform(x: &lon, y: &lat, direction: .inverse)
        // Points in the grid's CRS, and a northward and eastward neighbour for the scale factor.
        let n = points.count
        var px = points.map(\.x) + points.map(\.x) + points.map { $0.x + 0.01 }
        var py = points.map(\.y) + points.map { min(90, $0.y + 0.01) } + points.map(\.y)
        try toGrid.transform(x: &px, y: &py)

        let c = kernel.normalisingConstant(bandwidth: h) * unit.factor(cellSize: layout.cellSize)
        let invH2 = 1 / (h * h)
        var values = [Double](repeating: 0, count: cxs.count * cys.count)
        let step = layout.cellSize
        for (i, p) in points.enumerated() {
            let w = weighted ? p.weight : 1
            guard w > 0 else { continue }
            let here = Coordinate(p.x, p.y)
            var k = 1.0
            for m in [n + i, 2 * n + i] {
                let g = try Geodesic.distance(from: here, to: Coordinate(m < 2 * n ? p.x : p.x + 0.01, m < 2 * n ? min(90, p.y + 0.01) : p.y))
                let planar = ((px[m] - px[i]) * (px[m] - px[i]) + (py[m] - py[i]) * (py[m] - py[i])).squareRoot()
                if g > 0 { k = max(k, planar / g) }
            }
            let reach = h * k * 1.1 + step
            let j0 = max(0, Int(min(1e15, max(-1e15, ((px[i] - reach - cxs[0]) / step).rounded(.down)))))
            let j1 = min(cxs.count - 1, Int(min(1e15, max(-1e15, ((px[i] + reach - cxs[0]) / step).rounded(.up)))))
            let r0 = max(0, Int(min(1e15, max(-1e15, ((cys[0] - py[i] - reach) / step).rounded(.down)))))
            let r1 = min(cys.count - 1, Int(min(1e15, max(-1e15, ((cys[0] - py[i] + reach) / step).rounded(.up)))))
            guard j0 <= j1, r0 <= r1 else { continue }
            for r in r0...r1 {
                for j in j0...j1 {
                    let cell = r * cxs.count + j
                    let dx = cxs[j] - px[i], dy = cys[r] - py[i]
                    guard dx * dx + dy * dy <= reach * reach else { continue }
                    let d = try Geodesic.distance(from: here, to: Coordinate(lon[cell], lat[cell]))
                    values[cell] += w * c * kernel.profile(uSquared: d * d * invH2)
                }
            }
        }
        return DensitySurface(checked: layout, values: values, unit: unit, crs: crs.definition)
    }
}
