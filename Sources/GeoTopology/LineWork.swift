import CGEOS
import GeoCore

/// Line noding, merging and polygon building by GEOS.
extension Geometry {
    /// Polygons formed by the closed rings in `lines`, which must be noded (cut at every
    /// crossing, e.g. by `node()` or `unaryUnion()`). Returns a `GeometryCollection` of polygons;
    /// dangles, cut edges and unclosed lines are left out. Nested rings become holes of the outer
    /// polygon and polygons of their own.
    /// - Throws: `TopologyError` with GEOS's message.
    public static func polygonize(_ lines: [Geometry]) throws -> Geometry {
        if lines.isEmpty { return .empty }
        return try GEOSCall.with(lines) { ctx, gs in
            let pointers: [OpaquePointer?] = gs.map(\.pointer)
            let result = try ctx.check("GEOSPolygonize_r") {
                pointers.withUnsafeBufferPointer { buf in
                    GEOSPolygonize_r(ctx.handle, buf.baseAddress, UInt32(buf.count))
                }
            }
            return try GEOSGeom(result, context: ctx).value()
        }
    }

    /// Lines joined end to end where exactly two meet, as a `MultiLineString` (or a
    /// `LineString` when everything joins into one). Line direction may be reversed.
    /// - Throws: `TopologyError` with GEOS's message.
    public func lineMerge() throws -> Geometry {
        try GEOSCall.unary(self, "GEOSLineMerge_r", GEOSLineMerge_r)
    }

    /// The linework cut at every intersection (fully noded), as a `MultiLineString` whose parts
    /// meet only at their end points; duplicate segments are merged.
    /// - Throws: `TopologyError` with GEOS's message.
    public func node() throws -> Geometry {
        try GEOSCall.unary(self, "GEOSNode_r", GEOSNode_r)
    }
}
