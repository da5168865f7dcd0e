import CGEOS
import GeoCore

/// How `buffer(distance:options:)` shapes line ends and corners.
public struct BufferOptions: Sendable, Hashable {
    /// The shape at the ends of lines (polygons have no ends).
    public enum EndCap: Sendable, Hashable {
        /// A half circle around the end point (the default).
        case round
        /// Cut square at the end point.
        case flat
        /// A square extending `distance` past the end point.
        case square
    }

    /// The shape at corners on the outer side of a turn.
    public enum Join: Sendable, Hashable {
        /// A circular arc (the default).
        case round
        /// Extended edges meeting in a sharp point, cut off at `mitreLimit`.
        case mitre
        /// A straight cut across the corner.
        case bevel
    }

    /// Segments used per quarter circle for round caps and joins; default 8 (GEOS's default).
    /// Values below 1 are treated as 1 by GEOS.
    public var quadrantSegments: Int
    /// End cap style; default `.round`.
    public var endCap: EndCap
    /// Join style; default `.round`.
    public var join: Join
    /// For `.mitre` joins: the largest ratio of mitre length to buffer distance before the corner
    /// is bevelled; default 5 (GEOS's default).
    public var mitreLimit: Double

    /// Creates options; every default matches GEOS's own.
    public init(quadrantSegments: Int = 8, endCap: EndCap = .round, join: Join = .round, mitreLimit: Double = 5) {
        self.quadrantSegments = quadrantSegments
        self.endCap = endCap
        self.join = join
        self.mitreLimit = mitreLimit
    }

    var geosCap: Int32 {
        switch endCap {
        case .round: Int32(GEOSBUF_CAP_ROUND.rawValue)
        case .flat: Int32(GEOSBUF_CAP_FLAT.rawValue)
        case .square: Int32(GEOSBUF_CAP_SQUARE.rawValue)
        }
    }

    var geosJoin: Int32 {
        switch join {
        case .round: Int32(GEOSBUF_JOIN_ROUND.rawValue)
        case .mitre: Int32(GEOSBUF_JOIN_MITRE.rawValue)
        case .bevel: Int32(GEOSBUF_JOIN_BEVEL.rawValue)
        }
    }
}

/// Owns a `GEOSBufferParams*`; destroyed in `deinit`.
private final class GEOSBufferParamsHandle {
    let context: GEOSContext
    let pointer: OpaquePointer

    init(_ options: BufferOptions, context: GEOSContext) throws {
        let h = context.handle
        self.context = context
        self.pointer = try context.check("GEOSBufferParams_create_r") { GEOSBufferParams_create_r(h) }
        // GEOSBufferParams_set*_r: 1 on success, 0 on exception
        try context.status("GEOSBufferParams_setEndCapStyle_r") { GEOSBufferParams_setEndCapStyle_r(h, pointer, options.geosCap) }
        try context.status("GEOSBufferParams_setJoinStyle_r") { GEOSBufferParams_setJoinStyle_r(h, pointer, options.geosJoin) }
        try context.status("GEOSBufferParams_setMitreLimit_r") { GEOSBufferParams_setMitreLimit_r(h, pointer, options.mitreLimit) }
        let quads = Int32(clamping: options.quadrantSegments)
        try context.status("GEOSBufferParams_setQuadrantSegments_r") { GEOSBufferParams_setQuadrantSegments_r(h, pointer, quads) }
    }

    deinit {
        GEOSBufferParams_destroy_r(context.handle, pointer)
    }
}

extension Geometry {
    /// The area within `distance` of this geometry (a polygon or multipolygon).
    ///
    /// - Parameters:
    ///   - distance: in coordinate units (degrees on lon/lat data: project first for metres).
    ///     Negative distances shrink polygons (and give an empty polygon for points and lines).
    ///   - options: caps, joins and curve resolution; defaults to round, 8 segments per quadrant.
    /// - Throws: `TopologyError` with GEOS's message, or when `distance` is not finite.
    public func buffer(distance: Double, options: BufferOptions = BufferOptions()) throws -> Geometry {
        guard distance.isFinite else {
            throw TopologyError(operation: "GEOSBufferWithParams_r", message: "buffer distance \(distance) is not finite")
        }
        return try GEOSCall.with([self]) { ctx, gs in
            let params = try GEOSBufferParamsHandle(options, context: ctx)
            let result = try ctx.check("GEOSBufferWithParams_r") {
                GEOSBufferWithParams_r(ctx.handle, gs[0].pointer, params.pointer, distance)
            }
            return try GEOSGeom(result, context: ctx).value()
        }
    }
}
