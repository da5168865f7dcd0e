extension Pixmap {
    /// Strokes `path` with `style` and `paint`: the outline from `Stroker` (after `Dasher` when
    /// `style.dashes` is not empty) filled non-zero, anti-aliased like `fill`.
    ///
    /// - Parameters:
    ///   - path: the centre line in its own space.
    ///   - style: width in device pixels (not scaled by `transform`), caps, joins, miter limit,
    ///     dashes and dash offset (device pixels). Widths below 1 px (hairlines) are stroked
    ///     1 px wide at opacity × width, so thin lines keep their weight without breaking up.
    ///   - paint: colour, opacity, anti-aliasing.
    ///   - transform: maps the path to device pixels; default identity.
    ///   - clip: optional device-pixel rectangle, as in `fill`.
    /// Nothing is drawn for a width that is not positive and finite, or when the transformed
    /// path is not finite.
    public mutating func stroke(_ path: Path, style: StrokeStyle, paint: Paint,
                                transform: Transform = .identity, clip: Rect? = nil) {
        guard style.width > 0, style.width.isFinite else { return }
        var style = style
        var opacity = paint.opacity
        if style.width < 1 {
            opacity *= style.width
            style.width = 1
        }
        let color = PremultipliedColor(paint.color.withOpacity(opacity))
        guard color.a > 0 else { return }
        let outline: Path?
        if style.dashes.isEmpty {
            outline = Stroker.outline(of: path, style: style, transform: transform)
        } else {
            // Dash lengths are device pixels: dash the transformed path, then stroke it as is.
            let device = transform == .identity ? path : path.transformed(by: transform)
            guard let device, let dashed = Dasher.dash(device, pattern: style.dashes, offset: style.dashOffset)
            else { return }
            outline = Stroker.outline(of: dashed, style: style, transform: .identity)
        }
        guard let outline else { return }
        fill(outline, color: color, antiAlias: paint.antiAlias, rule: .nonZero, transform: .identity, clip: clip)
    }
}
