import GeoCore

/// Where a point lies relative to an area.
public enum PointLocation: Sendable, Hashable {
    case interior, boundary, exterior
}

/// A band index over the edges of a polygonal geometry for fast point-in-area tests, used by
/// `PreparedGeometry` for its coordinate predicates.
///
/// The area's extent is cut into horizontal bands (as many as there are edges, at most 2^20);
/// each band lists the edges whose y-range meets it. A query looks at one band only and counts
/// the edges crossed by a ray to +x (crossing-number rule, half-open in y), which is the
/// even-odd rule over all rings; for a valid polygon or multipolygon that is its interior.
/// Cost: about (edges / bands + edges crossing a horizontal line) per query instead of
/// building a GEOS point per call (installed GEOS 3.11 has no `GEOSPreparedContainsXY_r`);
/// Benchmarks/README.md has the figures.
///
/// Exactness: `locate` returns nil when the orientation of the point against an edge is within
/// floating-point error of zero (the point is on or within ~1e-15 relative of an edge but not
/// exactly on it); callers then ask GEOS, whose robust predicates decide. Points exactly on an
/// edge or vertex are `boundary`.
public struct PointInAreaIndex: Sendable {
    private let box: BoundingBox
    private let bandHeight: Double
    private let bandCount: Int
    /// Edge endpoints, 4 doubles per edge: x0, y0, x1, y1.
    private let edges: [Double]
    /// Edges of band b: `bandEdges[bandStart[b] ..< bandStart[b + 1]]`.
    private let bandStart: [Int32]
    private let bandEdges: [Int32]

    /// Indexes the rings of a Polygon or MultiPolygon; nil for other geometry types, an empty
    /// area, more than 2^31 edges, or non-finite coordinates.
    public init?(_ geometry: Geometry) {
        let polygons: [Polygon]
        switch geometry {
        case .polygon(let p): polygons = [p]
        case .multiPolygon(let m): polygons = m.polygons
        default: return nil
        }
        var edges: [Double] = []
        for ring in polygons.flatMap(\.rings) where ring.coordinates.count > 1 {
            let c = ring.coordinates
            for i in 1..<c.count where c[i - 1].x != c[i].x || c[i - 1].y != c[i].y {
                edges.append(contentsOf: [c[i - 1].x, c[i - 1].y, c[i].x, c[i].y])
            }
        }
        let edgeCount = edges.count / 4
        guard edgeCount > 0, edgeCount < Int(Int32.max), edges.allSatisfy(\.isFinite),
              let box = geometry.boundingBox else { return nil }
        let bands = max(1, min(edgeCount, 1 << 20))
        let height = box.height > 0 ? box.height / Double(bands) : 1
        func band(_ y: Double) -> Int { min(bands - 1, max(0, Int((y - box.minY) / height))) }

        // Two passes (count, then fill) build the band lists without per-band arrays.
        var start = [Int32](repeating: 0, count: bands + 1)
        for e in 0..<edgeCount {
            let (lo, hi) = (band(min(edges[4 * e + 1], edges[4 * e + 3])), band(max(edges[4 * e + 1], edges[4 * e + 3])))
            for b in lo...hi { start[b + 1] += 1 }
        }
        for b in 0..<bands { start[b + 1] += start[b] }
        var fill = start
        var list = [Int32](repeating: 0, count: Int(start[bands]))
        for e in 0..<edgeCount {
            let (lo, hi) = (band(min(edges[4 * e + 1], edges[4 * e + 3])), band(max(edges[4 * e + 1], edges[4 * e + 3])))
            for b in lo...hi {
                list[Int(fill[b])] = Int32(e)
                fill[b] += 1
            }
        }
        self.box = box
        bandHeight = height
        bandCount = bands
        self.edges = edges
        bandStart = start
        bandEdges = list
    }

    /// Where (x, y) lies, or nil when floating-point error leaves it undecided (see the type).
    public func locate(x: Double, y: Double) -> PointLocation? {
        guard x.isFinite, y.isFinite else { return nil }
        guard box.contains(Coordinate(x, y)) else { return .exterior }
        let b = min(bandCount - 1, max(0, Int((y - box.minY) / bandHeight)))
        var inside = false
        return edges.withUnsafeBufferPointer { e -> PointLocation? in
            for k in Int(bandStart[b])..<Int(bandStart[b + 1]) {
                let i = 4 * Int(bandEdges[k])
                let ax = e[i], ay = e[i + 1], bx = e[i + 2], by = e[i + 3]
                if y < min(ay, by) || y > max(ay, by) { continue }
                let dxE = bx - ax, dyE = by - ay, dxP = x - ax, dyP = y - ay
                let cross = dxE * dyP - dyE * dxP
                // Shewchuk's bound for the error of a 2x2 determinant in doubles.
                let bound = 3.3306690738754716e-16 * (abs(dxE * dyP) + abs(dyE * dxP))
                if cross == 0 {
                    if x >= min(ax, bx) && x <= max(ax, bx) { return .boundary }
                } else if abs(cross) <= bound {
                    return nil
                }
                if (ay > y) != (by > y) {
                    // The edge crosses the ray's line; it is to the right of the point when the
                    // point is left of an upward edge or right of a downward one.
                    if (by > ay) == (cross > 0) { inside.toggle() }
                }
            }
            return inside ? .interior : .exterior
        }
    }
}
