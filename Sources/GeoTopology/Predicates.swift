import CGEOS
import GeoCore

/// DE-9IM spatial predicates, computed by GEOS in the plane of the coordinates.
///
/// Every predicate converts both geometries on the calling thread's GEOS context, so it is safe
/// to call from many tasks at once. For many tests against one geometry use `PreparedGeometry`.
/// All throw `TopologyError` with GEOS's message when GEOS reports an exception (for example a
/// ring with fewer than four positions).
extension Geometry {
    /// True when the geometries share at least one point.
    public func intersects(_ other: Geometry) throws -> Bool {
        // GEOSIntersects_r: 1 true, 0 false, 2 exception
        try GEOSCall.predicate(self, other, "GEOSIntersects_r", GEOSIntersects_r)
    }

    /// True when `other` lies in this geometry and their interiors meet (boundary-only contact
    /// is not containment).
    public func contains(_ other: Geometry) throws -> Bool {
        // GEOSContains_r: 1 true, 0 false, 2 exception
        try GEOSCall.predicate(self, other, "GEOSContains_r", GEOSContains_r)
    }

    /// True when this geometry lies in `other` (the converse of `contains`).
    public func within(_ other: Geometry) throws -> Bool {
        // GEOSWithin_r: 1 true, 0 false, 2 exception
        try GEOSCall.predicate(self, other, "GEOSWithin_r", GEOSWithin_r)
    }

    /// True when the geometries meet only on their boundaries (for example neighbouring countries).
    public func touches(_ other: Geometry) throws -> Bool {
        // GEOSTouches_r: 1 true, 0 false, 2 exception
        try GEOSCall.predicate(self, other, "GEOSTouches_r", GEOSTouches_r)
    }

    /// True when the geometries cross: their interiors meet in a lower dimension than the larger
    /// of the two (a line crossing a polygon's boundary, two lines crossing at a point).
    public func crosses(_ other: Geometry) throws -> Bool {
        // GEOSCrosses_r: 1 true, 0 false, 2 exception
        try GEOSCall.predicate(self, other, "GEOSCrosses_r", GEOSCrosses_r)
    }

    /// True when geometries of the same dimension share part of their interiors and neither
    /// contains the other.
    public func overlaps(_ other: Geometry) throws -> Bool {
        // GEOSOverlaps_r: 1 true, 0 false, 2 exception
        try GEOSCall.predicate(self, other, "GEOSOverlaps_r", GEOSOverlaps_r)
    }

    /// True when no point of `other` lies outside this geometry (boundary contact allowed).
    public func covers(_ other: Geometry) throws -> Bool {
        // GEOSCovers_r: 1 true, 0 false, 2 exception
        try GEOSCall.predicate(self, other, "GEOSCovers_r", GEOSCovers_r)
    }

    /// True when no point of this geometry lies outside `other` (the converse of `covers`).
    public func coveredBy(_ other: Geometry) throws -> Bool {
        // GEOSCoveredBy_r: 1 true, 0 false, 2 exception
        try GEOSCall.predicate(self, other, "GEOSCoveredBy_r", GEOSCoveredBy_r)
    }

    /// True when the geometries share no point (the negation of `intersects`).
    public func disjoint(_ other: Geometry) throws -> Bool {
        // GEOSDisjoint_r: 1 true, 0 false, 2 exception
        try GEOSCall.predicate(self, other, "GEOSDisjoint_r", GEOSDisjoint_r)
    }

    /// True when the geometries are topologically equal: the same point set, whatever the vertex
    /// order or start point (unlike `==`, which compares stored coordinates).
    public func topologicallyEquals(_ other: Geometry) throws -> Bool {
        // GEOSEquals_r: 1 true, 0 false, 2 exception
        try GEOSCall.predicate(self, other, "GEOSEquals_r", GEOSEquals_r)
    }
}
