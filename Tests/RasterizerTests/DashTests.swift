import Foundation
import Rasterizer
import Testing

/// Dash geometry against hand-computed SVG dash positions.
@Suite struct DashTests {
    /// Each subpath of `path` as its list of points (lines only; `close` adds the start again).
    func subpaths(_ path: Path?) -> [[PathPoint]] {
        var result: [[PathPoint]] = []
        path?.forEachSegment { verb, pts in
            switch verb {
            case .move: result.append([pts[0]])
            case .close: result[result.count - 1].append(pts[1])
            default: result[result.count - 1].append(pts[pts.count - 1])
            }
        }
        return result
    }

    func length(_ pts: [PathPoint]) -> Double {
        zip(pts, pts.dropFirst()).reduce(0) { $0 + hypot($1.1.x - $1.0.x, $1.1.y - $1.0.y) }
    }

    /// The x ranges of the dashes of a horizontal path.
    func ranges(_ path: Path?) -> [ClosedRange<Double>] {
        subpaths(path).map { pts in
            let xs = pts.map(\.x)
            return (xs.min() ?? 0)...(xs.max() ?? 0)
        }
    }

    func same(_ a: [ClosedRange<Double>], _ b: [ClosedRange<Double>]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy {
            abs($0.lowerBound - $1.lowerBound) < 1e-9 && abs($0.upperBound - $1.upperBound) < 1e-9
        }
    }

    let line = polyline([(0, 0), (100, 0)])

    @Test func evenPattern() {
        let got = ranges(Dasher.dash(line, pattern: [10, 5], offset: 0))
        let want = stride(from: 0.0, through: 90, by: 15).map { $0...min($0 + 10, 100) }
        #expect(same(got, want), "\(got)")
        #expect(abs(got.reduce(0) { $0 + $1.upperBound - $1.lowerBound } - 70) < 1e-9)
    }

    @Test func oddPatternRepeatsTwice() {
        // [5, 3, 2] is [5, 3, 2, 5, 3, 2]: on 0-5, off, on 8-10, off 10-15, on 15-18, off 18-20.
        let got = ranges(Dasher.dash(polyline([(0, 0), (40, 0)]), pattern: [5, 3, 2], offset: 0))
        #expect(same(got, [0...5, 8...10, 15...18, 20...25, 28...30, 35...38]), "\(got)")
    }

    static let offsets: [(Double, [ClosedRange<Double>])] = [
        (3, [0...7, 12...22, 27...37]), (-3, [3...13, 18...28, 33...40]),
        (33, [0...7, 12...22, 27...37]), (-18, [3...13, 18...28, 33...40]),
    ]

    @Test(arguments: offsets)
    func offsetShiftsThePattern(offset: Double, want: [ClosedRange<Double>]) {
        let got = ranges(Dasher.dash(polyline([(0, 0), (40, 0)]), pattern: [10, 5], offset: offset))
        #expect(same(got, want), "offset \(offset): \(got)")
    }

    @Test func dashesRunAcrossVertices() {
        // An L of 30 + 30: the dash [25, 35] turns the corner and keeps the vertex.
        let path = polyline([(0, 0), (30, 0), (30, 30)])
        let dashes = subpaths(Dasher.dash(path, pattern: [10, 15], offset: 0))
        #expect(dashes.map(length).map { ($0 * 1e9).rounded() / 1e9 } == [10, 10, 10])
        #expect(dashes.count == 3 && dashes[1] == [PathPoint(25, 0), PathPoint(30, 0), PathPoint(30, 5)])
    }

    @Test func closedRectangleIsDashedContinuously() {
        // Perimeter 300, pattern [20, 10] shifted by 10: the dash at 290-310 runs through the
        // start corner (0, 0) and is one dash there (a join, not two caps).
        let rect = polyline([(0, 0), (100, 0), (100, 50), (0, 50)], closed: true)
        let dashes = subpaths(Dasher.dash(rect, pattern: [20, 10], offset: 10))
        #expect(dashes.count == 10)
        #expect(dashes.allSatisfy { abs(length($0) - 20) < 1e-9 }, "\(dashes.map(length))")
        #expect(dashes.contains { $0 == [PathPoint(0, 10), PathPoint(0, 0), PathPoint(10, 0)] })
        // A dash longer than the perimeter leaves the rectangle closed (joins at every corner).
        let whole = Dasher.dash(rect, pattern: [1000, 10], offset: 0)
        #expect(whole?.verbs == [.move, .line, .line, .line, .close])
    }

