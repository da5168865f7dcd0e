import Foundation
import GeoCore
import GeoProjection
import HotspotAnalysis
import MapRenderer

/// A density surface computed in a metric CRS, made drawable by `heatmap` layers: resampled onto
/// a Web Mercator grid and given its fixed colour scale.
public enum MapDensityRaster {
    /// The density shown as `heatmap-density` 1 when a source states none: the 99th percentile
    /// of the non-zero cells of `surface` (the data's surface), so that the densest 1 % of the
    /// area with incidents saturates and the rest of the ramp spreads over the remainder; the
    /// highest value alone would leave all but one hot spot pale.
    public static func defaultScale(_ surface: DensitySurface) -> Double {
        let values = surface.dataValues.sorted()
        guard !values.isEmpty else { return 1 }
        let v = values[min(values.count - 1, Int(Double(values.count) * 0.99))]
        return v > 0 ? v : (values.last ?? 1)
    }

    /// `surface` (in `crs`) resampled onto the Web Mercator grid with north-west corner
    /// (`originX`, `originY`), `cell` metres, `width` × `height` cells, drawn with `scale`.
    /// - Throws: projection and grid errors.
    public static func make(_ surface: DensitySurface, crs: CRS, originX: Double, originY: Double, cell: Double,
                            width: Int, height: Int, scale: Double) throws -> SuppliedRaster {
        var analysis = try surface.grid()
        analysis.crs = crs.definition
        var grid = try GridResampling.resample(analysis, width: width, height: height, originX: originX, originY: originY,
                                               cellSize: cell, target: CRS.webMercator)
        grid.crs = "EPSG:3857"
        return try SuppliedRaster(grid: grid, scale: scale)
    }
}
