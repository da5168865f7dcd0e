/// Which point of the text block sits at the drawing origin (MapLibre `text-anchor`), plus
/// `baselineLeft`: the first line's baseline starts at the origin.
public enum TextAnchor: String, Sendable, Hashable, CaseIterable {
    case center, left, right, top, bottom
    case topLeft = "top-left", topRight = "top-right", bottomLeft = "bottom-left", bottomRight = "bottom-right"
    case baselineLeft = "baseline-left"
}

/// Horizontal alignment of the lines of a wrapped label (MapLibre `text-justify`).
/// `auto` follows the anchor: left for *-left anchors, right for *-right, else center.
public enum TextJustify: String, Sendable, Hashable, CaseIterable {
    case auto, left, center, right
}

/// A halo drawn under the glyphs (MapLibre `text-halo-color`, `text-halo-width`):
/// each glyph outline stroked outward by `width` px with round joins, filled in `color`.
public struct TextHalo: Sendable, Hashable {
    /// Halo colour (straight alpha).
    public var color: Color
    /// Distance the halo reaches beyond the glyph outline, px (before the scale factor);
    /// values <= 0 draw no halo; at most a quarter of the font size is used (MapLibre's limit).
    public var width: Double

    public init(color: Color, width: Double) {
        self.color = color
        self.width = width
    }
}

/// Everything that decides how a label looks, in MapLibre's terms and units.
public struct TextStyle: Sendable, Hashable {
    /// Fonts in priority order (`text-font`).
    public var font: FontStack
    /// Font size in px (`text-size`, default 16), before the scale factor.
    public var size: Double
    /// Glyph colour (`text-color`, default black).
    public var color: Color
    /// Optional halo (`text-halo-*`).
    public var halo: TextHalo?
    /// Extra space after each glyph except the last, in ems (`text-letter-spacing`, default 0).
    public var letterSpacing: Double
    /// Wrap lines longer than this many ems at spaces (`text-max-width`; MapLibre's default is
    /// 10 for point labels); nil or <= 0 keeps one line per paragraph. "\n" always breaks.
    public var maxWidth: Double?
    /// Distance between baselines in ems (`text-line-height`, default 1.2).
    public var lineHeight: Double
    /// Which point of the block is placed at the origin (`text-anchor`, default center).
    public var anchor: TextAnchor
    /// Line alignment inside the block (`text-justify`, default center).
    public var justify: TextJustify

    public init(font: FontStack, size: Double = 16, color: Color = .black, halo: TextHalo? = nil,
                letterSpacing: Double = 0, maxWidth: Double? = nil, lineHeight: Double = 1.2,
                anchor: TextAnchor = .center, justify: TextJustify = .center) {
        self.font = font
        self.size = size
        self.color = color
        self.halo = halo
        self.letterSpacing = letterSpacing
        self.maxWidth = maxWidth
        self.lineHeight = lineHeight
        self.anchor = anchor
        self.justify = justify
    }
}