    @Test func eachSubpathRestartsThePattern() {
        var b = PathBuilder()
        b.move(to: 0, 0); b.line(to: 25, 0)
        b.move(to: 0, 10); b.line(to: 25, 10)
        let dashes = subpaths(Dasher.dash(b.build()!, pattern: [10, 5], offset: 0))
        #expect(dashes.map(length) == [10, 10, 10, 10])
        #expect(dashes.map { $0[0] } == [PathPoint(0, 0), PathPoint(15, 0), PathPoint(0, 10), PathPoint(15, 10)])
    }

    @Test func zeroLengthDashesAreDotsWithRoundCaps() {
        let dashed = Dasher.dash(polyline([(0, 0), (30, 0)]), pattern: [0, 10], offset: 0)
        let dots = subpaths(dashed)
        #expect(dots.count == 4)
        #expect(zip(dots, [0.0, 10, 20, 30]).allSatisfy { abs($0.0[0].x - $0.1) < 1e-6 && length($0.0) < 1e-6 })
        let outline = dashed.flatMap { Stroker.outline(of: $0, style: StrokeStyle(width: 4, cap: .round)) }
        let area = StrokeAreaOracle.nonZeroArea(outline)
        #expect(area <= 16 * Double.pi && area > 16 * Double.pi - 4 * 2.0 / 3 * 0.1 * 4 * Double.pi, "\(area)")
        #expect(dashed.flatMap { Stroker.outline(of: $0, style: StrokeStyle(width: 4, cap: .butt)) } == nil)
        // Square dots on a diagonal turn with the line.
        let diagonal = Dasher.dash(polyline([(0, 0), (30, 30)]), pattern: [0, 100], offset: 0)
        let square = diagonal.flatMap { Stroker.outline(of: $0, style: StrokeStyle(width: 2, cap: .square)) }
        #expect(abs((square?.bounds.maxX ?? 0) - 2.0.squareRoot()) < 1e-6, "a diamond, not an axis square")
    }

    @Test func curvesAreDashedByArcLength() {
        // Quarter circle of radius 100: arc length 157.08; [10, 10] gives dashes 0-10 … 140-150.
        var b = PathBuilder()
        b.move(to: 100, 0)
        b.cubic(to: PathPoint(0, 100), control1: PathPoint(100, 55.22847498), control2: PathPoint(55.22847498, 100))
        let dashes = subpaths(Dasher.dash(b.build()!, pattern: [10, 10], offset: 0))
        #expect(dashes.count == 8)
        #expect(abs(dashes.map(length).reduce(0, +) - 80) < 1e-6)
    }

    @Test(arguments: [[0.0, 0], [-1, 2], [.nan, 1], [.infinity, 1], [1, -0.5, 2]])
    func invalidPatternsLeaveThePathSolid(pattern: [Double]) {
        #expect(Dasher.dash(line, pattern: pattern, offset: 0) == line)
    }

    @Test func pathologicalPatternsFallBackToSolid() {
        let long = polyline([(0, 0), (1e6, 0)])
        let start = Date()
        #expect(Dasher.dash(long, pattern: [0.0001, 0.0001], offset: 0) == long)
        #expect(Date().timeIntervalSince(start) < 1)
        // Just under the cap still dashes: 2 × 10⁵ dashes of 2 px.
        #expect(subpaths(Dasher.dash(long, pattern: [2, 3], offset: 0)).count == 200_000)
    }

    @Test func nonFiniteOffsetCountsAsZero() {
        #expect(Dasher.dash(line, pattern: [10, 5], offset: .nan) == Dasher.dash(line, pattern: [10, 5], offset: 0))
    }
}

extension DashTests {
    @Test func nilWhenOnlyGapsFallOnThePath() {
        #expect(Dasher.dash(polyline([(0, 0), (10, 0)]), pattern: [1, 100], offset: 1) == nil)
    }
}
