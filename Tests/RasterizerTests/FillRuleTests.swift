import Foundation
import Testing
@testable import Rasterizer

@Suite("Fill rules, clipping and robustness")
struct FillRuleTests {
    /// A five-pointed star drawn as one pentagram stroke order: its centre pentagon has
    /// winding 2 (filled under non-zero, a hole under even-odd), its points winding 1.
    static func star(center: (Double, Double), radius: Double) -> Path {
        let pts = (0..<5).map { i -> (Double, Double) in
            let a = -Double.pi / 2 + Double(i * 2) * 2 * .pi / 5
            return (center.0 + radius * cos(a), center.1 + radius * sin(a))
        }
        return FillFixture.polygon(pts)
    }

    @Test("star: centre filled under non-zero, empty under even-odd; points in both")
    func star() {
        let path = Self.star(center: (32, 32), radius: 28)
        var nz = FillFixture.pixmap(), eo = FillFixture.pixmap()
        nz.fill(path, paint: FillFixture.black, rule: .nonZero)
        eo.fill(path, paint: FillFixture.black, rule: .evenOdd)
        #expect(FillFixture.alpha(nz, 32, 32) == 255)
        #expect(FillFixture.alpha(eo, 32, 32) == 0)
        // Top point (32, 4): pixel (31, 10) lies in the point, winding 1.
        #expect(FillFixture.alpha(nz, 31, 10) == 255 && FillFixture.alpha(eo, 31, 10) == 255)
        // Oracle: the pentagram's faces (shapely.polygonize of its five edges, R = 28): the
        // centre pentagon 271.96426 px² (circumradius R·sin 18°/sin 54°) and five points of
        // 121.62611 px² each. Non-zero covers all six faces, even-odd the five points.
        let pentagon = 271.96426039726, point = 121.62611473974
        let nzSum = FillFixture.coverage(path).values.reduce(0, +)
        let eoSum = FillFixture.coverage(path, rule: .evenOdd).values.reduce(0, +)
        #expect(abs(nzSum - (pentagon + 5 * point)) < 1, "non-zero \(nzSum)")
        #expect(abs(eoSum - 5 * point) < 2, "even-odd \(eoSum)")
        // Pixels where windings 0, 1 and 2 meet (the five inner vertices) get the mean winding
        // s = a1 + 2·a2, not per-face coverage — inherent to area accumulation (font-rs,
        // stb_truetype, AGG alike). Golden/fills/star-oracle.py computes exactly that from
        // shapely face areas per pixel: min(1, s) summed 880.84690, fold(s) 609.63471.
        #expect(abs(nzSum - 880.8469004608573) < 1e-3, "non-zero \(nzSum)")
        #expect(abs(eoSum - 609.6347064284683) < 1e-3, "even-odd \(eoSum)")
        // The 8-bit images carry the same coverage, up to rounding.
        #expect(abs(FillFixture.alphaSum(nz) - nzSum) < 0.5 && abs(FillFixture.alphaSum(eo) - eoSum) < 0.5)
    }

    @Test("two overlapping same-direction squares: union under non-zero, overlap empty under even-odd")
    func overlappingSquares() {
        let path = FillFixture.path { b in
            b.addRect(Rect(x: 10, y: 10, width: 30, height: 30))
            b.addRect(Rect(x: 25, y: 25, width: 30, height: 30))
        }
        var nz = FillFixture.pixmap(), eo = FillFixture.pixmap()
        nz.fill(path, paint: FillFixture.black)
        eo.fill(path, paint: FillFixture.black, rule: .evenOdd)
        #expect(abs(FillFixture.alphaSum(nz) - (900 + 900 - 225)) < 1e-2)
        #expect(abs(FillFixture.alphaSum(eo) - (900 + 900 - 450)) < 1e-2)
        #expect(FillFixture.alpha(nz, 30, 30) == 255 && FillFixture.alpha(eo, 30, 30) == 0)
    }

    @Test("inner square in the opposite direction is a hole under non-zero")
    func hole() {
        let path = FillFixture.path { b in
            b.addRect(Rect(x: 10, y: 10, width: 40, height: 40))
            b.move(to: 20, 20); b.line(to: 20, 40); b.line(to: 40, 40); b.line(to: 40, 20); b.close()
        }
        var pix = FillFixture.pixmap()
        pix.fill(path, paint: FillFixture.black)
        #expect(FillFixture.alpha(pix, 30, 30) == 0 && FillFixture.alpha(pix, 15, 15) == 255)
        #expect(abs(FillFixture.alphaSum(pix) - (1600 - 400)) < 1e-2)
    }

    @Test("clip rect: nothing outside changes, inside as unclipped; winding of parts left of it kept")
    func clip() {
        let path = Self.star(center: (32, 32), radius: 30)
        var full = FillFixture.pixmap(), clipped = FillFixture.pixmap()
        full.fill(path, paint: FillFixture.black)
        let clip = Rect(minX: 20, minY: 12, maxX: 47, maxY: 50)
        clipped.fill(path, paint: FillFixture.black, clip: clip)
        for y in 0..<64 {
            for x in 0..<64 {
                let inside = (20..<47).contains(x) && (12..<50).contains(y)
                #expect(FillFixture.alpha(clipped, x, y) == (inside ? FillFixture.alpha(full, x, y) : 0), "(\(x), \(y))")
            }
        }
    }

