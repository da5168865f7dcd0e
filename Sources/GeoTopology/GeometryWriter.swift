import CGEOS
import GeoCore

/// Builds GEOS geometries from GeoCore values on one context.
///
/// Keeps `z` (a coordinate without `z` in a geometry that has some gets NaN, GEOS's "no z");
/// `m` is dropped. Empty parts become GEOS empties of the same type.
struct GeometryWriter {
    let context: GEOSContext
    private var h: GEOSContextHandle_t { context.handle }

    /// Converts `geometry`; throws GEOS's message for structurally bad input (such as a ring of
    /// three positions or an unclosed ring).
    func make(_ geometry: Geometry) throws -> GEOSGeom {
        let hasZ = geometry.hasZ
        return GEOSGeom(try build(geometry, hasZ: hasZ), context: context)
    }

    private func wrap(_ p: OpaquePointer) -> GEOSGeom { GEOSGeom(p, context: context) }

    private func build(_ geometry: Geometry, hasZ: Bool) throws -> OpaquePointer {
        switch geometry {
        case .point(let p):
            let seq = try sequence([p.coordinate], hasZ: hasZ)
            return try context.check("GEOSGeom_createPoint_r") { GEOSGeom_createPoint_r(h, seq) }
        case .lineString(let l):
            return try line(l.coordinates, hasZ: hasZ)
        case .polygon(let p):
            return try polygon(p, hasZ: hasZ)
        case .multiPoint(let m):
            let parts = try m.points.map { wrap(try build(.point($0), hasZ: hasZ)) }
            return try collection(GEOS_MULTIPOINT, parts)
        case .multiLineString(let m):
            let parts = try m.lineStrings.map { wrap(try line($0.coordinates, hasZ: hasZ)) }
            return try collection(GEOS_MULTILINESTRING, parts)
        case .multiPolygon(let m):
            let parts = try m.polygons.map { wrap(try polygon($0, hasZ: hasZ)) }
            return try collection(GEOS_MULTIPOLYGON, parts)
        case .geometryCollection(let c):
            let parts = try c.geometries.map { wrap(try build($0, hasZ: hasZ)) }
            return try collection(GEOS_GEOMETRYCOLLECTION, parts)
        }
    }

    /// A coordinate sequence (owned by the caller until a constructor takes it).
    private func sequence(_ coords: [Coordinate], hasZ: Bool) throws -> OpaquePointer {
        let stride = hasZ ? 3 : 2
        var buffer = [Double](repeating: 0, count: coords.count * stride)
        for (i, c) in coords.enumerated() {
            buffer[i * stride] = c.x
            buffer[i * stride + 1] = c.y
            if hasZ { buffer[i * stride + 2] = c.z ?? .nan }
        }
        return try context.check("GEOSCoordSeq_copyFromBuffer_r") {
            buffer.withUnsafeBufferPointer { buf in
                guard let base = buf.baseAddress else {
                    return GEOSCoordSeq_create_r(h, 0, UInt32(stride))
                }
                return GEOSCoordSeq_copyFromBuffer_r(h, base, UInt32(coords.count), hasZ ? 1 : 0, 0)
            }
        }
    }

    private func line(_ coords: [Coordinate], hasZ: Bool) throws -> OpaquePointer {
        if coords.isEmpty {
            return try context.check("GEOSGeom_createEmptyLineString_r") { GEOSGeom_createEmptyLineString_r(h) }
        }
        let seq = try sequence(coords, hasZ: hasZ)
        return try context.check("GEOSGeom_createLineString_r") { GEOSGeom_createLineString_r(h, seq) }
    }

    private func ring(_ r: LinearRing, hasZ: Bool) throws -> GEOSGeom {
        let seq = try sequence(r.coordinates, hasZ: hasZ)
        return wrap(try context.check("GEOSGeom_createLinearRing_r") { GEOSGeom_createLinearRing_r(h, seq) })
    }

    private func polygon(_ p: Polygon, hasZ: Bool) throws -> OpaquePointer {
        if p.exterior.coordinates.isEmpty {
            return try context.check("GEOSGeom_createEmptyPolygon_r") { GEOSGeom_createEmptyPolygon_r(h) }
        }
        let shell = try ring(p.exterior, hasZ: hasZ)
        let holes = try p.holes.map { try ring($0, hasZ: hasZ) }
        // GEOSGeom_createPolygon_r takes ownership of the shell and holes on success only.
        var holePointers: [OpaquePointer?] = holes.map(\.pointer)
        let result = holePointers.withUnsafeMutableBufferPointer { buf in
            context.clearMessages()
            return GEOSGeom_createPolygon_r(h, shell.pointer, buf.baseAddress, UInt32(holes.count))
        }
        guard let result else { throw context.error("GEOSGeom_createPolygon_r") }
        _ = shell.release()
        holes.forEach { _ = $0.release() }
        return result
    }

    private func collection(_ type: GEOSGeomTypes, _ parts: [GEOSGeom]) throws -> OpaquePointer {
        if parts.isEmpty {
            return try context.check("GEOSGeom_createEmptyCollection_r") {
                GEOSGeom_createEmptyCollection_r(h, Int32(type.rawValue))
            }
        }
        var pointers: [OpaquePointer?] = parts.map(\.pointer)
        let result = pointers.withUnsafeMutableBufferPointer { buf in
            context.clearMessages()
            return GEOSGeom_createCollection_r(h, Int32(type.rawValue), buf.baseAddress, UInt32(parts.count))
        }
        guard let result else { throw context.error("GEOSGeom_createCollection_r") }
        parts.forEach { _ = $0.release() }
        return result
    }
}
