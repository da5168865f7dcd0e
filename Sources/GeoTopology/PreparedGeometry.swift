import CGEOS
import GeoCore

/// A geometry indexed by GEOS (`GEOSPrepare_r`) for many fast predicate tests against it,
/// such as point-in-country tests for thousands of incidents.
///
/// Not `Sendable` and not thread-safe: it owns its own GEOS context, and GEOS contexts and
/// prepared geometries may be used by one thread at a time. Make one per task (preparing costs
/// about as much as one ordinary predicate on a large polygon) and keep it within that task.
///
/// The coordinate tests (`contains(x:y:)`, `covers(x:y:)`, `intersects(x:y:)`) of polygonal
/// geometries go through a `PointInAreaIndex` and ask GEOS only when that cannot decide;
/// installed GEOS 3.11 has no `GEOSPreparedContainsXY_r` (added in 3.12), so a GEOS test builds
/// one small point per call.
public final class PreparedGeometry {
    private let context: GEOSContext
    private let geometry: GEOSGeom
    private let prepared: OpaquePointer
    private let areaIndex: PointInAreaIndex?

    /// Prepares `geometry`.
    /// - Throws: `TopologyError` with GEOS's message when the geometry cannot be built or prepared.
    public init(_ geometry: Geometry) throws {
        let ctx = try GEOSContext()
        let g = try GeometryWriter(context: ctx).make(geometry)
        // GEOSPrepare_r: a prepared geometry referencing g (which must outlive it), NULL on exception
        prepared = try ctx.check("GEOSPrepare_r") { GEOSPrepare_r(ctx.handle, g.pointer) }
        context = ctx
        self.geometry = g
        areaIndex = PointInAreaIndex(geometry)
    }

    deinit {
        // Destroyed before `geometry`, which it references, is released.
        GEOSPreparedGeom_destroy_r(context.handle, prepared)
    }

    private func test(_ other: Geometry, _ operation: String,
                      _ call: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar) throws -> Bool {
        let g = try GeometryWriter(context: context).make(other)
        return try context.predicate(operation) { call(context.handle, prepared, g.pointer) }
    }

    private func testPoint(x: Double, y: Double, _ operation: String,
                           _ call: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar) throws -> Bool {
        let h = context.handle
        let point = GEOSGeom(try context.check("GEOSGeom_createPointFromXY_r") { GEOSGeom_createPointFromXY_r(h, x, y) },
                             context: context)
        return try context.predicate(operation) { call(h, prepared, point.pointer) }
    }

    // Every GEOSPrepared*_r predicate below returns char: 1 true, 0 false, 2 exception.

    /// True when `other` lies in the prepared geometry and the interiors meet.
    /// - Throws: `TopologyError` with GEOS's message.
    public func contains(_ other: Geometry) throws -> Bool {
        try test(other, "GEOSPreparedContains_r", GEOSPreparedContains_r)
    }

    /// True when `other` lies in the interior, not touching the boundary.
    /// - Throws: `TopologyError` with GEOS's message.
    public func containsProperly(_ other: Geometry) throws -> Bool {
        try test(other, "GEOSPreparedContainsProperly_r", GEOSPreparedContainsProperly_r)
    }

    /// True when the geometries share at least one point.
    /// - Throws: `TopologyError` with GEOS's message.
    public func intersects(_ other: Geometry) throws -> Bool {
        try test(other, "GEOSPreparedIntersects_r", GEOSPreparedIntersects_r)
    }

    /// True when no point of `other` lies outside the prepared geometry.
    /// - Throws: `TopologyError` with GEOS's message.
    public func covers(_ other: Geometry) throws -> Bool {
        try test(other, "GEOSPreparedCovers_r", GEOSPreparedCovers_r)
    }

    /// True when no point of the prepared geometry lies outside `other`.
    /// - Throws: `TopologyError` with GEOS's message.
    public func coveredBy(_ other: Geometry) throws -> Bool {
        try test(other, "GEOSPreparedCoveredBy_r", GEOSPreparedCoveredBy_r)
    }

    /// True when the prepared geometry lies in `other`.
    /// - Throws: `TopologyError` with GEOS's message.
    public func within(_ other: Geometry) throws -> Bool {
        try test(other, "GEOSPreparedWithin_r", GEOSPreparedWithin_r)
    }

    /// True when the geometries meet only on their boundaries.
    /// - Throws: `TopologyError` with GEOS's message.
    public func touches(_ other: Geometry) throws -> Bool {
        try test(other, "GEOSPreparedTouches_r", GEOSPreparedTouches_r)
    }

    /// True when the geometries cross (see `Geometry.crosses(_:)`).
    /// - Throws: `TopologyError` with GEOS's message.
    public func crosses(_ other: Geometry) throws -> Bool {
        try test(other, "GEOSPreparedCrosses_r", GEOSPreparedCrosses_r)
    }

    /// True when the geometries overlap (see `Geometry.overlaps(_:)`).
    /// - Throws: `TopologyError` with GEOS's message.
    public func overlaps(_ other: Geometry) throws -> Bool {
        try test(other, "GEOSPreparedOverlaps_r", GEOSPreparedOverlaps_r)
    }

    /// True when the geometries share no point.
    /// - Throws: `TopologyError` with GEOS's message.
    public func disjoint(_ other: Geometry) throws -> Bool {
        try test(other, "GEOSPreparedDisjoint_r", GEOSPreparedDisjoint_r)
    }

    /// Fast point-in-geometry test: true when (x, y) lies in the interior (a point on the
    /// boundary is not contained; use `covers(x:y:)` to count it).
    /// - Throws: `TopologyError` with GEOS's message.
    public func contains(x: Double, y: Double) throws -> Bool {
        if let location = areaIndex?.locate(x: x, y: y) { return location == .interior }
        return try testPoint(x: x, y: y, "GEOSPreparedContains_r", GEOSPreparedContains_r)
    }

    /// True when (x, y) lies in the interior or on the boundary.
    /// - Throws: `TopologyError` with GEOS's message.
    public func covers(x: Double, y: Double) throws -> Bool {
        if let location = areaIndex?.locate(x: x, y: y) { return location != .exterior }
        return try testPoint(x: x, y: y, "GEOSPreparedCovers_r", GEOSPreparedCovers_r)
    }

    /// True when (x, y) touches the geometry anywhere (interior or boundary).
    /// - Throws: `TopologyError` with GEOS's message.
    public func intersects(x: Double, y: Double) throws -> Bool {
        if let location = areaIndex?.locate(x: x, y: y) { return location != .exterior }
        return try testPoint(x: x, y: y, "GEOSPreparedIntersects_r", GEOSPreparedIntersects_r)
    }
}

@available(*, unavailable, message: "PreparedGeometry is bound to its GEOS context; make one per task")
extension PreparedGeometry: Sendable {}
