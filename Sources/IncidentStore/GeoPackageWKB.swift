import Foundation
import GeoCore

/// ISO 13249-3 / OGC 06-103r4 well-known binary, little endian, as GeoPackage requires for the
/// body of a geometry blob (OGC 12-128r18 §2.1.3.1.1: "standard WKB", so Z/M are the ISO type
/// offsets 1000/2000/3000, not the EWKB `0x80000000` flags GEOS writes).
///
/// GeoTopology's GEOS-based `Geometry.wkb()` is not used here because GEOS writes 3-D geometries
/// with the extended flag, which GeoPackage readers reject or misread.
struct GeoPackageWKB {
    /// Bytes written so far.
    private(set) var bytes: [UInt8] = []
    /// True when every coordinate is written with z (missing z values are written as 0).
    let hasZ: Bool
    /// True when every coordinate is written with m (missing m values are written as NaN).
    let hasM: Bool

    /// Encodes `geometry`; dimensions are decided once for the whole geometry (ISO WKB requires
    /// every part of a collection to have the same dimensions).
    static func encode(_ geometry: Geometry) -> [UInt8] {
        var writer = GeoPackageWKB(hasZ: geometry.hasZ, hasM: geometry.hasM)
        writer.bytes.reserveCapacity(9 + geometry.coordinateCount * 16)
        writer.write(geometry)
        return writer.bytes
    }

    private init(hasZ: Bool, hasM: Bool) {
        self.hasZ = hasZ
        self.hasM = hasM
    }

    /// The ISO type code: 1...7 plus 1000 (Z), 2000 (M) or 3000 (ZM).
    private func typeCode(_ base: UInt32) -> UInt32 {
        base + (hasZ ? 1000 : 0) + (hasM ? 2000 : 0)
    }

    private mutating func header(_ base: UInt32) {
        bytes.append(1) // byte order: 1 = little endian (NDR)
        append(typeCode(base))
    }

    private mutating func write(_ geometry: Geometry) {
        switch geometry {
        case .point(let p):
            header(1)
            coordinate(p.coordinate)
        case .lineString(let l):
            header(2)
            coordinates(l.coordinates)
        case .polygon(let p):
            header(3)
            polygonBody(p)
        case .multiPoint(let m):
            header(4)
            append(UInt32(m.points.count))
            for p in m.points { write(.point(p)) }
        case .multiLineString(let m):
            header(5)
            append(UInt32(m.lineStrings.count))
            for l in m.lineStrings { write(.lineString(l)) }
        case .multiPolygon(let m):
            header(6)
            append(UInt32(m.polygons.count))
            for p in m.polygons { write(.polygon(p)) }
        case .geometryCollection(let c):
            header(7)
            append(UInt32(c.geometries.count))
            for g in c.geometries { write(g) }
        }
    }

    /// A polygon without its header: ring count, then each ring. An empty exterior makes an
    /// empty polygon (zero rings).
    private mutating func polygonBody(_ p: Polygon) {
        guard !p.exterior.coordinates.isEmpty else {
            append(UInt32(0))
            return
        }
        append(UInt32(1 + p.holes.count))
        for ring in p.rings { coordinates(ring.coordinates) }
    }

    private mutating func coordinates(_ list: [Coordinate]) {
        append(UInt32(list.count))
        for c in list { coordinate(c) }
    }

    private mutating func coordinate(_ c: Coordinate) {
        append(c.x)
        append(c.y)
        if hasZ { append(c.z ?? 0) }
        if hasM { append(c.m ?? .nan) }
    }

    private mutating func append(_ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private mutating func append(_ v: Double) {
        withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
