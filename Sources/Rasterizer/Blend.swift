/// Source-over compositing of premultiplied colour into a `Pixmap`, the one blending
/// primitive every painter (path fills, glyph masks, images) goes through.
extension Pixmap {
    /// Blends `color` over the pixels of row `y` from column `x`, each weighted by its coverage
    /// byte (0 = untouched, 255 = full). Pixels outside the pixmap are skipped.
    public mutating func blendSpan(y: Int, x: Int, coverage: UnsafeBufferPointer<UInt8>, color: PremultipliedColor) {
        guard y >= 0, y < height, color.a > 0 else { return }
        let start = max(0, x), end = min(width, x + coverage.count)
        guard start < end else { return }
        let rowBase = y * width * 4
        data.withUnsafeMutableBufferPointer { px in
            for col in start..<end {
                let c = coverage[col - x]
                if c == 0 { continue }
                Pixmap.blend(px, rowBase + col * 4, color, coverage: c)
            }
        }
    }

    /// Blends `color` over `count` pixels of row `y` from column `x` at one coverage.
    public mutating func blendRun(y: Int, x: Int, count: Int, coverage: UInt8, color: PremultipliedColor) {
        guard y >= 0, y < height, color.a > 0, coverage > 0 else { return }
        let start = max(0, x), end = min(width, x + count)
        guard start < end else { return }
        let rowBase = y * width * 4
        data.withUnsafeMutableBufferPointer { px in
            if coverage == 255 && color.a == 255 {
                for col in start..<end {
                    let i = rowBase + col * 4
                    px[i] = color.r; px[i + 1] = color.g; px[i + 2] = color.b; px[i + 3] = 255
                }
            } else {
                for col in start..<end { Pixmap.blend(px, rowBase + col * 4, color, coverage: coverage) }
            }
        }
    }

    /// Blends a row of per-pixel colours (an image row, e.g. a coloured density surface) over row
    /// `y` from column `x`; fully transparent entries leave their pixel untouched.
    public mutating func blendRow(y: Int, x: Int, colors: [PremultipliedColor]) {
        guard y >= 0, y < height else { return }
        let start = max(0, x), end = min(width, x + colors.count)
        guard start < end else { return }
        let rowBase = y * width * 4
        data.withUnsafeMutableBufferPointer { px in
            for col in start..<end {
                let c = colors[col - x]
                if c.a == 0 { continue }
                Pixmap.blend(px, rowBase + col * 4, c, coverage: 255)
            }
        }
    }

    /// dst = src·cov + dst·(1 − src.a·cov), all premultiplied, in 8-bit fixed point with rounding.
    @inline(__always)
    static func blend(_ px: UnsafeMutableBufferPointer<UInt8>, _ i: Int, _ s: PremultipliedColor, coverage: UInt8) {
        let cov = UInt32(coverage)
        let sr = mul255(UInt32(s.r), cov), sg = mul255(UInt32(s.g), cov)
        let sb = mul255(UInt32(s.b), cov), sa = mul255(UInt32(s.a), cov)
        let inv = 255 - sa
        px[i] = UInt8(sr + mul255(UInt32(px[i]), inv))
        px[i + 1] = UInt8(sg + mul255(UInt32(px[i + 1]), inv))
        px[i + 2] = UInt8(sb + mul255(UInt32(px[i + 2]), inv))
        px[i + 3] = UInt8(sa + mul255(UInt32(px[i + 3]), inv))
    }

    /// a·b/255 rounded to nearest, exact for all 8-bit inputs.
    @inline(__always)
    static func mul255(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let t = a * b + 128
        return (t + (t >> 8)) >> 8
    }
}
