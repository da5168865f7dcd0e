import CGEOS
import GeoCore

/// Owns one `GEOSGeometry*` made on `context`; destroys it in `deinit`.
///
/// Not `Sendable`: it is bound to its context (and so to one thread at a time).
final class GEOSGeom {
    /// The context the geometry was made on; kept alive as long as the geometry.
    let context: GEOSContext
    /// The GEOS geometry.
    let pointer: OpaquePointer
    /// False once `release()` handed the pointer to a GEOS call that took ownership.
    private var owned = true

    /// Takes ownership of `pointer`, which must have been made on `context`.
    init(_ pointer: OpaquePointer, context: GEOSContext) {
        self.pointer = pointer
        self.context = context
    }

    deinit {
        if owned { GEOSGeom_destroy_r(context.handle, pointer) }
    }

    /// Gives up ownership, for GEOS calls that take it over (`GEOSGeom_createCollection_r`,
    /// `GEOSGeom_createPolygon_r`). The object must not be used by GEOS afterwards.
    func release() -> OpaquePointer {
        owned = false
        return pointer
    }

    /// Converts back to a GeoCore value.
    func value() throws -> Geometry {
        try GeometryReader(context: context).geometry(pointer)
    }
}
