/// One glyph placed by `TextLayout`, relative to the layout's origin (the anchor point).
public struct PlacedGlyph: Sendable, Hashable {
    /// Index into the layout's `FontStack.fonts` of the font that draws it.
    public var fontIndex: Int
    /// Glyph index in that font (0 = .notdef, used when no font in the stack has the character).
    public var glyphID: UInt32
    /// The character it draws.
    public var scalar: Unicode.Scalar
    /// Pen position: x of the glyph origin and y of its baseline, px, y down, relative to the origin.
    public var x: Double
    public var baselineY: Double
    /// Line number, 0 for the first.
    public var line: Int
}

/// Text laid out without drawing: glyph positions and the measures a label placer needs.
///
/// Layout is left-to-right, one glyph per Unicode scalar, with the font's unhinted advances
/// (`hmtx`) plus `kern`-table kerning (`FT_Get_Kerning`) between neighbours from the same font,
/// and letter spacing. Lines break at "\n" and, with `TextStyle.maxWidth`, greedily at spaces.
/// Not supported: complex shaping (Arabic joining, Indic reordering, ligatures, GPOS kerning
/// and mark positioning: no HarfBuzz), right-to-left and vertical text. Format characters
/// (ZWJ, soft hyphen) are dropped. Metrics come from font units, so they are exact and do not
/// depend on hinting or on where the text is drawn.
public struct TextLayout: Sendable {
    /// The fonts the glyphs refer to.
    public let font: FontStack
    /// Font size in px (style size × scale).
    public let size: Double
    /// Scale factor applied to the style's px sizes (2 for @2x tiles).
    public let scale: Double
    /// Placed glyphs in logical order.
    public let glyphs: [PlacedGlyph]
    /// Advance width of each line, px (trailing spaces excluded).
    public let lineWidths: [Double]
    /// Ascent and descent of the first font (hhea), px, both positive.
    public let ascent: Double
    public let descent: Double
    /// Baseline-to-baseline distance, px.
    public let lineHeight: Double
    /// The layout box (widest line × lines × line height) relative to the origin, px, y down:
    /// the collision box of a label (MapLibre's text box, before padding).
    public let bounds: Rect
    /// Union of the glyph outlines' exact bounds relative to the origin, px, y down; nil when
    /// nothing is inked (empty or all spaces). Does not include a halo (outset it by its width).
    public let inkBounds: Rect?
    /// Characters no font of the stack has (drawn as the first font's .notdef box).
    public let missingCharacters: [Unicode.Scalar]

    /// Width of the widest line, px.
    public var advanceWidth: Double { lineWidths.max() ?? 0 }

    /// Lays out `text` with `style`; sizes are multiplied by `scale`.
    /// - Throws: `FontError.invalidSize` when size × scale is not in 0.5...2048 px or `scale`
    ///   is not positive; `FontError.freeType` when FreeType fails to read a glyph.
    public init(_ text: String, style: TextStyle, scale: Double = 1) throws(FontError) {
        let px = style.size * scale
        guard scale.isFinite, scale > 0, px.isFinite, px >= 0.5, px <= 2048 else { throw FontError.invalidSize(px) }
        font = style.font
        size = px
        self.scale = scale
        let faces = style.font.fonts.map(\.face)
        let first = faces[0]
        let unit = px / Double(first.unitsPerEm)
        ascent = Double(first.ascender) * unit
        descent = -Double(first.descender) * unit
        lineHeight = style.lineHeight.isFinite ? style.lineHeight * px : 1.2 * px
        let spacing = style.letterSpacing.isFinite ? style.letterSpacing * px : 0
        let maxWidth = style.maxWidth.flatMap { $0.isFinite && $0 > 0 ? $0 * px : nil }

        var lines: [[Shaped]] = []
        var missing: [Unicode.Scalar] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let shaped = try TextLayout.shape(paragraph, faces: faces, size: px, spacing: spacing, missing: &missing)
            lines += TextLayout.wrap(shaped, maxWidth: maxWidth)
        }
        lineWidths = lines.map { line in line.last.map { $0.x + $0.advance - line[0].x } ?? 0 }
        let blockWidth = lineWidths.max() ?? 0
        let blockHeight = Double(lines.count) * lineHeight
        let firstBaseline = (lineHeight - (ascent + descent)) / 2 + ascent

