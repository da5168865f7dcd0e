/// How a path is filled: which regions count as inside.
public enum FillRule: Sendable, Hashable {
    /// Inside where the winding number is not zero (the default, and what strokes need).
    case nonZero
    /// Inside where the winding number is odd.
    case evenOdd
}

/// What is drawn and how it blends: a solid colour with an opacity, composited source-over.
public struct Paint: Sendable, Hashable {
    public var color: Color
    /// Multiplies the colour's alpha, 0...1. Default 1.
    public var opacity: Double
    /// Anti-aliased edges (exact-area coverage) when true, the default; hard edges otherwise.
    public var antiAlias: Bool

    public init(color: Color, opacity: Double = 1, antiAlias: Bool = true) {
        self.color = color
        self.opacity = opacity
        self.antiAlias = antiAlias
    }
}

/// Line end shapes.
public enum LineCap: Sendable, Hashable { case butt, round, square }

/// Shapes where segments meet.
public enum LineJoin: Sendable, Hashable { case miter, round, bevel }

/// How a path is stroked: width in pixels (after the transform), caps, joins, dashes.
public struct StrokeStyle: Sendable, Hashable {
    /// Line width in pixels; widths below 1 px draw as a 1 px line at proportionally lower
    /// opacity (a hairline), so thin lines keep their weight instead of breaking up.
    public var width: Double
    public var cap: LineCap
    public var join: LineJoin
    /// Miter joins longer than `miterLimit` × width become bevels (SVG's rule). Default 4.
    public var miterLimit: Double
    /// Alternating dash and gap lengths in pixels; empty for a solid line. An odd count repeats.
    public var dashes: [Double]
    /// Distance into the dash pattern at which the line starts, pixels.
    public var dashOffset: Double

    public init(width: Double = 1, cap: LineCap = .butt, join: LineJoin = .miter, miterLimit: Double = 4,
                dashes: [Double] = [], dashOffset: Double = 0) {
        self.width = width
        self.cap = cap
        self.join = join
        self.miterLimit = miterLimit
        self.dashes = dashes
        self.dashOffset = dashOffset
    }
}
