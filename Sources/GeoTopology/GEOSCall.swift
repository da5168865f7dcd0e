import CGEOS
import GeoCore

/// Shared plumbing for the public operations: convert on this thread's context, call GEOS,
/// convert back. Every helper finishes synchronously on the calling thread.
enum GEOSCall {
    /// Converts `geometries` on this thread's context and runs `body`.
    static func with<T>(_ geometries: [Geometry], _ body: (GEOSContext, [GEOSGeom]) throws -> T) throws -> T {
        let ctx = try GEOSContext.current()
        let writer = GeometryWriter(context: ctx)
        let converted = try geometries.map { try writer.make($0) }
        return try withExtendedLifetime(converted) { try body(ctx, converted) }
    }

    /// A GEOS call of one geometry returning a new geometry (NULL on exception).
    static func unary(_ g: Geometry, _ operation: String,
                      _ call: (GEOSContextHandle_t, OpaquePointer) -> OpaquePointer?) throws -> Geometry {
        try with([g]) { ctx, gs in
            let result = try ctx.check(operation) { call(ctx.handle, gs[0].pointer) }
            return try GEOSGeom(result, context: ctx).value()
        }
    }

    /// A GEOS call of two geometries returning a new geometry (NULL on exception).
    static func binary(_ a: Geometry, _ b: Geometry, _ operation: String,
                       _ call: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> OpaquePointer?) throws -> Geometry {
        try with([a, b]) { ctx, gs in
            let result = try ctx.check(operation) { call(ctx.handle, gs[0].pointer, gs[1].pointer) }
            return try GEOSGeom(result, context: ctx).value()
        }
    }

    /// A binary predicate returning `char`: 1 true, 0 false, 2 exception.
    static func predicate(_ a: Geometry, _ b: Geometry, _ operation: String,
                          _ call: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar) throws -> Bool {
        try with([a, b]) { ctx, gs in
            try ctx.predicate(operation) { call(ctx.handle, gs[0].pointer, gs[1].pointer) }
        }
    }

    /// A measure written to a `double*`, returning `int` 1 on success, 0 on exception.
    static func measure(_ gs: [Geometry], _ operation: String,
                        _ call: (GEOSContextHandle_t, [OpaquePointer], UnsafeMutablePointer<Double>) -> Int32) throws -> Double {
        try with(gs) { ctx, converted in
            var value = 0.0
            try ctx.status(operation) { call(ctx.handle, converted.map(\.pointer), &value) }
            return value
        }
    }
}
