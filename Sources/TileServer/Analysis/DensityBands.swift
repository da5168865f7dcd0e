import Foundation
import GeoCore
import GeoProjection

/// Which surface a tile at a zoom is cut from. A density surface is computed once per zoom band
/// on a Web Mercator grid aligned to the world pixel grid, with cells half a pixel wide at the
/// band's zoom (a little finer than the tiles' pixels), and tiles sample it between cell
/// centres: every tile of a band reads the same surface, so tiles agree across every edge.
///
/// Deeper zooms share one band: once a cell is a sixteenth of the kernel radius on the ground,
/// a finer grid changes no colour (bilinear interpolation of the quartic kernel between samples
/// h/16 apart errs by at most 4·(1/16)²/8 ≈ 0.2 % of a point's peak, under one step of an 8-bit
/// colour ramp). Grids are capped at `maxSide` cells a side; beyond it the cells grow instead.
struct DensityBands: Sendable, Hashable {
    /// The kernel radius in ground metres.
    let bandwidth: Double
    /// Latitude at which mercator lengths are converted to ground lengths (the data's centre).
    let latitude: Double

    static let maxSide = 4096
    static let cellsPerRadius = 16.0

    /// Mercator metres per surface cell at `zoom`: half a 256 px tile's pixel.
    static func mercatorCell(zoom: Int) -> Double { WebMercator.resolution(zoom: zoom) / 2 }

    /// Ground metres per mercator metre at `latitude`.
    var groundPerMercator: Double { cos(latitude * .pi / 180) }

    /// The band of `zoom`: the zoom itself, or the first zoom whose cells are at most h/16.
    func band(forZoom zoom: Int) -> Int {
        var z = 0
        while z < zoom, Self.mercatorCell(zoom: z) * groundPerMercator > bandwidth / Self.cellsPerRadius { z += 1 }
        return z
    }

    /// The grid of band `band` over `extent` (EPSG:3857 metres): aligned to multiples of the
    /// cell size, grown to at most `maxSide` cells a side.
    func mercatorGrid(band: Int, covering extent: BoundingBox) -> (originX: Double, originY: Double, cell: Double, width: Int, height: Int) {
        var cell = Self.mercatorCell(zoom: band)
        while max(extent.width, extent.height) / cell > Double(Self.maxSide) { cell *= 2 }
        let minX = (extent.minX / cell).rounded(.down) * cell, maxX = (extent.maxX / cell).rounded(.up) * cell
        let minY = (extent.minY / cell).rounded(.down) * cell, maxY = (extent.maxY / cell).rounded(.up) * cell
        return (minX, maxY, cell, max(1, Int(((maxX - minX) / cell).rounded())), max(1, Int(((maxY - minY) / cell).rounded())))
    }
}
