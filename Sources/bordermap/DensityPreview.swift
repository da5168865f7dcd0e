import Foundation
import GeoCore
import GeoProjection
import HotspotAnalysis
import MapRenderer
import PNGCodec
import TileServer

/// The `.png` output of `bordermap density`: the surface drawn by the report style's heat map
/// layer over its basemap, framed on the grid, with a title stating the radius, kernel and unit,
/// and a legend (the colour scale: the data's 99th percentile = the top of the ramp).
struct DensityPreview {
    let styles: String
    let data: String
    static let size = "1400x1000"

    func write(_ result: KernelDensity.Result, kernel: String, crs: CRS, to path: String) throws {
        let layout = result.surface.layout
        let lonLat = try Transformer(from: crs, to: CRS.wgs84).transformBounds(layout.bounds)
        let request = try StaticMapRequest(size: Self.size, scale: 1, bbox: "\(lonLat.minX),\(lonLat.minY),\(lonLat.maxX),\(lonLat.maxY)",
                                           center: nil, zoom: nil)
        let viewport = request.viewport
        let renderer = try MapRenderer(styleFile: StyleLocator.url("report", in: styles), dataDirectory: URL(fileURLWithPath: data))
        var supplied = SuppliedFeatures()
        for id in renderer.layerIDs(drawing: [.incidents, .hotspots, .routes]) { supplied.setVisibility(false, forLayer: id) }
        let cell = viewport.metersPerPixel  // per device pixel
        let raster = try MapDensityRaster.make(result.surface, crs: crs, originX: viewport.bounds.minX, originY: viewport.bounds.maxY,
                                               cell: cell, width: viewport.width, height: viewport.height,
                                               scale: MapDensityRaster.defaultScale(result.surface))
        for source in renderer.suppliedSources() where source.kind == .density { supplied.setRaster(raster, forSource: source.id) }
        let title = String(format: "Kernel density of incidents: %@ kernel, radius %.1f km, values %@",
                           kernel, result.bandwidth / 1000, result.surface.unit.description)
        let image = try renderer.renderStaticMap(viewport, options: StaticMapOptions(title: title, legend: true,
                                                                                   attribution: Attribution.line(dataDirectory: data)),
                                                 supplied: supplied)
        let png = try PNGEncoder(options: .init(format: .rgba)).encode(image)
        try Data(png).write(to: URL(fileURLWithPath: path))
        print("\(path): \(image.width)x\(image.height) px map of the surface")
    }
}
