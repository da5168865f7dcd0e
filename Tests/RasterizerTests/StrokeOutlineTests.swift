import Foundation
import Rasterizer
import Testing

/// Stroke outlines measured by their exact non-zero area (`StrokeAreaOracle`) against closed-form
/// areas and against shapely/GEOS buffers (Golden/strokes/shapely_areas.py).
@Suite struct StrokeOutlineTests {
    func area(_ path: Path, _ style: StrokeStyle, _ t: Transform = .identity) -> Double {
        StrokeAreaOracle.nonZeroArea(Stroker.outline(of: path, style: style, transform: t))
    }

    /// Round shapes are chords of the circle within 0.1 px: the missing area is at most about
    /// (2/3) · 0.1 px · the arc length.
    func roundSlack(radius r: Double, turns: Double) -> Double { 2.0 / 3 * 0.1 * 2 * Double.pi * r * turns + 1e-9 }

    @Test func buttCapsCoverLengthTimesWidth() {
        let line = polyline([(10, 20), (110, 20)])
        #expect(abs(area(line, StrokeStyle(width: 10, cap: .butt)) - 1000) < 1e-9)
        let diagonal = polyline([(0, 0), (30, 40)])
        #expect(abs(area(diagonal, StrokeStyle(width: 3, cap: .butt)) - 150) < 1e-9)
    }

    @Test func squareCapsAddHalfAWidthAtEachEnd() {
        let line = polyline([(10, 20), (110, 20)])
        #expect(abs(area(line, StrokeStyle(width: 10, cap: .square)) - (1000 + 100)) < 1e-9)
        let out = Stroker.outline(of: line, style: StrokeStyle(width: 10, cap: .square))
        #expect(out?.bounds == Rect(minX: 5, minY: 15, maxX: 115, maxY: 25))
    }

    @Test func roundCapsAddADisc() {
        let line = polyline([(10, 20), (110, 20)])
        let got = area(line, StrokeStyle(width: 10, cap: .round))
        let exact = 1000 + Double.pi * 100 / 4
        #expect(got <= exact + 1e-9 && got >= exact - roundSlack(radius: 5, turns: 1), "\(got) vs \(exact)")
    }

    @Test func widthIsInDevicePixelsAfterTheTransform() {
        let line = polyline([(0, 0), (10, 0)])
        let t = Transform.rotate(0.5).concatenating(.scale(3, 3))
        #expect(abs(area(line, StrokeStyle(width: 6), t) - 180) < 1e-9)
    }

    @Test(arguments: [(LineJoin.miter, 2000.0), (.bevel, 1987.5), (.round, 1975 + Double.pi * 25 / 4)])
    func rightAngleJoins(join: LineJoin, expected: Double) {
        // Union of the two 10 px bars; the outer 5 × 5 corner is a square (miter), half of it
        // (bevel), or a quarter disc (round).
        let got = area(polyline([(0, 0), (100, 0), (100, 100)]), StrokeStyle(width: 10, join: join))
        let slack = join == .round ? roundSlack(radius: 5, turns: 0.25) : 1e-9
        #expect(got <= expected + 1e-9 && got >= expected - slack, "\(join): \(got) vs \(expected)")
    }

    @Test func miterLimitFallsBackToBevel() {
        // 20° between the segments: miter ratio 1 / sin(10°) = 5.76.
        let theta = 20.0 * Double.pi / 180, turn = Double.pi - theta
        let path = polyline([(0, 0), (100, 0), (100 - 100 * cos(theta), 100 * sin(theta))])
        let r = 5.0
        let bevel = area(path, StrokeStyle(width: 2 * r, join: .bevel))
        let limited = area(path, StrokeStyle(width: 2 * r, join: .miter, miterLimit: 4))
        let long = area(path, StrokeStyle(width: 2 * r, join: .miter, miterLimit: 6))
        #expect(abs(limited - bevel) < 1e-9, "limit 4 < 5.76: bevel")
        // The miter adds the triangle between the bevel chord and the tip: r²(tan(τ/2) − sin(τ)/2).
        let extra = r * r * (tan(turn / 2) - sin(turn) / 2)
        #expect(abs(long - bevel - extra) < 1e-6, "\(long - bevel) vs \(extra)")
        // The tip lies r / sin(θ/2) from the vertex on the outer bisector: at x = 100 + r / tan(θ/2).
        let outline = Stroker.outline(of: path, style: StrokeStyle(width: 2 * r, join: .miter, miterLimit: 6))
        let maxX = outline?.bounds.maxX ?? 0
        #expect(abs(maxX - (100 + r / tan(theta / 2))) < 1e-9, "\(maxX)")
        #expect(bevelOutlineMaxX(path, r) < 100 + r, "the bevel stays within the bars")
    }

