import Foundation
import GeoCore

/// The GeoPackage binary geometry encoding (OGC 12-128r18 §2.1.3, "GeoPackageBinary"):
///
/// | bytes | content |
/// |---|---|
/// | 2 | magic `0x47 0x50` ("GP") |
/// | 1 | version, 0 = version 1 |
/// | 1 | flags: bit 0 byte order (1 = little endian), bits 1-3 envelope contents (0 none, 1 = xy), bit 4 empty, bit 5 extended (0 = standard) |
/// | 4 | srs_id, int32 in the flags' byte order |
/// | 32 | envelope `minx, maxx, miny, maxy` as doubles (absent for empty geometries) |
/// | n | ISO WKB of the geometry |
///
/// Non-empty geometries always carry an xy envelope (GDAL omits it for points; both are valid).
/// Empty geometries have the empty flag, no envelope, and ISO WKB with no coordinates; an empty
/// point is written as `POINT(NaN NaN)`, the convention of §2.1.3.1.1.
enum GeoPackageGeometryBlob {
    /// The blob of `geometry` in spatial reference system `srsID`.
    static func encode(_ geometry: Geometry, srsID: Int32) -> Data {
        let box = geometry.boundingBox
        var out: [UInt8] = [0x47, 0x50, 0]
        let littleEndian: UInt8 = 1
        if let box {
            out.append(littleEndian | (1 << 1))
            append(UInt32(bitPattern: srsID), to: &out)
            for v in [box.minX, box.maxX, box.minY, box.maxY] { append(v.bitPattern, to: &out) }
            out += GeoPackageWKB.encode(geometry)
        } else {
            out.append(littleEndian | (1 << 4))
            append(UInt32(bitPattern: srsID), to: &out)
            out += GeoPackageWKB.encode(emptyForm(of: geometry))
        }
        return Data(out)
    }

    /// An empty geometry of the same type (an empty point becomes `POINT(NaN NaN)`).
    private static func emptyForm(of geometry: Geometry) -> Geometry {
        switch geometry {
        case .point: .point(Point(x: .nan, y: .nan))
        case .lineString: .lineString(LineString([]))
        case .polygon: .polygon(Polygon(exterior: LinearRing([])))
        case .multiPoint: .multiPoint(MultiPoint([]))
        case .multiLineString: .multiLineString(MultiLineString([]))
        case .multiPolygon: .multiPolygon(MultiPolygon([]))
        case .geometryCollection: .geometryCollection(GeometryCollection([]))
        }
    }

    private static func append(_ v: UInt32, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func append(_ v: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }
}
