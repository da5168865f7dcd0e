import GeoCore
import GeoTopology

/// Barrier line work for kernel density ("Euclidean with barriers", as ArcGIS Pro's Kernel
/// Density applies barriers): a point's kernel does not reach a cell when the straight segment
/// from the point to the cell centre meets a barrier segment (line strings, and the rings of
/// polygons; touching counts as meeting, so a point lying on a barrier reaches no cell, and a
/// cell centre on a barrier receives nothing from points on either side). Points of barrier
/// geometries are ignored.
///
/// Segments are kept in a GeoTopology `STRtree`; each point keeps the list of segments whose box
/// meets its kernel's box, and only points with a non-empty list pay for segment tests (one per
/// cell per listed segment).
struct DensityBarriers: Sendable {
    /// Segment endpoints, 4 doubles per segment: x0, y0, x1, y1.
    let segments: [Double]
    let tree: STRtree

    init?(_ geometries: [Geometry]) {
        var segs: [Double] = []
        func addLine(_ c: [Coordinate]) {
            guard c.count > 1 else { return }
            for i in 1..<c.count where c[i - 1] != c[i] {
                segs.append(contentsOf: [c[i - 1].x, c[i - 1].y, c[i].x, c[i].y])
            }
        }
        func add(_ g: Geometry) {
            switch g {
            case .point, .multiPoint: break
            case .lineString(let l): addLine(l.coordinates)
            case .multiLineString(let m): m.lineStrings.forEach { addLine($0.coordinates) }
            case .polygon(let p): p.rings.forEach { addLine($0.coordinates) }
            case .multiPolygon(let m): m.polygons.flatMap(\.rings).forEach { addLine($0.coordinates) }
            case .geometryCollection(let c): c.geometries.forEach(add)
            }
        }
        geometries.forEach(add)
        guard !segs.isEmpty else { return nil }
        segments = segs
        tree = STRtree(boxes: stride(from: 0, to: segs.count, by: 4).map { i in
            BoundingBox(minX: segs[i], minY: segs[i + 1], maxX: segs[i + 2], maxY: segs[i + 3])
        })
    }

    /// The segments whose boxes meet the square of half-side `h` around (x, y).
    func candidates(x: Double, y: Double, h: Double) -> [Int32] {
        tree.query(BoundingBox(minX: x - h, minY: y - h, maxX: x + h, maxY: y + h)).map { Int32($0) }
    }

    /// True when segment (px, py)–(cx, cy) meets any of `list` (closed segments).
    @inline(__always)
    static func blocked(_ px: Double, _ py: Double, _ cx: Double, _ cy: Double,
                        _ list: UnsafeBufferPointer<Int32>, _ segs: UnsafeBufferPointer<Double>) -> Bool {
        for s in list {
            let i = 4 * Int(s)
            if segmentsMeet(px, py, cx, cy, segs[i], segs[i + 1], segs[i + 2], segs[i + 3]) { return true }
        }
        return false
    }

    /// Closed-segment intersection test by orientations (collinear overlaps count).
    @inline(__always)
    static func segmentsMeet(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                             _ cx: Double, _ cy: Double, _ dx: Double, _ dy: Double) -> Bool {
        if max(ax, bx) < min(cx, dx) || max(cx, dx) < min(ax, bx) || max(ay, by) < min(cy, dy) || max(cy, dy) < min(ay, by) {
            return false
        }
        let d1 = orient(cx, cy, dx, dy, ax, ay), d2 = orient(cx, cy, dx, dy, bx, by)
        let d3 = orient(ax, ay, bx, by, cx, cy), d4 = orient(ax, ay, bx, by, dx, dy)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        // Touching or collinear: an endpoint on the other segment (boxes already overlap).
        if d1 == 0 && onSegment(cx, cy, dx, dy, ax, ay) { return true }
        if d2 == 0 && onSegment(cx, cy, dx, dy, bx, by) { return true }
        if d3 == 0 && onSegment(ax, ay, bx, by, cx, cy) { return true }
        if d4 == 0 && onSegment(ax, ay, bx, by, dx, dy) { return true }
        return false
    }

    @inline(__always)
    static func orient(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ px: Double, _ py: Double) -> Double {
        (bx - ax) * (py - ay) - (by - ay) * (px - ax)
    }

    @inline(__always)
    static func onSegment(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ px: Double, _ py: Double) -> Bool {
        px >= min(ax, bx) && px <= max(ax, bx) && py >= min(ay, by) && py <= max(ay, by)
    }
}
