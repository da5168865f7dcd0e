import CFreeType
import Foundation

/// One loaded font file: owns its own `FT_Library` and `FT_Face` and frees both in `deinit`.
///
/// Threading: a FreeType face may be used by one thread at a time, and `FT_New_Face` /
/// `FT_Done_Face` must not race on a shared library. Each `FontFace` therefore has a private
/// `FT_Library` and an `NSLock`; every FreeType call on it happens under that lock. Rasterised
/// glyph masks are immutable values cached inside the face, keyed by (size in 1/64 px, glyph
/// id, quarter-pixel x offset, halo radius in 1/64 px), so tiles rendered on several threads at
/// once share them and hold the lock only for a dictionary look-up after the first render.
/// Rendering is a pure function of the key, so cache state never changes the pixels.
final class FontFace: @unchecked Sendable {
    private let lock = NSLock()
    private var library: FT_Library?
    private var face: FT_Face?
    private var stroker: FT_Stroker?
    private var currentSize64: Int32 = 0
    private var charCache: [UInt32: UInt32] = [:]
    private var metricsCache: [UInt32: GlyphMetrics] = [:]
    private var kerningCache: [UInt64: Int32] = [:]
    private var bitmapCache: [GlyphKey: GlyphBitmap] = [:]

    /// File path and face index within it (TrueType collections hold several).
    let path: String
    let faceIndex: Int
    /// `family_name` and `style_name` from the font ("DejaVu Sans", "Book").
    let familyName: String
    let styleName: String
    /// Font units per em, and the horizontal-header ascender/descender in font units (descender < 0).
    let unitsPerEm: Int32
    let ascender: Int32
    let descender: Int32
    /// Whether the font has a `kern` table that `FT_Get_Kerning` reads.
    let hasKerning: Bool

    /// Bound on cached glyph masks; past it the cache is emptied (pixels do not depend on it).
    static let bitmapCacheLimit = 8192

    init(path: String, faceIndex: Int = 0) throws(FontError) {
        self.path = path
        self.faceIndex = faceIndex
        var lib: FT_Library?
        try ftCheck(FT_Init_FreeType(&lib), "FT_Init_FreeType")
        var f: FT_Face?
        let err = FT_New_Face(lib, path, FT_Long(faceIndex), &f)
        guard err == 0, let f else {
            FT_Done_FreeType(lib)
            throw FontError.freeType(function: "FT_New_Face(\(path))", code: err, message: freeTypeMessage(err))
        }
        library = lib
        face = f
        familyName = f.pointee.family_name.map { String(cString: $0) } ?? ""
        styleName = f.pointee.style_name.map { String(cString: $0) } ?? ""
        unitsPerEm = Int32(max(1, f.pointee.units_per_EM))
        ascender = Int32(f.pointee.ascender)
        descender = Int32(f.pointee.descender)
        hasKerning = (f.pointee.face_flags & FT_Long(FT_FACE_FLAG_KERNING)) != 0
    }

    deinit {
        if let stroker { FT_Stroker_Done(stroker) }
        if let face { FT_Done_Face(face) }
        if let library { FT_Done_FreeType(library) }
    }

    /// "family style", e.g. "DejaVu Sans Bold".
    var fullName: String { styleName.isEmpty ? familyName : familyName + " " + styleName }

    /// The glyph index for a Unicode scalar; 0 (.notdef) when the font has no glyph for it.
    func glyphIndex(for scalar: Unicode.Scalar) -> UInt32 {
        lock.lock(); defer { lock.unlock() }
        if let g = charCache[scalar.value] { return g }
        let g = UInt32(FT_Get_Char_Index(face, FT_ULong(scalar.value)))
        charCache[scalar.value] = g
        return g
    }

    /// Advance and outline bounds of a glyph in font units (unhinted, unscaled).
    func metrics(_ glyph: UInt32) throws(FontError) -> GlyphMetrics {
        lock.lock(); defer { lock.unlock() }
        if let m = metricsCache[glyph] { return m }
        var advance: FT_Fixed = 0
        // FT_LOAD_NO_SCALE: the advance in font units.
        try ftCheck(FT_Get_Advance(face, glyph, FT_Int32(FT_LOAD_NO_SCALE), &advance), "FT_Get_Advance")
        try ftCheck(FT_Load_Glyph(face, glyph, FT_Int32(FT_LOAD_NO_SCALE)), "FT_Load_Glyph")
        currentSize64 = 0  // a NO_SCALE load leaves the size alone, but be conservative
        var ink: (Int32, Int32, Int32, Int32)?
        if let slot = face?.pointee.glyph, slot.pointee.format == FT_GLYPH_FORMAT_OUTLINE,
           slot.pointee.outline.n_points > 0 {
            var box = FT_BBox()
            try ftCheck(FT_Outline_Get_BBox(&slot.pointee.outline, &box), "FT_Outline_Get_BBox")
            ink = (Int32(box.xMin), Int32(box.yMin), Int32(box.xMax), Int32(box.yMax))
        }
        let m = GlyphMetrics(advance: Int32(advance), ink: ink)
        metricsCache[glyph] = m
        return m
    }

