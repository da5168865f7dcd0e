/// Exact-area coverage accumulation for one fill: line segments in device pixels add signed
/// area deltas into a cell buffer the size of the fill's region; a prefix sum along each row then
/// gives every pixel's winding-weighted coverage.
///
/// For a segment crossing a pixel row over height `d` (signed: +1 per pixel downward), the
/// coverage it adds to pixel column `i` is the area of that pixel right of the segment:
/// `F(i) = d·(Q(i+1−lo) − Q(i+1−hi)) / (hi−lo)` where `lo…hi` is the segment's x-range in the row
/// and `Q(u) = ∫₀ᵘ clamp(s, 0, 1) ds` (0 for u < 0, u²/2 up to 1, u − ½ beyond). Cell `i` stores
/// `F(i) − F(i−1)`, so the running sum along the row is the coverage. Memory is the region only
/// (`(width + 2) × height` Floats), whatever the number of segments.
///
/// Clipping keeps the winding right: the region's rows bound y exactly; the parts of a segment
/// left of the region collapse onto its left edge (they still add winding to every pixel), the
/// parts right of it are dropped (they only change cells that are never read).
///
/// Not thread-safe: one accumulator per thread (`CoverageAccumulator.current`).
final class CoverageAccumulator {
    /// Region origin in device pixels and size.
    private(set) var originX = 0, originY = 0, width = 0, height = 0
    private var stride = 0
    private var cells: UnsafeMutablePointer<Float>
    private var cellCapacity = 0
    /// Per row, the first and last touched cell (rowMin > rowMax when untouched).
    private var rowMin: UnsafeMutablePointer<Int32>
    private var rowMax: UnsafeMutablePointer<Int32>
    private var rowCapacity = 0
    private var coverage: UnsafeMutablePointer<UInt8>
    private var coverageCapacity = 0
    private var touchedTop = Int.max, touchedBottom = -1
    private var w = 0.0, h = 0.0

    init() {
        cells = .allocate(capacity: 1)
        rowMin = .allocate(capacity: 1)
        rowMax = .allocate(capacity: 1)
        coverage = .allocate(capacity: 1)
    }

    deinit {
        cells.deallocate()
        rowMin.deallocate()
        rowMax.deallocate()
        coverage.deallocate()
    }

    /// Starts a fill over the device-pixel region `x..<x+width`, `y..<y+height` (both sizes >= 1).
    /// Every cell is zero on entry and left zero by `blend` / `discard`.
    func begin(x: Int, y: Int, width: Int, height: Int) {
        originX = x; originY = y
        self.width = width; self.height = height
        w = Double(width); h = Double(height)
        stride = width + 2
        let needCells = stride * height
        if needCells > cellCapacity {
            cells.deallocate()
            cells = .allocate(capacity: needCells)
            cells.initialize(repeating: 0, count: needCells)
            cellCapacity = needCells
        }
        if height > rowCapacity {
            rowMin.deallocate(); rowMax.deallocate()
            rowMin = .allocate(capacity: height); rowMax = .allocate(capacity: height)
            rowCapacity = height
        }
        if width > coverageCapacity {
            coverage.deallocate()
            coverage = .allocate(capacity: width)
            coverageCapacity = width
        }
        rowMin.update(repeating: Int32.max, count: height)
        rowMax.update(repeating: -1, count: height)
        touchedTop = Int.max; touchedBottom = -1
    }

    /// Adds the segment (x0, y0)→(x1, y1), given in region coordinates (device minus origin).
    /// Coordinates must be finite.
    @inline(__always)
    func addLine(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) {
        var x0 = ax, y0 = ay, x1 = bx, y1 = by, dir = 1.0
        if y0 == y1 { return }
        if y0 > y1 { swap(&x0, &x1); swap(&y0, &y1); dir = -1 }
        if y1 <= 0 || y0 >= h || (x0 >= w && x1 >= w) { return }
        // Clip to the rows 0...h, interpolating from the original end points (no drift).
        if y0 < 0 || y1 > h {
            let sx = x0, sy = y0, dx = x1 - x0, dy = y1 - y0
            if y0 < 0 { x0 = sx + dx * ((0 - sy) / dy); y0 = 0 }
            if y1 > h { x1 = sx + dx * ((h - sy) / dy); y1 = h }
        }
        if x0 <= 0 && x1 <= 0 { addLeftEdge(y0, y1, dir); return }
        if x0 >= 0 && x1 >= 0 && x0 <= w && x1 <= w { addInside(x0, y0, x1, y1, dir); return }
        // Split at x = 0 and x = w; y at a crossing from the segment's own end points.
        let dxy = (y1 - y0) / (x1 - x0)
        func yAt(_ x: Double) -> Double { min(y1, max(y0, y0 + (x - x0) * dxy)) }
        var cuts: (Double, Double) = (y0, y1)   // y-range inside 0...w
        if x0 < x1 {
            if x0 < 0 { let yc = yAt(0); addLeftEdge(y0, yc, dir); cuts.0 = yc }
            if x1 > w { cuts.1 = yAt(w) }
        } else {
            if x1 < 0 { let yc = yAt(0); addLeftEdge(yc, y1, dir); cuts.1 = yc }
            if x0 > w { cuts.0 = yAt(w) }
        }
        if cuts.0 < cuts.1 {
            let xa = min(w, max(0, x0 + (cuts.0 - y0) * (x1 - x0) / (y1 - y0)))
            let xb = min(w, max(0, x0 + (cuts.1 - y0) * (x1 - x0) / (y1 - y0)))
            addInside(xa, cuts.0, xb, cuts.1, dir)
        }
    }

