import Rasterizer

/// `symbol` layers: draws the labels `LabelPlacement` placed for this layer.
enum SymbolLayerRenderer {
    /// - Parameters:
    ///   - labels: this layer's placed labels.
    ///   - worldOrigin: the world CSS-px position of the canvas's top-left corner.
    static func draw(_ labels: [PlacedLabel], worldOrigin: (x: Double, y: Double), in ctx: inout RenderContext) {
        for label in labels {
            let at = PathPoint((label.x - worldOrigin.x) * ctx.ratio, (label.y - worldOrigin.y) * ctx.ratio)
            // A font that cannot render a glyph leaves that label out rather than the tile.
            _ = try? ctx.pixmap.drawText(label.text, at: at, style: label.style, scale: ctx.ratio)
        }
    }
}
