/// A point in device space (pixels, y down) or in a path's own space before a transform.
public struct PathPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// One drawing command of a `Path`.
public enum PathVerb: UInt8, Sendable, Hashable {
    /// Starts a new subpath at the next point.
    case move
    /// A straight segment to the next point.
    case line
    /// A quadratic Bézier: control point, end point.
    case quad
    /// A cubic Bézier: two control points, end point.
    case cubic
    /// Closes the subpath with a straight segment back to its start.
    case close

    /// How many points the verb consumes.
    public var pointCount: Int {
        switch self {
        case .move, .line: 1
        case .quad: 2
        case .cubic: 3
        case .close: 0
        }
    }
}

/// An immutable, finite path: subpaths of lines and Bézier curves. Built with `PathBuilder`,
/// which refuses non-finite coordinates, so every `Path` is finite and non-empty.
public struct Path: Sendable, Hashable {
    public let verbs: [PathVerb]
    public let points: [PathPoint]
    /// The smallest box holding every point (control points included).
    public let bounds: Rect

    init(verbs: [PathVerb], points: [PathPoint], bounds: Rect) {
        self.verbs = verbs
        self.points = points
        self.bounds = bounds
    }

    /// The path with every point mapped by `transform`; nil if the result is not finite.
    public func transformed(by transform: Transform) -> Path? {
        var b = PathBuilder()
        b.append(self, transform: transform)
        return b.build()
    }

    /// Calls `body` for each verb with its points (the current point first for segments:
    /// `line` gets [from, to], `quad` [from, control, to], `cubic` [from, c1, c2, to],
    /// `move` [to], `close` [from, subpath start]).
    public func forEachSegment(_ body: (PathVerb, [PathPoint]) -> Void) {
        var index = 0
        var current = PathPoint(0, 0)
        var start = current
        for verb in verbs {
            switch verb {
            case .move:
                current = points[index]
                start = current
                body(.move, [current])
            case .line:
                body(.line, [current, points[index]])
                current = points[index]
            case .quad:
                body(.quad, [current, points[index], points[index + 1]])
                current = points[index + 1]
            case .cubic:
                body(.cubic, [current, points[index], points[index + 1], points[index + 2]])
                current = points[index + 2]
            case .close:
                body(.close, [current, start])
                current = start
            }
            index += verb.pointCount
        }
    }
}

/// Builds a `Path`. Segments before the first `move` start at (0, 0); a `close` returns the
/// current point to the subpath's start.
public struct PathBuilder: Sendable {
    private var verbs: [PathVerb] = []
    private var points: [PathPoint] = []
    private var finite = true
    private var hasCurrent = false

    public init() {}

    /// Reserves room for `points` points.
    public mutating func reserve(points count: Int) {
        points.reserveCapacity(count)
        verbs.reserveCapacity(count)
    }

    public mutating func move(to p: PathPoint) { add(.move, [p]); hasCurrent = true }
    public mutating func move(to x: Double, _ y: Double) { move(to: PathPoint(x, y)) }

    public mutating func line(to p: PathPoint) { ensureStart(); add(.line, [p]) }
    public mutating func line(to x: Double, _ y: Double) { line(to: PathPoint(x, y)) }

    /// A quadratic Bézier to `p` with control point `c`.
    public mutating func quad(to p: PathPoint, control c: PathPoint) { ensureStart(); add(.quad, [c, p]) }

    /// A cubic Bézier to `p` with control points `c1`, `c2`.
    public mutating func cubic(to p: PathPoint, control1 c1: PathPoint, control2 c2: PathPoint) {
        ensureStart()
        add(.cubic, [c1, c2, p])
    }

    /// Closes the current subpath (ignored when there is none or it is already closed).
    public mutating func close() {
        guard hasCurrent, let last = verbs.last, last != .close else { return }
        verbs.append(.close)
    }

    /// Adds a rectangle as a closed subpath (clockwise on screen).
    public mutating func addRect(_ r: Rect) {
        move(to: r.minX, r.minY)
        line(to: r.maxX, r.minY)
        line(to: r.maxX, r.maxY)
        line(to: r.minX, r.maxY)
        close()
    }

    /// Adds a circle as four cubic arcs (max radial error 0.027 %).
    public mutating func addCircle(center: PathPoint, radius: Double) {
        let k = 0.5522847498 * radius
        let (cx, cy, r) = (center.x, center.y, radius)
        move(to: cx + r, cy)
        cubic(to: PathPoint(cx, cy + r), control1: PathPoint(cx + r, cy + k), control2: PathPoint(cx + k, cy + r))
        cubic(to: PathPoint(cx - r, cy), control1: PathPoint(cx - k, cy + r), control2: PathPoint(cx - r, cy + k))
        cubic(to: PathPoint(cx, cy - r), control1: PathPoint(cx - r, cy - k), control2: PathPoint(cx - k, cy - r))
        cubic(to: PathPoint(cx + r, cy), control1: PathPoint(cx + k, cy - r), control2: PathPoint(cx + r, cy - k))
        close()
    }

    /// Appends every subpath of `path`, mapped by `transform`.
    public mutating func append(_ path: Path, transform: Transform = .identity) {
        var index = 0
        for verb in path.verbs {
            let pts = path.points[index..<(index + verb.pointCount)].map { transform.apply($0) }
            switch verb {
            case .move: move(to: pts[0])
            case .line: line(to: pts[0])
            case .quad: quad(to: pts[1], control: pts[0])
            case .cubic: cubic(to: pts[2], control1: pts[0], control2: pts[1])
            case .close: close()
            }
            index += verb.pointCount
        }
    }

    /// True when nothing has been added.
    public var isEmpty: Bool { verbs.isEmpty }

    /// The path, or nil when it is empty, holds only moves, or has a non-finite coordinate.
    public func build() -> Path? {
        guard finite, verbs.contains(where: { $0 != .move }), let first = points.first else { return nil }
        var minX = first.x, minY = first.y, maxX = first.x, maxY = first.y
        for p in points {
            minX = min(minX, p.x); maxX = max(maxX, p.x)
            minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        return Path(verbs: verbs, points: points, bounds: Rect(minX: minX, minY: minY, maxX: maxX, maxY: maxY))
    }

    private mutating func ensureStart() {
        if !hasCurrent { move(to: PathPoint(0, 0)) }
        if verbs.last == .close, let startIndex = lastMoveIndex {
            // Drawing after close starts a new subpath at the closed subpath's start.
            add(.move, [points[startIndex]])
        }
    }

    private var lastMoveIndex: Int? {
        var index = 0, last: Int?
        for v in verbs {
            if v == .move { last = index }
            index += v.pointCount
        }
        return last
    }

    private mutating func add(_ verb: PathVerb, _ pts: [PathPoint]) {
        for p in pts where !(p.x.isFinite && p.y.isFinite) { finite = false }
        verbs.append(verb)
        points.append(contentsOf: pts)
    }
}
