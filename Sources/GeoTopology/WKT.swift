import CGEOS
import GeoCore

/// Well-known text reading and writing through GEOS's WKT reader and writer.
extension Geometry {
    /// Parses well-known text such as `POLYGON ((0 0, 1 0, 1 1, 0 0))`; `Z` coordinates are kept.
    /// - Throws: `TopologyError` carrying GEOS's `ParseException` message for malformed text
    ///   (also for text with an embedded NUL character). GEOS 3.11 ignores anything after a
    ///   complete geometry (`POINT (1 2) junk` reads as the point); GEOS 3.12 rejects it.
    public init(wkt: String) throws {
        guard !wkt.utf8.contains(0) else {
            throw TopologyError(operation: "GEOSWKTReader_read_r", message: "WKT contains a NUL character")
        }
        let ctx = try GEOSContext.current()
        let h = ctx.handle
        let reader = try ctx.check("GEOSWKTReader_create_r") { GEOSWKTReader_create_r(h) }
        defer { GEOSWKTReader_destroy_r(h, reader) }
        // GEOSWKTReader_read_r: a new geometry, NULL on parse error
        let g = try ctx.check("GEOSWKTReader_read_r") { GEOSWKTReader_read_r(h, reader, wkt) }
        self = try GEOSGeom(g, context: ctx).value()
    }

    /// The geometry as well-known text, with `Z` when any coordinate has `z`.
    ///
    /// - Parameters:
    ///   - precision: digits after the decimal point; nil (default) writes every significant
    ///     digit, so that parsing the text gives back the same doubles.
    ///   - trim: drop trailing zeros (`1` rather than `1.000000`); default true.
    /// - Throws: `TopologyError` when GEOS cannot build or write the geometry (for example a
    ///   ring with fewer than four positions).
    public func wkt(precision: Int? = nil, trim: Bool = true) throws -> String {
        try GEOSCall.with([self]) { ctx, gs in
            let h = ctx.handle
            let writer = try ctx.check("GEOSWKTWriter_create_r") { GEOSWKTWriter_create_r(h) }
            defer { GEOSWKTWriter_destroy_r(h, writer) }
            GEOSWKTWriter_setTrim_r(h, writer, trim ? 1 : 0)
            // -1: full precision (GEOS's convention); otherwise digits after the point.
            GEOSWKTWriter_setRoundingPrecision_r(h, writer, Int32(clamping: precision.map { max(0, $0) } ?? -1))
            GEOSWKTWriter_setOutputDimension_r(h, writer, hasZ ? 3 : 2)
            // GEOSWKTWriter_write_r: a string to free with GEOSFree_r, NULL on exception
            let text = try ctx.check("GEOSWKTWriter_write_r") { GEOSWKTWriter_write_r(h, writer, gs[0].pointer) }
            defer { GEOSFree_r(h, text) }
            return String(cString: text)
        }
    }
}
