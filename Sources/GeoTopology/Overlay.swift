import CGEOS
import GeoCore

/// Overlay (boolean) operations by GEOS's OverlayNG, in the plane of the coordinates.
///
/// Results are GeoCore values; an empty result keeps GEOS's type (for example a polygon with no
/// coordinates) and `isEmpty` is true. All throw `TopologyError` with GEOS's message, for example
/// a `TopologyException` on badly invalid input (run `makeValid()` first).
extension Geometry {
    /// The points in either geometry, dissolved into one.
    public func union(_ other: Geometry) throws -> Geometry {
        try GEOSCall.binary(self, other, "GEOSUnion_r", GEOSUnion_r)
    }

    /// The points shared by both geometries.
    public func intersection(_ other: Geometry) throws -> Geometry {
        try GEOSCall.binary(self, other, "GEOSIntersection_r", GEOSIntersection_r)
    }

    /// The points of this geometry that are not in `other`.
    public func difference(_ other: Geometry) throws -> Geometry {
        try GEOSCall.binary(self, other, "GEOSDifference_r", GEOSDifference_r)
    }

    /// The points in exactly one of the two geometries.
    public func symmetricDifference(_ other: Geometry) throws -> Geometry {
        try GEOSCall.binary(self, other, "GEOSSymDifference_r", GEOSSymDifference_r)
    }

    /// This geometry's own parts dissolved into one (overlapping polygons merged, lines noded).
    public func unaryUnion() throws -> Geometry {
        try GEOSCall.unary(self, "GEOSUnaryUnion_r", GEOSUnaryUnion_r)
    }

    /// The union of many geometries in one GEOS call (cascaded union on a collection of them),
    /// much faster than folding `union(_:)` over the list. An empty list gives `Geometry.empty`.
    public static func unaryUnion(_ geometries: [Geometry]) throws -> Geometry {
        if geometries.isEmpty { return .empty }
        return try Geometry.geometryCollection(GeometryCollection(geometries)).unaryUnion()
    }
}
