/// Identifies one rasterised glyph image in a face's cache.
struct GlyphKey: Hashable, Sendable {
    /// Pixels per em in 1/64 px (26.6 fixed point).
    var size64: Int32
    /// Glyph index in the face (from `FT_Get_Char_Index`), not a Unicode scalar.
    var glyph: UInt32
    /// Horizontal sub-pixel offset of the pen in quarter pixels, 0...3.
    var subpixel: UInt8
    /// Halo radius in 1/64 px; 0 is the glyph itself, anything else its outward-stroked halo.
    var halo64: Int32
}

/// An 8-bit coverage mask of one glyph (or its halo), immutable and shared between threads.
/// Pixel (0, 0) of the mask sits at (pen x + `left`, baseline y − `top`), y down.
struct GlyphBitmap: Sendable {
    var left: Int
    var top: Int
    var width: Int
    var rows: Int
    /// `width * rows` coverage bytes, row-major, top row first (0 = none, 255 = full).
    var coverage: [UInt8]

    static let empty = GlyphBitmap(left: 0, top: 0, width: 0, rows: 0, coverage: [])
}

/// Size-independent metrics of one glyph, in font units (y up, as in the font).
struct GlyphMetrics: Sendable {
    /// Horizontal advance (`hmtx`), font units.
    var advance: Int32
    /// Exact outline bounds in font units; nil for an empty glyph (space).
    var ink: (xMin: Int32, yMin: Int32, xMax: Int32, yMax: Int32)?
}