    @Test("shape wider than the canvas on both sides fills the rows across")
    func pastEdges() {
        var pix = FillFixture.pixmap(16, 16)
        pix.fill(FillFixture.polygon([(-1e12, 4), (1e12, 4), (1e12, 8), (-1e12, 8)]), paint: FillFixture.black)
        #expect(abs(FillFixture.alphaSum(pix) - 64) < 1e-2)
        // Slanted edges crossing the left and right edges.
        var slant = FillFixture.pixmap(16, 16)
        slant.fill(FillFixture.polygon([(-20, 0), (30, 0), (40, 16), (-10, 16)]), paint: FillFixture.black)
        #expect(abs(FillFixture.alphaSum(slant) - 256) < 1e-2)
    }

    @Test("paths far outside draw nothing and do not crash", arguments: [
        Transform.identity, .translate(1e12, 0), .translate(-1e12, 1e12), .translate(0, -1e15),
    ])
    func farOutside(_ t: Transform) {
        var pix = FillFixture.pixmap(32, 32)
        let far = FillFixture.path { b in
            b.addRect(Rect(x: 1e12, y: 1e12, width: 5e12, height: 1))
            b.addRect(Rect(x: 1e12, y: 0, width: 5e12, height: 32))      // right of the canvas
            b.addCircle(center: PathPoint(-3e12, 40), radius: 1e11)      // left of it, spanning every row
            b.addRect(Rect(x: -1e12, y: -50, width: 2e12, height: 40))    // above it
        }
        pix.fill(far, paint: FillFixture.black, transform: t)
        pix.fill(far, paint: FillFixture.black, rule: .evenOdd, transform: t, clip: Rect(x: -1e20, y: 0, width: 1e40, height: 10))
        #expect(FillFixture.alphaSum(pix) == 0)
    }

    @Test("wild transforms and curves spanning 1e15 px neither crash nor allocate beyond the canvas", arguments: [
        Transform.identity, .scale(1e300, 1e300), Transform(sx: 1e308, ky: 1e308, kx: -1e308, sy: 1e308),
        .rotate(0.3).concatenating(.scale(1e200, 1e-200)),
    ])
    func wild(_ t: Transform) {
        var pix = FillFixture.pixmap(32, 32)
        let wild = FillFixture.path { b in
            b.move(to: -1e15, -1e15)
            b.cubic(to: PathPoint(-1e15, 1e15), control1: PathPoint(1e15, -1e15), control2: PathPoint(-1e15, 2e15))
            b.quad(to: PathPoint(1e12, 3), control: PathPoint(1e13, -1e14))
        }
        pix.fill(wild, paint: FillFixture.black, transform: t)
        pix.fill(wild, paint: FillFixture.black, rule: .evenOdd, transform: t, clip: Rect(x: 3, y: 3, width: 1e300, height: 20))
        #expect(pix.data.count == 32 * 32 * 4)
    }

    @Test("a huge transform overflowing to infinity is clamped, not a crash")
    func overflow() {
        var pix = FillFixture.pixmap(32, 32)
        let p = FillFixture.polygon([(0, 0), (1e300, 0), (1e300, 1e300), (0, 1e300)])
        pix.fill(p, paint: FillFixture.black, transform: .scale(1e300, 1e300))
        #expect(FillFixture.alphaSum(pix) > 1000)   // the quadrant x, y > 0 covers the pixmap
    }

    @Test("a fill larger than the kept scratch (2100 px) frees it; later fills still work")
    func largeThenSmall() {
        guard var big = Pixmap(width: 2100, height: 2100) else { Issue.record("pixmap"); return }
        big.fill(FillFixture.polygon([(10.5, 10), (2090, 10), (2090, 2090), (10.5, 2090)]), paint: FillFixture.black)
        #expect(FillFixture.alpha(big, 10, 1000) == 128 && FillFixture.alpha(big, 2089, 2089) == 255)
        #expect(FillFixture.alpha(big, 2090, 1000) == 0 && FillFixture.alpha(big, 1000, 2090) == 0)
        var small = FillFixture.pixmap(8, 8)
        small.fill(FillFixture.polygon([(1, 1), (3, 1), (3, 3), (1, 3)]), paint: FillFixture.black)
        #expect(FillFixture.alphaSum(small) == 4)
    }

    /// 2 million vertices in this debug test (10 million in release runs the same code; memory
    /// is the 64 x 64 region either way): a zigzag 4 rows high across the canvas, closed.
    @Test("2-million-vertex zigzag fills in bounded memory")
    func hugePath() {
        var b = PathBuilder()
        let n = 2_000_000
        b.reserve(points: n + 2)
        b.move(to: 0, 0)
        for i in 0..<n {
            b.line(to: Double(i) * 64 / Double(n), i % 2 == 0 ? 30 : 34)
        }
        b.line(to: 64, 40); b.line(to: 0, 40); b.close()
        guard let path = b.build() else { Issue.record("path"); return }
        var pix = FillFixture.pixmap()
        let start = Date()
        pix.fill(path, paint: FillFixture.black, rule: .evenOdd)
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds < 60, "took \(seconds) s")
        #expect(FillFixture.alphaSum(pix) > 0)
    }
}