    func bevelOutlineMaxX(_ path: Path, _ r: Double) -> Double {
        Stroker.outline(of: path, style: StrokeStyle(width: 2 * r, join: .miter, miterLimit: 4))?.bounds.maxX ?? 0
    }

    @Test func closedSubpathsJoinAtTheStartAndHaveNoCaps() {
        let square = polyline([(0, 0), (100, 0), (100, 100), (0, 100)], closed: true)
        #expect(abs(area(square, StrokeStyle(width: 10, cap: .butt, join: .miter)) - 4000) < 1e-9)
        #expect(abs(area(square, StrokeStyle(width: 10, cap: .square, join: .miter)) - 4000) < 1e-9)
        #expect(abs(area(square, StrokeStyle(width: 10, cap: .round, join: .bevel)) - 3950) < 1e-9)
        let out = Stroker.outline(of: square, style: StrokeStyle(width: 10))
        #expect(out.map { StrokeAreaOracle.winding($0, x: 50, y: 50) } == 0, "the inside stays empty")
        #expect(out?.bounds == Rect(minX: -5, minY: -5, maxX: 105, maxY: 105))
        // An explicit repeat of the first point before close changes nothing.
        let repeated = polyline([(0, 0), (100, 0), (100, 100), (0, 100), (0, 0)], closed: true)
        #expect(abs(area(repeated, StrokeStyle(width: 10, join: .bevel)) - 3950) < 1e-9)
    }

    @Test func zeroLengthSubpathsDrawDotsWithRoundAndSquareCaps() {
        let dot = polyline([(50, 50), (50, 50)])
        #expect(Stroker.outline(of: dot, style: StrokeStyle(width: 8, cap: .butt)) == nil)
        #expect(abs(area(dot, StrokeStyle(width: 8, cap: .square)) - 64) < 1e-9)
        let round = area(dot, StrokeStyle(width: 8, cap: .round))
        #expect(round <= 16 * Double.pi && round >= 16 * Double.pi - roundSlack(radius: 4, turns: 1))
        var b = PathBuilder()
        b.move(to: 5, 5)
        b.close()
        #expect(abs(area(b.build()!, StrokeStyle(width: 2, cap: .square)) - 4) < 1e-9, "M Z is a dot too")
    }

    @Test func duplicatePointsMakeNoSpikes() {
        let path = polyline([(0, 0), (50, 0), (50, 0), (50, 1e-9), (100, 0)])
        let out = Stroker.outline(of: path, style: StrokeStyle(width: 10, join: .miter, miterLimit: 100))
        #expect(out?.bounds == Rect(minX: 0, minY: -5, maxX: 100, maxY: 5))
        #expect(abs(StrokeAreaOracle.nonZeroArea(out) - 1000) < 1e-6)
    }

    @Test func nothingToDraw() {
        let line = polyline([(0, 0), (10, 0)])
        #expect(Stroker.outline(of: line, style: StrokeStyle(width: 0)) == nil)
        #expect(Stroker.outline(of: line, style: StrokeStyle(width: -1)) == nil)
        #expect(Stroker.outline(of: line, style: StrokeStyle(width: .nan)) == nil)
        #expect(Stroker.outline(of: line, style: StrokeStyle(width: .infinity)) == nil)
        #expect(Stroker.outline(of: line, style: StrokeStyle(width: 1), transform: .scale(.infinity, 1)) == nil)
    }

