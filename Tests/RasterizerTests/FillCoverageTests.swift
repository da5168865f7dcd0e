import Foundation
import Testing
@testable import Rasterizer

/// Test helpers for fills (prefixed `fill` to stay apart from other suites in this target).
enum FillFixture {
    static func pixmap(_ w: Int = 64, _ h: Int = 64) -> Pixmap {
        guard let p = Pixmap(width: w, height: h) else { fatalError("pixmap \(w)x\(h)") }
        return p
    }

    static func path(_ build: (inout PathBuilder) -> Void) -> Path {
        var b = PathBuilder()
        build(&b)
        guard let p = b.build() else { fatalError("empty path") }
        return p
    }

    static func polygon(_ pts: [(Double, Double)]) -> Path {
        path { b in
            b.move(to: pts[0].0, pts[0].1)
            for p in pts.dropFirst() { b.line(to: p.0, p.1) }
            b.close()
        }
    }

    /// Sum of alpha / 255 over the pixmap (coverage of an opaque black fill on transparent).
    static func alphaSum(_ p: Pixmap) -> Double {
        var s = 0
        for i in Swift.stride(from: 3, to: p.data.count, by: 4) { s += Int(p.data[i]) }
        return Double(s) / 255
    }

    static func alpha(_ p: Pixmap, _ x: Int, _ y: Int) -> Int { Int(p.data[(y * p.width + x) * 4 + 3]) }

    /// Unquantised coverage per pixel, through the same path walk and accumulator as `fill`.
    static func coverage(_ path: Path, rule: FillRule = .nonZero, transform: Transform = .identity,
                         width: Int = 64, height: Int = 64) -> [Int: Double] {
        var out: [Int: Double] = [:]
        guard let r = ScanConverter.region(of: path, transform: transform, clip: nil, width: width, height: height)
        else { return out }
        let acc = CoverageAccumulator()
        acc.begin(x: r.x, y: r.y, width: r.width, height: r.height)
        _ = ScanConverter.accumulate(path, transform: transform, into: acc)
        acc.resolve(evenOdd: rule == .evenOdd) { x, y, c in out[y * width + x] = Double(c) }
        return out
    }

    /// Shoelace area of a polygon (the independent oracle for polygon fills).
    static func shoelace(_ pts: [(Double, Double)]) -> Double {
        var a = 0.0
        for i in pts.indices {
            let p = pts[i], q = pts[(i + 1) % pts.count]
            a += p.0 * q.1 - q.0 * p.1
        }
        return abs(a) / 2
    }

    static let black = Paint(color: .black)
}

@Suite("Fill coverage: exact area")
struct FillCoverageTests {
    /// Unquantised coverage sums to the polygon's shoelace area within 1e-3 px²; after 8-bit
    /// rounding each partly covered pixel may be off by 0.5/255, so the byte sum is checked
    /// within 1e-2 plus that bound.
    @Test("polygon area equals the shoelace area", arguments: [
        [(10.0, 10.0), (11.0, 10.0), (11.0, 11.0), (10.0, 11.0)],                 // unit square on the grid
        [(10.3, 20.25), (30.7, 20.25), (30.7, 41.6), (10.3, 41.6)],               // fractional rect
        [(0.5, 0.5), (0.75, 0.5), (0.75, 63.5), (0.5, 63.5)],                      // thin sliver
        [(5.2, 50.1), (58.9, 44.4), (21.3, 3.7)],                                  // triangle
        [(32.1, 1.3), (62.2, 32.8), (31.6, 62.9), (1.7, 31.1)],                    // diamond
    ])
    func polygonArea(_ pts: [(Double, Double)]) {
        let path = FillFixture.polygon(pts)
        let expected = FillFixture.shoelace(pts)
        let cov = FillFixture.coverage(path)
        let exact = cov.values.reduce(0, +)
        #expect(abs(exact - expected) < 1e-3, "unquantised \(exact) vs \(expected)")
        var pix = FillFixture.pixmap()
        pix.fill(path, paint: FillFixture.black)
        let partial = cov.values.filter { $0 > 1e-6 && $0 < 1 - 1e-6 }.count
        let sum = FillFixture.alphaSum(pix)
        #expect(abs(sum - expected) <= 1e-2 + Double(partial) * 0.5 / 255, "bytes \(sum) vs \(expected)")
    }

    @Test("regular 720-gon of radius 10 covers its shoelace area")
    func polygonCircle() {
        let pts = (0..<720).map { i -> (Double, Double) in
            let a = Double(i) * 2 * .pi / 720
            return (32.3 + 10 * cos(a), 31.8 + 10 * sin(a))
        }
        let exact = FillFixture.coverage(FillFixture.polygon(pts)).values.reduce(0, +)
        #expect(abs(exact - FillFixture.shoelace(pts)) < 1e-2)
    }