    /// A vertical edge on x = 0 from y0 to y1 (y0 < y1, both in 0...h): full winding for the row.
    private func addLeftEdge(_ y0: Double, _ y1: Double, _ dir: Double) {
        guard y0 < y1 else { return }
        let first = Int(y0), last = min(height - 1, Int(y1.rounded(.up)) - 1)
        guard first <= last else { return }
        for row in first...last {
            let dy = min(Double(row + 1), y1) - max(Double(row), y0)
            cells[row * stride] += Float(dy * dir)
            touch(row, 0, 0)
        }
    }

    /// A segment wholly inside the region (0 <= x <= w, 0 <= y0 < y1 <= h).
    @inline(__always)
    private func addInside(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ dir: Double) {
        let first = Int(y0), last = min(height - 1, Int(y1.rounded(.up)) - 1)
        guard first <= last else { return }
        let dxdy = (x1 - x0) / (y1 - y0)
        var xa = x0, top = y0
        for row in first...last {
            let bottom = min(Double(row + 1), y1)
            let xb = bottom == y1 ? x1 : min(w, max(0, x0 + (bottom - y0) * dxdy))
            addRowSpan(row, xa, xb, (bottom - top) * dir)
            xa = xb; top = bottom
        }
    }

    /// Adds the part of a segment inside one row: x from `xa` to `xb` (0...w), signed height `d`.
    @inline(__always)
    private func addRowSpan(_ row: Int, _ xa: Double, _ xb: Double, _ d: Double) {
        let lo = min(xa, xb), hi = max(xa, xb)
        let c0 = Int(lo)
        let base = cells + row * stride
        if hi <= Double(c0 + 1) {
            // Within one cell: coverage right of the mean x.
            let m = (xa + xb) * 0.5 - Double(c0)
            let f = d * (1 - m)
            base[c0] += Float(f)
            base[c0 + 1] += Float(d - f)
            touch(row, c0, c0 + 1)
            return
        }
        let end = Int(hi.rounded(.up))   // first cell at full coverage d
        let inv = d / (hi - lo)
        var previous = 0.0
        for i in c0..<end {
            let u = Double(i + 1)
            let f = (CoverageAccumulator.q(u - lo) - CoverageAccumulator.q(u - hi)) * inv
            base[i] += Float(f - previous)
            previous = f
        }
        base[end] += Float(d - previous)
        touch(row, c0, end)
    }

    /// Q(u) = ∫₀ᵘ clamp(s, 0, 1) ds.
    @inline(__always)
    private static func q(_ u: Double) -> Double {
        u <= 0 ? 0 : (u >= 1 ? u - 0.5 : 0.5 * u * u)
    }

    @inline(__always)
    private func touch(_ row: Int, _ a: Int, _ b: Int) {
        if Int32(a) < rowMin[row] { rowMin[row] = Int32(a) }
        if Int32(b) > rowMax[row] { rowMax[row] = Int32(b) }
        if row < touchedTop { touchedTop = row }
        if row > touchedBottom { touchedBottom = row }
    }

