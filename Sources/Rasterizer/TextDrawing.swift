extension Pixmap {
    /// Lays out and draws `text` with `style` so that the style's anchor point of the text block
    /// sits at `origin` (px, y down). Sizes and halo width are multiplied by `scale`
    /// (2 for @2x tiles, 1-4 for print). Returns the layout (for collision boxes).
    /// - Throws: `FontError.invalidSize`, `FontError.freeType`.
    @discardableResult
    public mutating func drawText(_ text: String, at origin: PathPoint, style: TextStyle, scale: Double = 1) throws(FontError) -> TextLayout {
        let layout = try TextLayout(text, style: style, scale: scale)
        try drawText(layout, at: origin, color: style.color, halo: style.halo)
        return layout
    }

    /// Draws a laid-out text with its anchor at `origin` (px, y down): first every glyph's halo
    /// (outline stroked outward by `halo.width × layout.scale` px, capped at a quarter of the font size as in MapLibre), then
    /// the glyphs, each an 8-bit coverage mask from `FT_Render_Glyph` blended by `blendSpan`.
    ///
    /// Glyphs are unhinted; each glyph's pen x is snapped to a quarter pixel and its baseline to
    /// a whole pixel, so the same text at the same position always gives the same pixels, and a
    /// label shifted by whole pixels (the next tile) gives the same pixels shifted.
    /// A non-finite origin draws nothing.
    /// - Throws: `FontError.freeType` when FreeType fails to render a glyph.
    public mutating func drawText(_ layout: TextLayout, at origin: PathPoint, color: Color, halo: TextHalo? = nil) throws(FontError) {
        guard origin.x.isFinite, origin.y.isFinite, !layout.glyphs.isEmpty else { return }
        let size64 = Int32((layout.size * 64).rounded())
        if let halo, halo.width.isFinite, halo.width > 0, halo.color.a > 0 {
            let radius = min(halo.width * layout.scale, layout.size / 4)  // MapLibre: at most 1/4 of the font size
            let halo64 = Int32((radius * 64).rounded())
            if halo64 > 0 {
                try drawGlyphs(layout, origin: origin, size64: size64, halo64: halo64, margin: radius, color: PremultipliedColor(halo.color))
            }
        }
        guard color.a > 0 else { return }
        try drawGlyphs(layout, origin: origin, size64: size64, halo64: 0, margin: 0, color: PremultipliedColor(color))
    }

    private mutating func drawGlyphs(_ layout: TextLayout, origin: PathPoint, size64: Int32, halo64: Int32,
                                     margin: Double, color: PremultipliedColor) throws(FontError) {
        let fonts = layout.font.fonts
        var placed: [(GlyphBitmap, Int, Int)] = []
        for g in layout.glyphs {
            let face = fonts[g.fontIndex].face
            let gx = origin.x + g.x
            var ix = gx.rounded(.down)
            var sub = ((gx - ix) * 4).rounded()
            if sub >= 4 { ix += 1; sub = 0 }
            let by = (origin.y + g.baselineY).rounded()
            // Skip glyphs whose outline (plus halo) misses the pixmap before rasterising them.
            guard let ink = try face.metrics(g.glyphID).ink else { continue }
            let u = layout.size / Double(face.unitsPerEm)
            let pad = margin + 2
            if ix + Double(ink.xMax) * u + pad < 0 || ix + Double(ink.xMin) * u - pad > Double(width)
                || by - Double(ink.yMax) * u - pad > Double(height) || by - Double(ink.yMin) * u + pad < 0 { continue }
            guard abs(ix) < 1e9, abs(by) < 1e9 else { continue }
            let key = GlyphKey(size64: size64, glyph: g.glyphID, subpixel: UInt8(sub), halo64: halo64)
            let bm = try face.bitmap(key)
            guard bm.width > 0 else { continue }
            placed.append((bm, Int(ix) + bm.left, Int(by) - bm.top))
        }
        // One mask for the whole label, each pixel the maximum of the glyph masks over it, so
        // overlapping halos (or glyphs) of a translucent colour are blended once, without seams.
        let x0 = max(0, placed.map(\.1).min() ?? 0), y0 = max(0, placed.map(\.2).min() ?? 0)
        let x1 = min(width, placed.map { $0.1 + $0.0.width }.max() ?? 0)
        let y1 = min(height, placed.map { $0.2 + $0.0.rows }.max() ?? 0)
        guard x0 < x1, y0 < y1 else { return }
        let w = x1 - x0
        var mask = [UInt8](repeating: 0, count: w * (y1 - y0))
        for (bm, left, top) in placed {
            let r0 = max(0, y0 - top), r1 = min(bm.rows, y1 - top)
            let c0 = max(0, x0 - left), c1 = min(bm.width, x1 - left)
            guard r0 < r1, c0 < c1 else { continue }
            for row in r0..<r1 {
                let dst = (top + row - y0) * w + left - x0, src = row * bm.width
                for col in c0..<c1 where bm.coverage[src + col] > mask[dst + col] {
                    mask[dst + col] = bm.coverage[src + col]
                }
            }
        }
        mask.withUnsafeBufferPointer { cov in
            for row in 0..<(y1 - y0) {
                blendSpan(y: y0 + row, x: x0, coverage: UnsafeBufferPointer(rebasing: cov[(row * w)..<((row + 1) * w)]), color: color)
            }
        }
    }
}
