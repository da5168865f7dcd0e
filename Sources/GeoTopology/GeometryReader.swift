import CGEOS
import GeoCore

/// Reads GEOS geometries back into GeoCore values.
///
/// `z` is kept when the coordinate sequence has three dimensions and the value is not NaN.
/// GEOS's `POINT EMPTY` has no GeoCore counterpart (a `Point` always has a position) and becomes
/// `Geometry.empty`; other empties keep their type (`LINESTRING EMPTY` → a line with no
/// coordinates, `POLYGON EMPTY` → a polygon whose exterior has none, empty multis stay empty).
/// A bare `LinearRing` (only produced by a few GEOS calls) becomes a `LineString`.
struct GeometryReader {
    let context: GEOSContext
    private var h: GEOSContextHandle_t { context.handle }

    /// Converts the geometry at `g`, which stays owned by the caller.
    func geometry(_ g: OpaquePointer) throws -> Geometry {
        // GEOSGeomTypeId_r: the type id, -1 on exception.
        context.clearMessages()
        let type = GEOSGeomTypeId_r(h, g)
        guard type >= 0 else { throw context.error("GEOSGeomTypeId_r") }
        switch UInt32(type) {
        case GEOS_POINT.rawValue:
            if try isEmpty(g) { return .empty }
            guard let c = try coordinates(g).first else { return .empty }
            return .point(Point(c))
        case GEOS_LINESTRING.rawValue, GEOS_LINEARRING.rawValue:
            return .lineString(LineString(try coordinates(g)))
        case GEOS_POLYGON.rawValue:
            return .polygon(try polygon(g))
        case GEOS_MULTIPOINT.rawValue:
            let points: [Point] = try parts(g).compactMap { part in
                guard case .point(let p) = try geometry(part) else { return nil }
                return p
            }
            return .multiPoint(MultiPoint(points))
        case GEOS_MULTILINESTRING.rawValue:
            let lines = try parts(g).map { LineString(try coordinates($0)) }
            return .multiLineString(MultiLineString(lines))
        case GEOS_MULTIPOLYGON.rawValue:
            return .multiPolygon(MultiPolygon(try parts(g).map(polygon)))
        case GEOS_GEOMETRYCOLLECTION.rawValue:
            return .geometryCollection(GeometryCollection(try parts(g).map(geometry)))
        default:
            throw TopologyError(operation: "GEOSGeomTypeId_r", message: "unsupported GEOS geometry type \(type)")
        }
    }

    private func isEmpty(_ g: OpaquePointer) throws -> Bool {
        // GEOSisEmpty_r: 1 true, 0 false, 2 exception
        try context.predicate("GEOSisEmpty_r") { GEOSisEmpty_r(h, g) }
    }

    /// The members of a collection, borrowed from it (not to be destroyed).
    private func parts(_ g: OpaquePointer) throws -> [OpaquePointer] {
        context.clearMessages()
        let n = GEOSGetNumGeometries_r(h, g)  // -1 on exception
        guard n >= 0 else { throw context.error("GEOSGetNumGeometries_r") }
        return try (0..<n).map { i in
            try context.check("GEOSGetGeometryN_r") { GEOSGetGeometryN_r(h, g, i) }
        }
    }

    private func polygon(_ g: OpaquePointer) throws -> Polygon {
        if try isEmpty(g) { return Polygon(exterior: LinearRing([])) }
        let shell = try context.check("GEOSGetExteriorRing_r") { GEOSGetExteriorRing_r(h, g) }
        context.clearMessages()
        let n = GEOSGetNumInteriorRings_r(h, g)  // -1 on exception
        guard n >= 0 else { throw context.error("GEOSGetNumInteriorRings_r") }
        let holes = try (0..<n).map { i in
            LinearRing(try coordinates(try context.check("GEOSGetInteriorRingN_r") { GEOSGetInteriorRingN_r(h, g, i) }))
        }
        return Polygon(exterior: LinearRing(try coordinates(shell)), holes: holes)
    }

    /// The coordinates of a point, line or ring.
    private func coordinates(_ g: OpaquePointer) throws -> [Coordinate] {
        let seq = try context.check("GEOSGeom_getCoordSeq_r") { GEOSGeom_getCoordSeq_r(h, g) }
        var size: UInt32 = 0
        var dims: UInt32 = 0
        // GEOSCoordSeq_get*_r: 1 on success, 0 on exception
        try context.status("GEOSCoordSeq_getSize_r") { GEOSCoordSeq_getSize_r(h, seq, &size) }
        try context.status("GEOSCoordSeq_getDimensions_r") { GEOSCoordSeq_getDimensions_r(h, seq, &dims) }
        if size == 0 { return [] }
        let hasZ = dims >= 3
        let stride = hasZ ? 3 : 2
        var buffer = [Double](repeating: 0, count: Int(size) * stride)
        try context.status("GEOSCoordSeq_copyToBuffer_r") {
            buffer.withUnsafeMutableBufferPointer { buf in
                // size > 0, so the buffer has storage.
                guard let base = buf.baseAddress else { return 0 }
                return GEOSCoordSeq_copyToBuffer_r(h, seq, base, hasZ ? 1 : 0, 0)
            }
        }
        return (0..<Int(size)).map { i in
            let z = hasZ ? buffer[i * stride + 2] : Double.nan
            return Coordinate(x: buffer[i * stride], y: buffer[i * stride + 1], z: z.isNaN ? nil : z)
        }
    }
}