    /// The Bézier circle (four cubics) against its own area by Green's theorem on 40 000
    /// samples; flattening chords cut at most ⅔ · 0.05 px · perimeter (2.1 px² at r = 10).
    @Test("Bézier circle of radius 10: area within the flattening bound")
    func bezierCircle() {
        let path = FillFixture.path { $0.addCircle(center: PathPoint(30.5, 30.25), radius: 10) }
        var green = 0.0
        let k = 0.5522847498 * 10
        let quarter = [(10.0, 0.0), (10.0, k), (k, 10.0), (0.0, 10.0)]
        for i in 0..<10_000 {   // one quarter, times four by symmetry
            func at(_ t: Double) -> (Double, Double) {
                let u = 1 - t
                let c = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t]
                return (zip(c, quarter).map { $0 * $1.0 }.reduce(0, +), zip(c, quarter).map { $0 * $1.1 }.reduce(0, +))
            }
            let p = at(Double(i) / 10_000), q = at(Double(i + 1) / 10_000)
            green += (p.0 * q.1 - q.0 * p.1) / 2
        }
        let curveArea = 4 * green
        #expect(abs(curveArea - .pi * 100) < 0.1, "Bézier circle area \(curveArea)")
        let exact = FillFixture.coverage(path).values.reduce(0, +)
        #expect(exact < curveArea && curveArea - exact < 2.0 / 3 * 0.05 * 2 * .pi * 10,
                "filled \(exact) vs curve \(curveArea)")
    }

    @Test("a pixel half covered gets 128 (0.5 ± 1/255)")
    func halfPixel() {
        var pix = FillFixture.pixmap(8, 8)
        pix.fill(FillFixture.polygon([(2, 2), (4.5, 2), (4.5, 5), (2, 5)]), paint: FillFixture.black)
        for y in 2..<5 {
            #expect(abs(Double(FillFixture.alpha(pix, 4, y)) / 255 - 0.5) <= 1.0 / 255)
            #expect(FillFixture.alpha(pix, 3, y) == 255 && FillFixture.alpha(pix, 5, y) == 0)
        }
        // A diagonal through a pixel's corners halves it too.
        var diag = FillFixture.pixmap(8, 8)
        diag.fill(FillFixture.polygon([(1, 1), (6, 1), (6, 6)]), paint: FillFixture.black)
        for i in 1..<6 { #expect(abs(Double(FillFixture.alpha(diag, i, i)) / 255 - 0.5) <= 1.0 / 255) }
    }

    @Test("aliased fill: 0 or 255 by pixel centre")
    func aliased() {
        var pix = FillFixture.pixmap(16, 16)
        pix.fill(FillFixture.polygon([(2.4, 3.6), (9.6, 3.6), (9.6, 10.4), (2.4, 10.4)]),
                 paint: Paint(color: .black, antiAlias: false))
        for y in 0..<16 {
            for x in 0..<16 {
                let inside = (2...9).contains(x) && (4...9).contains(y)  // centres x+0.5 in 2.4...9.6
                #expect(FillFixture.alpha(pix, x, y) == (inside ? 255 : 0), "(\(x), \(y))")
            }
        }
    }

    @Test("translucent colour blends by the source-over formula")
    func translucent() {
        var pix = FillFixture.pixmap(4, 4)
        pix.fill(Color(r: 20, g: 100, b: 200))
        let src = Color(r: 250, g: 40, b: 10, a: 200)
        pix.fill(FillFixture.polygon([(0, 0), (4, 0), (4, 4), (0, 4)]), paint: Paint(color: src, opacity: 0.5))
        // straight alpha: a = 200 · 0.5 = 100; out = src·a + dst·(1 − a), dst opaque.
        let a = 100.0 / 255
        let expected = [250.0 * a + 20 * (1 - a), 40 * a + 100 * (1 - a), 10 * a + 200 * (1 - a)]
        guard let c = pix.color(x: 1, y: 2) else { Issue.record("no pixel"); return }
        #expect(c.a == 255)
        for (got, want) in zip([c.r, c.g, c.b], expected) { #expect(abs(Double(got) - want) <= 1.0, "\(got) vs \(want)") }
        // Half coverage halves the source alpha.
        var half = FillFixture.pixmap(4, 4)
        half.fill(FillFixture.polygon([(0, 0), (1.5, 0), (1.5, 4), (0, 4)]), paint: Paint(color: src))
        #expect(abs(FillFixture.alpha(half, 1, 1) - 100) <= 1)
    }
}