    /// Resolves coverage row by row and blends `color` through `Pixmap.blendSpan`/`blendRun`,
    /// then clears the touched cells. `aliased` rounds coverage to 0 or 255.
    func blend(into pixmap: inout Pixmap, color: PremultipliedColor, evenOdd: Bool, aliased: Bool) {
        guard touchedTop <= touchedBottom else { return }
        let span = UnsafeMutableBufferPointer(start: coverage, count: width)
        for row in touchedTop...touchedBottom {
            let lo = Int(rowMin[row]), hiCell = Int(rowMax[row])
            guard lo <= hiCell else { continue }
            let base = cells + row * stride
            let last = min(hiCell, width - 1)
            let y = originY + row
            var sum: Float = 0
            var spanStart = lo, n = 0
            var i = lo
            while i <= last {
                sum += base[i]
                base[i] = 0
                let c = CoverageAccumulator.byte(sum, evenOdd: evenOdd, aliased: aliased)
                // Skip the untouched (zero) cells after i, 8 at a time, then singly.
                var j = i + 1
                while j + 8 <= last + 1,
                      !any(UnsafeRawPointer(base + j).loadUnaligned(as: SIMD8<Float>.self) .!= 0) { j += 8 }
                while j <= last && base[j] == 0 { j += 1 }
                let run = j - i
                if run >= 16 {
                    if n > 0 {
                        pixmap.blendSpan(y: y, x: originX + spanStart,
                                         coverage: UnsafeBufferPointer(rebasing: span[0..<n]), color: color)
                    }
                    pixmap.blendRun(y: y, x: originX + i, count: run, coverage: c, color: color)
                    spanStart = j; n = 0
                } else {
                    for k in 0..<run { span[n + k] = c }
                    n += run
                }
                i = j
            }
            if n > 0 {
                pixmap.blendSpan(y: y, x: originX + spanStart,
                                 coverage: UnsafeBufferPointer(rebasing: span[0..<n]), color: color)
            }
            // Winding still open at the last touched cell (the shape runs past the right edge).
            if last < width - 1 {
                let c = CoverageAccumulator.byte(sum, evenOdd: evenOdd, aliased: aliased)
                pixmap.blendRun(y: y, x: originX + last + 1, count: width - 1 - last, coverage: c, color: color)
            }
            if hiCell >= width { base[width] = 0; base[width + 1] = 0 }
            rowMin[row] = Int32.max; rowMax[row] = -1
        }
        touchedTop = Int.max; touchedBottom = -1
    }

    /// Resolves unquantised coverage (non-zero or even-odd, before rounding to bytes), calling
    /// `body(x, y, coverage)` in device pixels for every non-zero pixel, and clears the cells.
    /// For tests and analysis; drawing goes through `blend`.
    func resolve(evenOdd: Bool, _ body: (Int, Int, Float) -> Void) {
        guard touchedTop <= touchedBottom else { return }
        for row in touchedTop...touchedBottom where rowMin[row] <= rowMax[row] {
            let base = cells + row * stride
            var sum: Float = 0
            for i in Int(rowMin[row])..<width {
                sum += base[i]
                var a = abs(sum)
                if evenOdd {
                    a = a.truncatingRemainder(dividingBy: 2)
                    if a > 1 { a = 2 - a }
                } else {
                    a = min(a, 1)
                }
                if a != 0 { body(originX + i, originY + row, a) }
            }
        }
        discard()
    }

    /// Cell buffers larger than this (16 MiB: a 2048 x 2048 region) are freed after the fill
    /// that needed them, so one large static map does not pin its scratch to a server thread.
    static let keptCells = 1 << 22

    /// Frees the buffers when they exceed `keptCells`; call between fills.
    func trim() {
        guard cellCapacity > CoverageAccumulator.keptCells else { return }
        cells.deallocate(); rowMin.deallocate(); rowMax.deallocate(); coverage.deallocate()
        cells = .allocate(capacity: 1); rowMin = .allocate(capacity: 1)
        rowMax = .allocate(capacity: 1); coverage = .allocate(capacity: 1)
        cellCapacity = 0; rowCapacity = 0; coverageCapacity = 0
    }

    /// Clears the touched cells without drawing (a fill abandoned midway).
    func discard() {
        guard touchedTop <= touchedBottom else { return }
        for row in touchedTop...touchedBottom where rowMin[row] <= rowMax[row] {
            let base = cells + row * stride
            for i in Int(rowMin[row])...Int(rowMax[row]) { base[i] = 0 }
            rowMin[row] = Int32.max; rowMax[row] = -1
        }
        touchedTop = Int.max; touchedBottom = -1
    }

    /// Coverage byte for a winding sum: non-zero `min(1, |s|)`, even-odd folds `|s| mod 2`.
    /// Aliased rounds at ½, which for a straight edge crossing a pixel is the same as testing
    /// the pixel centre (a line through the centre halves the square).
    @inline(__always)
    static func byte(_ s: Float, evenOdd: Bool, aliased: Bool) -> UInt8 {
        var a = abs(s)
        if evenOdd {
            a = a.truncatingRemainder(dividingBy: 2)
            if a > 1 { a = 2 - a }
        } else if a > 1 {
            a = 1
        }
        if aliased { return a >= 0.5 - 1e-4 ? 255 : 0 }
        return UInt8(a * 255 + 0.5)
    }
}