        let (ox, oy) = TextLayout.anchorOffset(style.anchor, width: blockWidth, height: blockHeight, baseline: firstBaseline)
        let justify = TextLayout.resolve(style.justify, anchor: style.anchor)
        var placed: [PlacedGlyph] = []
        var ink: Rect?
        for (n, line) in lines.enumerated() {
            let free = blockWidth - lineWidths[n]
            let shift = justify == .left ? 0 : justify == .right ? free : free / 2
            let baseline = oy + firstBaseline + Double(n) * lineHeight
            for g in line {
                let x = ox + shift + g.x - line[0].x
                placed.append(PlacedGlyph(fontIndex: g.fontIndex, glyphID: g.glyph, scalar: g.scalar, x: x, baselineY: baseline, line: n))
                if let b = g.ink {
                    let u = px / Double(faces[g.fontIndex].unitsPerEm)
                    let r = Rect(minX: x + Double(b.xMin) * u, minY: baseline - Double(b.yMax) * u,
                                 maxX: x + Double(b.xMax) * u, maxY: baseline - Double(b.yMin) * u)
                    ink = ink.map { Rect(minX: min($0.minX, r.minX), minY: min($0.minY, r.minY),
                                         maxX: max($0.maxX, r.maxX), maxY: max($0.maxY, r.maxY)) } ?? r
                }
            }
        }
        glyphs = placed
        inkBounds = ink
        missingCharacters = missing
        bounds = Rect(x: ox, y: oy, width: blockWidth, height: blockHeight)
    }

    /// A glyph with its unwrapped pen position in px.
    struct Shaped {
        var fontIndex: Int
        var glyph: UInt32
        var scalar: Unicode.Scalar
        var x: Double
        var advance: Double
        var ink: (xMin: Int32, yMin: Int32, xMax: Int32, yMax: Int32)?
        var isSpace: Bool { scalar == " " }
    }

    /// Maps scalars to glyphs (font fallback), and accumulates advances, kerning and spacing.
    static func shape(_ text: Substring, faces: [FontFace], size: Double, spacing: Double,
                      missing: inout [Unicode.Scalar]) throws(FontError) -> [Shaped] {
        var out: [Shaped] = []
        var pen = 0.0
        for raw in text.unicodeScalars {
            if raw == "\r" || raw.properties.generalCategory == .format { continue }
            let scalar: Unicode.Scalar = raw == "\t" ? " " : raw
            var fontIndex = 0, glyph: UInt32 = 0
            for (i, face) in faces.enumerated() {
                let g = face.glyphIndex(for: scalar)
                if g != 0 { fontIndex = i; glyph = g; break }
            }
            if glyph == 0 { missing.append(scalar) }
            let face = faces[fontIndex]
            let unit = size / Double(face.unitsPerEm)
            let m = try face.metrics(glyph)
            if let prev = out.last {
                pen += prev.advance + spacing
                if prev.fontIndex == fontIndex {
                    pen += Double(try face.kerning(prev.glyph, glyph)) * unit
                }
            }
            out.append(Shaped(fontIndex: fontIndex, glyph: glyph, scalar: scalar, x: pen,
                              advance: Double(m.advance) * unit, ink: m.ink))
        }
        return out
    }

    /// Greedy line breaking at spaces: a line ends before the first word that would make it
    /// wider than `maxWidth` (a single longer word keeps its own line). Spaces at breaks and
    /// at line ends are dropped.
    static func wrap(_ glyphs: [Shaped], maxWidth: Double?) -> [[Shaped]] {
        func trimmed(_ r: Range<Int>) -> [Shaped] {
            var end = r.upperBound
            while end > r.lowerBound, glyphs[end - 1].isSpace { end -= 1 }
            return Array(glyphs[r.lowerBound..<end])
        }
        guard let maxWidth, !glyphs.isEmpty else { return [trimmed(0..<glyphs.count)] }
        var lines: [[Shaped]] = []
        var start = 0, k = 0
        var lastSpace: Int?
        while k < glyphs.count {
            if glyphs[k].isSpace { lastSpace = k; k += 1; continue }
            if glyphs[k].x + glyphs[k].advance - glyphs[start].x > maxWidth, let sp = lastSpace, sp > start {
                lines.append(trimmed(start..<sp))
                start = sp + 1
                while start < glyphs.count, glyphs[start].isSpace { start += 1 }
                lastSpace = nil
                k = max(k, start)
                continue
            }
            k += 1
        }
        if start < glyphs.count || lines.isEmpty { lines.append(trimmed(start..<glyphs.count)) }
        return lines
    }

    /// Top-left corner of the block relative to the origin for each anchor.
    static func anchorOffset(_ a: TextAnchor, width w: Double, height h: Double, baseline: Double) -> (Double, Double) {
        switch a {
        case .center: return (-w / 2, -h / 2)
        case .left: return (0, -h / 2)
        case .right: return (-w, -h / 2)
        case .top: return (-w / 2, 0)
        case .bottom: return (-w / 2, -h)
        case .topLeft: return (0, 0)
        case .topRight: return (-w, 0)
        case .bottomLeft: return (0, -h)
        case .bottomRight: return (-w, -h)
        case .baselineLeft: return (0, -baseline)
        }
    }

    static func resolve(_ j: TextJustify, anchor: TextAnchor) -> TextJustify {
        guard j == .auto else { return j }
        switch anchor {
        case .left, .topLeft, .bottomLeft, .baselineLeft: return .left
        case .right, .topRight, .bottomRight: return .right
        default: return .center
        }
    }
}
