/// One subpath as a polyline, as the stroker and the dasher see it: curves flattened, points in
/// device space, consecutive points closer than `StrokePolyline.minimumStep` merged.
struct StrokePolyline {
    /// The vertices; a closed subpath does not repeat its first point at the end.
    var points: [PathPoint]
    /// True when the subpath ended with `close`.
    var closed: Bool
    /// For a subpath that collapsed to one point: the direction from its first to its last
    /// original point (zero when they coincide), so a square cap can follow the path.
    var collapsedDirection: PathPoint

    /// Points closer than this (pixels) are merged: a shorter segment has no visible extent and
    /// its direction would be rounding noise (which a miter join would turn into a spike).
    static let minimumStep = 1e-6

    /// Curve flattening tolerance: the largest distance between a curve and its chords, pixels.
    static let tolerance = 0.1

    /// The most chords one curve becomes; bounds the work for hostile control points.
    static let maxChordsPerCurve = 16_384

    /// Every subpath of `path` as a polyline (subpaths made of a lone `move` are dropped).
    static func subpaths(of path: Path) -> [StrokePolyline] {
        var result: [StrokePolyline] = []
        var raw: [PathPoint] = []
        var closed = false
        func flush() {
            if raw.count >= 2 || closed, let p = StrokePolyline(raw: raw, closed: closed) { result.append(p) }
            raw.removeAll(keepingCapacity: true)
            closed = false
        }
        // Walks verbs and points directly (`forEachSegment` allocates an array per segment).
        let points = path.points
        var index = 0
        var current = PathPoint(0, 0)
        for verb in path.verbs {
            switch verb {
            case .move:
                flush()
                current = points[index]
                raw.append(current)
            case .line:
                current = points[index]
                raw.append(current)
            case .quad:
                appendQuad(current, points[index], points[index + 1], to: &raw)
                current = points[index + 1]
            case .cubic:
                appendCubic(current, points[index], points[index + 1], points[index + 2], to: &raw)
                current = points[index + 2]
            case .close:
                closed = true
                current = raw.first ?? current
                flush()
            }
            index += verb.pointCount
        }
        flush()
        return result
    }

    /// Merges near-duplicate points; nil when `raw` is empty.
    init?(raw: [PathPoint], closed: Bool) {
        guard let first = raw.first, let last = raw.last else { return nil }
        var kept: [PathPoint] = [first]
        kept.reserveCapacity(raw.count)
        let step2 = Self.minimumStep * Self.minimumStep
        for p in raw.dropFirst() {
            let q = kept[kept.count - 1]
            let dx = p.x - q.x, dy = p.y - q.y
            if dx * dx + dy * dy > step2 { kept.append(p) }
        }
        if closed, kept.count > 1 {
            let dx = kept[0].x - kept[kept.count - 1].x, dy = kept[0].y - kept[kept.count - 1].y
            if dx * dx + dy * dy <= step2 { kept.removeLast() }
        }
        self.points = kept
        self.closed = closed && kept.count > 1
        self.collapsedDirection = PathPoint(last.x - first.x, last.y - first.y)
    }

    /// Appends the chords of a quadratic Bézier (without its start point).
    /// Uniform steps: the chord error is |p0 − 2c + p1| / (4 n²), so n = ⌈√(M / 4 tol)⌉.
    static func appendQuad(_ p0: PathPoint, _ c: PathPoint, _ p1: PathPoint, to out: inout [PathPoint]) {
        let ddx = p0.x - 2 * c.x + p1.x, ddy = p0.y - 2 * c.y + p1.y
        let m = (ddx * ddx + ddy * ddy).squareRoot()
        let n = chordCount((m / (4 * tolerance)).squareRoot())
        for i in 1...n {
            let t = Double(i) / Double(n), u = 1 - t
            out.append(PathPoint(u * u * p0.x + 2 * u * t * c.x + t * t * p1.x,
                                 u * u * p0.y + 2 * u * t * c.y + t * t * p1.y))
        }
        out[out.count - 1] = p1
    }

    /// Appends the chords of a cubic Bézier (without its start point).
    /// Uniform steps: the chord error is at most 3M / (4 n²), M the larger second difference
    /// of the control polygon, so n = ⌈√(3M / 4 tol)⌉.
    static func appendCubic(_ p0: PathPoint, _ c1: PathPoint, _ c2: PathPoint, _ p1: PathPoint,
                            to out: inout [PathPoint]) {
        let ax = p0.x - 2 * c1.x + c2.x, ay = p0.y - 2 * c1.y + c2.y
        let bx = c1.x - 2 * c2.x + p1.x, by = c1.y - 2 * c2.y + p1.y
        let m = max(ax * ax + ay * ay, bx * bx + by * by).squareRoot()
        let n = chordCount((3 * m / (4 * tolerance)).squareRoot())
        for i in 1...n {
            let t = Double(i) / Double(n), u = 1 - t
            let w0 = u * u * u, w1 = 3 * u * u * t, w2 = 3 * u * t * t, w3 = t * t * t
            out.append(PathPoint(w0 * p0.x + w1 * c1.x + w2 * c2.x + w3 * p1.x,
                                 w0 * p0.y + w1 * c1.y + w2 * c2.y + w3 * p1.y))
        }
        out[out.count - 1] = p1
    }

    private static func chordCount(_ x: Double) -> Int {
        guard x.isFinite else { return maxChordsPerCurve }
        return max(1, min(maxChordsPerCurve, Int(x.rounded(.up))))
    }
}

/// Collects polylines into a `Path` of moves, lines and closes, appending verbs and points
/// directly (one `PathBuilder` call per point allocates per point; this is the hot loop of
/// stroking and dashing).
struct LinePathAccumulator {
    private var verbs: [PathVerb] = []
    private var points: [PathPoint] = []

    /// Adds `polyline` as one subpath (nothing when it is empty), closed when asked.
    mutating func add<C: Collection>(_ polyline: C, closed: Bool) where C.Element == PathPoint {
        guard !polyline.isEmpty else { return }
        verbs.append(.move)
        verbs.append(contentsOf: repeatElement(.line, count: polyline.count - 1))
        if closed { verbs.append(.close) }
        points.append(contentsOf: polyline)
    }

    /// The path so far; nil when it is empty, has no segment, or a point is not finite
    /// (coordinates near the limits of `Double` can overflow when offset).
    func path() -> Path? {
        guard let first = points.first, verbs.contains(where: { $0 != .move }) else { return nil }
        var minX = first.x, minY = first.y, maxX = first.x, maxY = first.y
        for p in points {
            guard p.x.isFinite, p.y.isFinite else { return nil }
            minX = min(minX, p.x); maxX = max(maxX, p.x)
            minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        return Path(verbs: verbs, points: points, bounds: Rect(minX: minX, minY: minY, maxX: maxX, maxY: maxY))
    }
}
