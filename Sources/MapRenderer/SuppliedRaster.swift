import GeoCore

/// A density surface handed to one render for a style's `density` source, drawn by `heatmap`
/// layers: a grid in Web Mercator (EPSG:3857) metres whose values are densities, and the fixed
/// value that shows as `heatmap-density` 1 for the whole map (never normalised per tile, so
/// neighbouring tiles agree). Pixels are sampled bilinearly between cell centres; nodata and
/// cells outside the grid draw nothing.
public struct SuppliedRaster: Sendable {
    /// The surface, north-up, in EPSG:3857 metres.
    public let grid: Grid
    /// The grid value drawn as `heatmap-density` 1 (values above it saturate); positive.
    public let scale: Double

    /// Errors in what was supplied.
    public enum RasterError: Error, Equatable, CustomStringConvertible {
        case notWebMercator(String?)
        case badScale(Double)
        public var description: String {
            switch self {
            case .notWebMercator(let crs): "a supplied density grid must be in EPSG:3857, found \(crs ?? "no CRS")"
            case .badScale(let s): "the heatmap scale must be finite and positive, found \(s)"
            }
        }
    }

    /// - Throws: `RasterError` when the grid is not marked EPSG:3857 or the scale is not positive.
    public init(grid: Grid, scale: Double) throws {
        guard let crs = grid.crs, ["EPSG:3857", "epsg:3857"].contains(crs) else { throw RasterError.notWebMercator(grid.crs) }
        guard scale.isFinite, scale > 0 else { throw RasterError.badScale(scale) }
        self.grid = grid
        self.scale = scale
    }

    /// The bilinearly interpolated value at (x, y) in EPSG:3857 metres; nil outside the grid's
    /// cell centres or next to nodata.
    func value(x: Double, y: Double) -> Double? {
        let g = grid
        let fc = (x - g.originX) / g.cellSize - 0.5, fr = (g.originY - y) / g.cellSize - 0.5
        guard fc >= 0, fr >= 0 else { return nil }
        let c0 = Int(fc), r0 = Int(fr)
        guard c0 < g.width, r0 < g.height else { return nil }
        let c1 = min(c0 + 1, g.width - 1), r1 = min(r0 + 1, g.height - 1)
        let tx = fc - Double(c0), ty = fr - Double(r0)
        let v00 = g.values[r0 * g.width + c0], v01 = g.values[r0 * g.width + c1]
        let v10 = g.values[r1 * g.width + c0], v11 = g.values[r1 * g.width + c1]
        if let nd = g.nodata, v00 == nd || v01 == nd || v10 == nd || v11 == nd {
            // Next to nodata (beyond every kernel): the nearest sample decides.
            let v = [v00, v01, v10, v11][(ty < 0.5 ? 0 : 2) + (tx < 0.5 ? 0 : 1)]
            return v == nd ? nil : Double(v)
        }
        let top = Double(v00) + (Double(v01) - Double(v00)) * tx
        let bottom = Double(v10) + (Double(v11) - Double(v10)) * tx
        return top + (bottom - top) * ty
    }
}
