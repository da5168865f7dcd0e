/// Splits a path into dashes (SVG's `stroke-dasharray` / `stroke-dashoffset` rules).
public enum Dasher {
    /// The most dashes one call makes; beyond it the path is returned solid, so a pattern such
    /// as [0.0001, 0.0001] on a 10⁶ px line cannot take unbounded time and memory.
    public static let maxDashes = 1_000_000

    /// Half the length of the segment that stands for a zero-length dash (pixels): short enough
    /// for `Stroker` to treat the dash as a dot, long enough to tell it which way a square
    /// cap turns.
    static let dotHalfLength = 1e-7

    /// The dashes of `path`, each an open subpath of lines (curves flattened to 0.1 px).
    ///
    /// Call it in device space (after transforming), so lengths are pixels.
    /// - Parameters:
    ///   - path: the path to dash.
    ///   - pattern: alternating dash and gap lengths, pixels, starting with a dash; an odd count
    ///     repeats once more (SVG: [5, 3, 2] is [5, 3, 2, 5, 3, 2]).
    ///   - offset: distance into the pattern at which every subpath starts, pixels; wraps
    ///     modulo the pattern length, negative values included. A non-finite offset counts as 0.
    /// - Returns: the dashes; `path` itself, undashed, when the pattern is empty or invalid
    ///   (a negative or non-finite entry, or a zero sum) or when it would make more than
    ///   `maxDashes` dashes; nil when no dash falls on the path.
    ///
    /// Each subpath restarts the pattern. A closed subpath is dashed continuously across its
    /// closing segment, and a dash running through its start point is kept whole (it gets a
    /// join there, not two caps); a closed subpath shorter than the first dash stays closed.
    /// A zero-length dash (a 0 entry) becomes a dot when stroked with round or square caps.
    public static func dash(_ path: Path, pattern: [Double], offset: Double) -> Path? {
        guard !pattern.isEmpty, pattern.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return path }
        let full = pattern.count % 2 == 1 ? pattern + pattern : pattern
        let period = full.reduce(0, +)
        guard period > 0, period.isFinite else { return path }

        let subpaths = StrokePolyline.subpaths(of: path)
        var total = 0.0
        for sub in subpaths { total += sub.length }
        let estimate = (total / period + Double(subpaths.count)) * Double(full.count / 2)
        guard estimate.isFinite, estimate <= Double(maxDashes) else { return path }

        var phase = offset.isFinite ? offset.truncatingRemainder(dividingBy: period) : 0
        if phase < 0 { phase += period }
        var start = (index: 0, remain: full[0])
        while phase > 0 {
            if phase < start.remain { start.remain -= phase; break }
            phase -= start.remain
            start.index = (start.index + 1) % full.count
            start.remain = full[start.index]
        }
        var walker = DashWalker(pattern: full, startIndex: start.index, startRemain: start.remain)
        for sub in subpaths { walker.dash(sub) }
        return walker.out.path()
    }
}

extension StrokePolyline {
    /// The length of the polyline in pixels, closing segment included.
    var length: Double {
        var sum = 0.0
        let count = closed ? points.count : points.count - 1
        guard count > 0 else { return 0 }
        for i in 0..<count {
            let a = points[i], b = points[(i + 1) % points.count]
            sum += ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
        }
        return sum
    }
}

/// Walks polylines through a dash pattern and collects the dashes.
struct DashWalker {
    let pattern: [Double]
    let startIndex: Int
    let startRemain: Double
    var out = LinePathAccumulator()

    init(pattern: [Double], startIndex: Int, startRemain: Double) {
        self.pattern = pattern
        self.startIndex = startIndex
        self.startRemain = startRemain
    }

    mutating func dash(_ line: StrokePolyline) {
        let pts = line.points
        var index = startIndex, remain = startRemain
        var dashes: [[PathPoint]] = []
        var current: [PathPoint]? = index % 2 == 0 ? [pts[0]] : nil
        let segCount = line.closed ? pts.count : pts.count - 1
        if segCount == 0 {
            if current != nil { emitDot(pts[0], direction: PathPoint(1, 0)) }
            return
        }
        for i in 0..<segCount {
            let a = pts[i], b = pts[(i + 1) % pts.count]
            let dx = b.x - a.x, dy = b.y - a.y
            let len = (dx * dx + dy * dy).squareRoot()
            var pos = 0.0
            while remain <= len - pos {
                pos += remain
                let t = pos / len
                let p = t >= 1 ? b : PathPoint(a.x + dx * t, a.y + dy * t)
                if var dash = current {
                    if dash.allSatisfy({ $0 == p }) {
                        // A zero-length dash: a dot, not part of the dashes joined below.
                        emitDot(p, direction: PathPoint(dx / len, dy / len))
                    } else {
                        if dash[dash.count - 1] != p { dash.append(p) }
                        dashes.append(dash)
                    }
                    current = nil
                } else {
                    current = [p]
                }
                index = (index + 1) % pattern.count
                remain = pattern[index]
            }
            remain -= len - pos
            if let c = current, c[c.count - 1] != b { current?.append(b) }
        }
        // A dash still open at the end of the subpath runs to its last point.
        if var last = current, last.count > 1 {
            let startsOn = startIndex % 2 == 0 && startRemain > 0
            if line.closed && startsOn {
                if dashes.isEmpty {
                    emit(pts, closed: true) // one dash around the whole subpath
                    return
                }
                // It reaches the start point, where the first dash began: make them one.
                last.append(contentsOf: dashes[0].dropFirst())
                dashes[0] = last
            } else {
                dashes.append(last)
            }
        }
        for d in dashes { emit(d, closed: false) }
    }

    private mutating func emit(_ pts: [PathPoint], closed: Bool) {
        out.add(pts, closed: closed)
    }

    /// A zero-length dash: a tiny segment along the path, so a square cap follows the path.
    private mutating func emitDot(_ p: PathPoint, direction d: PathPoint) {
        let h = Dasher.dotHalfLength
        out.add([PathPoint(p.x - d.x * h, p.y - d.y * h), PathPoint(p.x + d.x * h, p.y + d.y * h)], closed: false)
    }
}
