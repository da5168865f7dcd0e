import Rasterizer

/// Test oracle: the exact area a path covers under the non-zero rule, found without the
/// rasteriser. The path is cut into horizontal slabs at every vertex height and every height
/// where two edges cross; inside a slab no edge starts, ends or crosses another, so the covered
/// width is linear in y and its value at the slab's middle times the slab's height is exact.
/// Curves are not expected (outlines are lines only).
enum StrokeAreaOracle {
    struct Edge { var x0, y0, x1, y1: Double; var dir: Int }

    static func edges(of path: Path) -> [Edge] {
        var result: [Edge] = []
        var start: PathPoint?
        var last: PathPoint?
        func add(_ a: PathPoint, _ b: PathPoint) {
            guard a.y != b.y else { return }
            result.append(a.y < b.y ? Edge(x0: a.x, y0: a.y, x1: b.x, y1: b.y, dir: 1)
                                    : Edge(x0: b.x, y0: b.y, x1: a.x, y1: a.y, dir: -1))
        }
        func closeOpen() { if let s = start, let l = last { add(l, s) } }
        path.forEachSegment { verb, pts in
            switch verb {
            case .move:
                closeOpen()
                start = pts[0]; last = pts[0]
            case .close:
                closeOpen()
                last = start
            default:
                add(pts[0], pts[pts.count - 1])
                last = pts[pts.count - 1]
            }
        }
        closeOpen()
        return result
    }

    /// Winding number of `path` around (x, y) (a ray to +x).
    static func winding(_ path: Path, x: Double, y: Double) -> Int {
        var w = 0
        for e in edges(of: path) where e.y0 <= y && y < e.y1 {
            let ex = e.x0 + (e.x1 - e.x0) * (y - e.y0) / (e.y1 - e.y0)
            if ex > x { w += e.dir }
        }
        return w
    }

    static func nonZeroArea(_ path: Path?) -> Double {
        guard let path else { return 0 }
        let es = edges(of: path)
        var ys = Set<Double>()
        for e in es { ys.insert(e.y0); ys.insert(e.y1) }
        // Heights where two edges cross.
        let sorted = es.sorted { $0.y0 < $1.y0 }
        for i in 0..<sorted.count {
            let a = sorted[i]
            var j = i + 1
            while j < sorted.count, sorted[j].y0 < a.y1 {
                if let y = crossingY(a, sorted[j]) { ys.insert(y) }
                j += 1
            }
        }
        let levels = ys.sorted()
        var area = 0.0
        var crossings: [(x: Double, dir: Int)] = []
        for k in 0..<(max(levels.count, 1) - 1) {
            let y = (levels[k] + levels[k + 1]) / 2, h = levels[k + 1] - levels[k]
            crossings.removeAll(keepingCapacity: true)
            for e in es where e.y0 <= y && y < e.y1 {
                crossings.append((e.x0 + (e.x1 - e.x0) * (y - e.y0) / (e.y1 - e.y0), e.dir))
            }
            crossings.sort { $0.x < $1.x }
            var w = 0
            for (i, c) in crossings.enumerated() {
                w += c.dir
                if w != 0, i + 1 < crossings.count { area += (crossings[i + 1].x - c.x) * h }
            }
        }
        return area
    }

    private static func crossingY(_ a: Edge, _ b: Edge) -> Double? {
        let lo = max(a.y0, b.y0), hi = min(a.y1, b.y1)
        guard lo < hi else { return nil }
        func x(_ e: Edge, _ y: Double) -> Double { e.x0 + (e.x1 - e.x0) * (y - e.y0) / (e.y1 - e.y0) }
        let d0 = x(a, lo) - x(b, lo), d1 = x(a, hi) - x(b, hi)
        guard (d0 < 0 && d1 > 0) || (d0 > 0 && d1 < 0) else { return nil }
        return lo + (hi - lo) * d0 / (d0 - d1)
    }
}

/// A path through `points` (lines), optionally closed.
func polyline(_ points: [(Double, Double)], closed: Bool = false) -> Path {
    var b = PathBuilder()
    for (i, p) in points.enumerated() {
        if i == 0 { b.move(to: p.0, p.1) } else { b.line(to: p.0, p.1) }
    }
    if closed { b.close() }
    guard let path = b.build() else { preconditionFailure("test path") }
    return path
}
