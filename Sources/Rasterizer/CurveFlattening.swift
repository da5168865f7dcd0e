/// Turns quadratic and cubic Béziers (already in device pixels) into polylines whose distance
/// from the true curve stays below a tolerance.
///
/// Segment counts come from the second-difference bound: a chord over a parameter step `h`
/// deviates from a curve B by at most `h²/8 · max|B''|`.
/// - quad: `B'' = 2(p0 − 2p1 + p2)`, so `n = ⌈√(|p0 − 2p1 + p2| / (4·tol))⌉`;
/// - cubic: `|B''| ≤ 6·max(|p0 − 2p1 + p2|, |p1 − 2p2 + p3|)`, so `n = ⌈√(3·M / (4·tol))⌉`.
/// Counts are capped at `maxSegments`, which only matters for curves tens of thousands of
/// pixels long (the caller culls curves wholly outside the canvas before flattening).
enum CurveFlattening {
    /// Default flattening tolerance in device pixels. Chords lie inside a convex arc, so the
    /// coverage along it is biased by up to the tolerance (×255 levels) and the area by about
    /// ⅔ · tolerance · perimeter: at 0.1 px a radius-10 circle (24 chords) loses 3.6 px² and
    /// mid-chord pixels 22 levels; at 0.05 px (36 chords) 1.6 px² and 10 levels, for 1.5x the
    /// segments. Map geometry is mostly straight lines, so the finer tolerance costs little.
    static let tolerance = 0.05
    /// The most segments one curve is cut into.
    static let maxSegments = 16_384

    /// Segments needed for a quad within `tolerance` px.
    @inline(__always)
    static func quadSegments(_ p0: PathPoint, _ p1: PathPoint, _ p2: PathPoint, tolerance: Double) -> Int {
        let dx = p0.x - 2 * p1.x + p2.x, dy = p0.y - 2 * p1.y + p2.y
        let dd = (dx * dx + dy * dy).squareRoot()
        return segmentCount((dd / (4 * tolerance)).squareRoot())
    }

    /// Segments needed for a cubic within `tolerance` px.
    @inline(__always)
    static func cubicSegments(_ p0: PathPoint, _ p1: PathPoint, _ p2: PathPoint, _ p3: PathPoint,
                              tolerance: Double) -> Int {
        let ax = p0.x - 2 * p1.x + p2.x, ay = p0.y - 2 * p1.y + p2.y
        let bx = p1.x - 2 * p2.x + p3.x, by = p1.y - 2 * p2.y + p3.y
        let m = max(ax * ax + ay * ay, bx * bx + by * by).squareRoot()
        return segmentCount((3 * m / (4 * tolerance)).squareRoot())
    }

    @inline(__always)
    private static func segmentCount(_ n: Double) -> Int {
        // `n` is finite and >= 0 for finite input; the comparison also sends NaN to the cap.
        guard n < Double(maxSegments) else { return maxSegments }
        return max(1, Int(n.rounded(.up)))
    }

    /// Calls `emit` with the end point of each polyline segment approximating the quad
    /// (the start point `p0` is not emitted; the last point emitted is exactly `p2`).
    @inline(__always)
    static func flattenQuad(_ p0: PathPoint, _ p1: PathPoint, _ p2: PathPoint, tolerance: Double,
                            _ emit: (PathPoint) -> Void) {
        let n = quadSegments(p0, p1, p2, tolerance: tolerance)
        if n > 1 {
            let step = 1 / Double(n)
            for i in 1..<n {
                let t = Double(i) * step, u = 1 - t
                let a = u * u, b = 2 * u * t, c = t * t
                emit(PathPoint(a * p0.x + b * p1.x + c * p2.x, a * p0.y + b * p1.y + c * p2.y))
            }
        }
        emit(p2)
    }

    /// Calls `emit` with the end point of each polyline segment approximating the cubic
    /// (the start point `p0` is not emitted; the last point emitted is exactly `p3`).
    @inline(__always)
    static func flattenCubic(_ p0: PathPoint, _ p1: PathPoint, _ p2: PathPoint, _ p3: PathPoint,
                             tolerance: Double, _ emit: (PathPoint) -> Void) {
        let n = cubicSegments(p0, p1, p2, p3, tolerance: tolerance)
        if n > 1 {
            let step = 1 / Double(n)
            for i in 1..<n {
                let t = Double(i) * step, u = 1 - t
                let a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t
                emit(PathPoint(a * p0.x + b * p1.x + c * p2.x + d * p3.x,
                               a * p0.y + b * p1.y + c * p2.y + d * p3.y))
            }
        }
        emit(p3)
    }
}
