import MapStyle
import Rasterizer

/// `heatmap` layers over a `density` source: every device pixel takes the supplied surface's
/// value at its centre (bilinear between cell centres), divided by the raster's fixed `scale`
/// and multiplied by `heatmap-intensity`, clamped to 0...1 as `heatmap-density`, coloured by
/// `heatmap-color` (through a 256-entry table) and blended with `heatmap-opacity`.
/// `heatmap-radius` and `heatmap-weight` belong to point heatmaps and are not used: the kernel
/// radius is the source's, in metres. Pixel values depend only on the pixel's position, so tiles
/// agree across every edge.
enum HeatmapLayerRenderer {
    static func draw(_ layer: StyleLayer, raster: SuppliedRaster?, in ctx: inout RenderContext) {
        guard let raster else { return }
        let e = ctx.evaluation([:])
        let opacity = max(0, min(1, layer.property("heatmap-opacity").number(e)))
        let intensity = layer.property("heatmap-intensity").number(e)
        guard opacity > 0, intensity > 0 else { return }
        let ramp = colorTable(layer, zoom: ctx.zoom, opacity: opacity)
        let width = ctx.viewport.width, height = ctx.viewport.height
        let perValue = intensity / raster.scale
        let bounds = raster.grid.bounds
        // Rows and columns of device pixels whose centres fall inside the grid.
        let xs = (0..<width).map { ctx.originX + (Double($0) + 0.5) / ctx.scale }
        let clear = PremultipliedColor(r: 0, g: 0, b: 0, a: 0)
        var colors = [PremultipliedColor](repeating: clear, count: width)
        for row in 0..<height {
            let y = ctx.originY - (Double(row) + 0.5) / ctx.scale
            guard y > bounds.minY, y < bounds.maxY else { continue }
            var any = false
            for col in 0..<width {
                colors[col] = clear
                guard xs[col] > bounds.minX, xs[col] < bounds.maxX,
                      let v = raster.value(x: xs[col], y: y), v > 0 else { continue }
                colors[col] = ramp[Int((min(1, v * perValue) * 255).rounded())]
                any = true
            }
            if any { ctx.pixmap.blendRow(y: row, x: 0, colors: colors) }
        }
    }

    /// `heatmap-color` at densities 0/255 ... 255/255, premultiplied, with the layer opacity.
    static func colorTable(_ layer: StyleLayer, zoom: Double, opacity: Double) -> [PremultipliedColor] {
        let color = layer.property("heatmap-color")
        return (0...255).map { i in
            let e = EvaluationContext(zoom: zoom, heatmapDensity: Double(i) / 255)
            guard let c = StyleBridge.color(color.color(e), opacity: opacity) else { return PremultipliedColor(r: 0, g: 0, b: 0, a: 0) }
            return PremultipliedColor(c)
        }
    }
}