    /// Kerning between two glyphs of this face in font units (`kern` table; 0 when absent).
    func kerning(_ left: UInt32, _ right: UInt32) throws(FontError) -> Int32 {
        guard hasKerning else { return 0 }
        lock.lock(); defer { lock.unlock() }
        let key = UInt64(left) << 32 | UInt64(right)
        if let k = kerningCache[key] { return k }
        var v = FT_Vector()
        try ftCheck(FT_Get_Kerning(face, left, right, FT_UInt(FT_KERNING_UNSCALED.rawValue), &v), "FT_Get_Kerning")
        let k = Int32(v.x)
        if kerningCache.count > 65_536 { kerningCache.removeAll() }
        kerningCache[key] = k
        return k
    }

    /// The coverage mask for `key`, rendered on first use and cached.
    func bitmap(_ key: GlyphKey) throws(FontError) -> GlyphBitmap {
        lock.lock(); defer { lock.unlock() }
        if let b = bitmapCache[key] { return b }
        let b = try render(key)
        if bitmapCache.count >= FontFace.bitmapCacheLimit { bitmapCache.removeAll(keepingCapacity: true) }
        bitmapCache[key] = b
        return b
    }

    /// Renders under the lock: unhinted outline at the key's size, shifted by its sub-pixel
    /// offset, then FT_Render_Glyph (8-bit gray), or stroked outward by the halo radius first.
    private func render(_ key: GlyphKey) throws(FontError) -> GlyphBitmap {
        guard let face else { return .empty }
        if currentSize64 != key.size64 {
            try ftCheck(FT_Set_Char_Size(face, 0, FT_F26Dot6(key.size64), 72, 72), "FT_Set_Char_Size")
            currentSize64 = key.size64
        }
        let flags = FT_Int32(FT_LOAD_NO_HINTING) | FT_Int32(FT_LOAD_NO_BITMAP)
        try ftCheck(FT_Load_Glyph(face, key.glyph, flags), "FT_Load_Glyph")
        guard let slot = face.pointee.glyph, slot.pointee.format == FT_GLYPH_FORMAT_OUTLINE,
              slot.pointee.outline.n_points > 0 else { return .empty }
        FT_Outline_Translate(&slot.pointee.outline, FT_Pos(key.subpixel) * 16, 0)
        if key.halo64 == 0 {
            try ftCheck(FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL), "FT_Render_Glyph")
            return GlyphBitmap.copy(slot.pointee.bitmap, left: Int(slot.pointee.bitmap_left), top: Int(slot.pointee.bitmap_top))
        }
        if stroker == nil {
            var s: FT_Stroker?
            try ftCheck(FT_Stroker_New(library, &s), "FT_Stroker_New")
            stroker = s
        }
        FT_Stroker_Set(stroker, FT_Fixed(key.halo64), FT_STROKER_LINECAP_ROUND, FT_STROKER_LINEJOIN_ROUND, 0)
        var glyph: FT_Glyph?
        try ftCheck(FT_Get_Glyph(slot, &glyph), "FT_Get_Glyph")
        defer { if let glyph { FT_Done_Glyph(glyph) } }
        // inside = 0: the outward border, i.e. the glyph dilated by the radius; destroy = 1
        // replaces `glyph` in place (also on error, FreeType leaves a valid glyph to free).
        try ftCheck(FT_Glyph_StrokeBorder(&glyph, stroker, 0, 1), "FT_Glyph_StrokeBorder")
        try ftCheck(FT_Glyph_To_Bitmap(&glyph, FT_RENDER_MODE_NORMAL, nil, 1), "FT_Glyph_To_Bitmap")
        guard let g = glyph, g.pointee.format == FT_GLYPH_FORMAT_BITMAP else { return .empty }
        let bg = UnsafeMutableRawPointer(g).assumingMemoryBound(to: FT_BitmapGlyphRec.self)
        return GlyphBitmap.copy(bg.pointee.bitmap, left: Int(bg.pointee.left), top: Int(bg.pointee.top))
    }
}

extension GlyphBitmap {
    /// Copies an 8-bit gray FT_Bitmap (either pitch sign) into a compact mask.
    static func copy(_ bm: FT_Bitmap, left: Int, top: Int) -> GlyphBitmap {
        let w = Int(bm.width), h = Int(bm.rows), pitch = Int(bm.pitch)
        guard w > 0, h > 0, let buf = bm.buffer, bm.pixel_mode == UInt8(FT_PIXEL_MODE_GRAY.rawValue) else { return .empty }
        var out = [UInt8](repeating: 0, count: w * h)
        for row in 0..<h {
            // Negative pitch: rows flow upward, the buffer starts at the bottom row.
            let src = pitch >= 0 ? buf + row * pitch : buf + (h - 1 - row) * (-pitch)
            for col in 0..<w { out[row * w + col] = src[col] }
        }
        return GlyphBitmap(left: left, top: top, width: w, rows: h, coverage: out)
    }
}
