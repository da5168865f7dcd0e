import CGEOS
import GeoCore

/// OGC validity checks and repair by GEOS.
extension Geometry {
    /// True when the geometry is valid by the OGC simple-features rules (rings closed and not
    /// self-intersecting, holes inside their shell, …).
    /// - Throws: `TopologyError` with GEOS's message.
    public func isValid() throws -> Bool {
        try GEOSCall.with([self]) { ctx, gs in
            // GEOSisValid_r: 1 true, 0 false, 2 exception
            try ctx.predicate("GEOSisValid_r") { GEOSisValid_r(ctx.handle, gs[0].pointer) }
        }
    }

    /// GEOS's explanation of validity: `"Valid Geometry"`, or the problem and where it is, for
    /// example `"Self-intersection[1 1]"` or `"Hole lies outside shell[15 15]"`.
    /// - Throws: `TopologyError` with GEOS's message.
    public func validityReason() throws -> String {
        try GEOSCall.with([self]) { ctx, gs in
            // GEOSisValidReason_r: a string to free with GEOSFree_r, NULL on exception
            let text = try ctx.check("GEOSisValidReason_r") { GEOSisValidReason_r(ctx.handle, gs[0].pointer) }
            defer { GEOSFree_r(ctx.handle, text) }
            return String(cString: text)
        }
    }

    /// A valid geometry covering the same points, by GEOS's "linework" method (a bow-tie becomes
    /// two triangles; collapsed parts may become lines or points, so the result may be a
    /// collection). A valid input comes back unchanged in shape.
    /// - Throws: `TopologyError` with GEOS's message.
    public func makeValid() throws -> Geometry {
        try GEOSCall.unary(self, "GEOSMakeValid_r", GEOSMakeValid_r)
    }
}