    @Test func quarterCircleCurve() {
        // A cubic quarter circle of radius 100 (radial error 0.027 %), width 10, butt caps:
        // the annulus quarter π/4 · (105² − 95²).
        var b = PathBuilder()
        b.move(to: 100, 0)
        b.cubic(to: PathPoint(0, 100), control1: PathPoint(100, 55.22847498), control2: PathPoint(55.22847498, 100))
        let got = area(b.build()!, StrokeStyle(width: 10))
        let exact = Double.pi / 4 * (105 * 105 - 95 * 95)
        #expect(abs(got - exact) < 0.002 * exact, "\(got) vs \(exact)")
    }

    static let shapely: [(String, Double, Double)] = [
        ("zigzag 0.5 px, w 40, butt/bevel", 974.6854249492378, 173.9827560572969),
        ("zigzag 0.5 px, w 40, round/round", 2054.331923026983, 165.08167536517595),
        ("polyline, w 12, square/bevel", 2516.614147561991, 416.5559382929986),
        ("polyline, w 12, butt/miter", 2463.984989197513, 434.66416486625224),
        ("polyline, w 12, round/round", 2532.436164114267, 418.5744595701853),
        ("crossing, w 8, butt/round", 1651.8573172148258, 404.15785860157536),
        ("crossing, w 8, square/miter", 1735.0835055998657, 429.77087639996637),
    ]

    /// Wide strokes on very short segments and self-crossing lines cover exactly the union of
    /// their pieces: GEOS's buffer, or shapely's union of the pieces (see the script).
    @Test(arguments: shapely)
    func matchesGEOSBuffer(name: String, expected: Double, perimeter: Double) {
        let zigzag = (0..<40).map { (Double($0) * 0.5, Double($0 % 2) * 0.5) }
        let poly: [(Double, Double)] = [(0, 0), (60, 0), (70, 40), (20, 60), (25, 10)]
        let cross: [(Double, Double)] = [(0, 0), (80, 40), (80, 0), (0, 40)]
        let pts = name.hasPrefix("zigzag") ? zigzag : name.hasPrefix("polyline") ? poly : cross
        let width = name.contains("w 40") ? 40.0 : name.contains("w 12") ? 12 : 8
        let cap: LineCap = name.contains("butt") ? .butt : name.contains("square") ? .square : .round
        let join: LineJoin = name.contains("bevel") ? .bevel : name.contains("miter") ? .miter : .round
        let got = area(polyline(pts), StrokeStyle(width: width, cap: cap, join: join))
        let hasArcs = cap == .round || join == .round
        // Arcs: chord deficit; the polygonal cases agree to rounding.
        let slack = hasArcs ? 2.0 / 3 * 0.1 * perimeter : 1e-6
        #expect(got <= expected + 1e-6 && got >= expected - slack, "\(name): \(got) vs \(expected)")
    }
}

extension StrokeOutlineTests {
    /// Coordinates near the largest Double: a segment from -1.7e308 to 1.7e308 has an infinite
    /// length, and the stroker draws nothing (nil) rather than an outline with infinities or
    /// NaNs; at ±1e300 every length is finite and the outline is drawn, all of its points finite.
    @Test func hugeCoordinatesDoNotProduceNonFiniteOutlines() throws {
        let overflowing = polyline([(-1.7e308, 0), (1.7e308, 0), (1.7e308, 1e308)])
        #expect(Stroker.outline(of: overflowing, style: StrokeStyle(width: 4, join: .miter)) == nil)
        let huge = polyline([(-1e300, 0), (1e300, 0), (1e300, 1e300)])
        let out = try #require(Stroker.outline(of: huge, style: StrokeStyle(width: 4, join: .miter)))
        #expect(!out.points.isEmpty)
        #expect(out.points.allSatisfy { $0.x.isFinite && $0.y.isFinite })
    }

    @Test func manyVerticesStayLinear() {
        // 200 000 vertices of a jagged line: the outline has a bounded number of points per vertex.
        let pts = (0..<200_000).map { (i: Int) -> (Double, Double) in (Double(i) * 0.3, Double((i * 7919) % 13) * 0.2) }
        let out = Stroker.outline(of: polyline(pts), style: StrokeStyle(width: 3, join: .round))
        #expect((out?.points.count ?? 0) < 200_000 * 8, "\(out?.points.count ?? 0)")
    }
}
