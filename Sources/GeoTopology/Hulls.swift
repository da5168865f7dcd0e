import CGEOS
import GeoCore

/// Hulls, envelopes and simplification by GEOS, in coordinate units.
extension Geometry {
    /// The smallest convex polygon holding every point (a point or line when degenerate).
    /// - Throws: `TopologyError` with GEOS's message.
    public func convexHull() throws -> Geometry {
        try GEOSCall.unary(self, "GEOSConvexHull_r", GEOSConvexHull_r)
    }

    /// A concave hull of the vertices (GEOS ≥ 3.11 `GEOSConcaveHull_r`, installed: 3.11.1).
    ///
    /// - Parameters:
    ///   - ratio: 0…1, the longest allowed edge as a fraction between the shortest and longest
    ///     edge of the vertices' triangulation: 1 gives the convex hull, 0 the most concave hull.
    ///   - allowHoles: whether the hull may have holes; default false.
    /// - Throws: `TopologyError` when `ratio` is outside 0…1 or GEOS fails.
    public func concaveHull(ratio: Double, allowHoles: Bool = false) throws -> Geometry {
        guard ratio >= 0, ratio <= 1 else {
            throw TopologyError(operation: "GEOSConcaveHull_r", message: "ratio \(ratio) is outside 0...1")
        }
        return try GEOSCall.unary(self, "GEOSConcaveHull_r") { h, g in
            GEOSConcaveHull_r(h, g, ratio, allowHoles ? 1 : 0)
        }
    }

    /// The bounding rectangle as a geometry: a polygon, or a point when the box is degenerate
    /// to one position. For a plain box use GeoCore's `boundingBox`.
    /// - Throws: `TopologyError` with GEOS's message.
    public func envelope() throws -> Geometry {
        try GEOSCall.unary(self, "GEOSEnvelope_r", GEOSEnvelope_r)
    }

    /// Douglas-Peucker simplification: drops vertices closer than `tolerance` (coordinate
    /// units) to the simplified line. Fast, but may make polygons invalid or collapse them; use
    /// `topologyPreservingSimplify(tolerance:)` when shapes must stay valid.
    /// - Throws: `TopologyError` when `tolerance` is negative or not finite, or GEOS fails.
    public func simplify(tolerance: Double) throws -> Geometry {
        try checkTolerance(tolerance, "GEOSSimplify_r")
        return try GEOSCall.unary(self, "GEOSSimplify_r") { h, g in GEOSSimplify_r(h, g, tolerance) }
    }

    /// Simplification that keeps the topology: no ring collapses or is dropped, and rings are
    /// not made to cross. Slower than `simplify(tolerance:)`; `tolerance` in coordinate units.
    /// Not a validity guarantee: with GEOS 3.11, Turkmenistan's polygons at tolerance 0.2°
    /// come back as "Nested shells" (fixed in GEOS 3.12); check `isValid()` when it matters.
    /// - Throws: `TopologyError` when `tolerance` is negative or not finite, or GEOS fails.
    public func topologyPreservingSimplify(tolerance: Double) throws -> Geometry {
        try checkTolerance(tolerance, "GEOSTopologyPreserveSimplify_r")
        return try GEOSCall.unary(self, "GEOSTopologyPreserveSimplify_r") { h, g in
            GEOSTopologyPreserveSimplify_r(h, g, tolerance)
        }
    }

    private func checkTolerance(_ tolerance: Double, _ operation: String) throws {
        guard tolerance.isFinite, tolerance >= 0 else {
            throw TopologyError(operation: operation, message: "tolerance \(tolerance) must be finite and >= 0")
        }
    }
}
