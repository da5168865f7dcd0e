import CGEOS
import Foundation
import GeoCore

/// Byte order of written well-known binary.
public enum WKBByteOrder: Sendable, Hashable {
    /// Little endian (NDR), the usual choice (PostGIS, shapely, x86/ARM).
    case littleEndian
    /// Big endian (XDR).
    case bigEndian

    var geos: Int32 {
        switch self {
        case .littleEndian: Int32(GEOS_WKB_NDR.rawValue)
        case .bigEndian: Int32(GEOS_WKB_XDR.rawValue)
        }
    }
}

/// Well-known binary reading and writing through GEOS (ISO/OGC WKB; 3-D geometries are written
/// in GEOS's extended form with the `0x80000000` Z flag, as PostGIS and shapely write them).
extension Geometry {
    /// Parses well-known binary.
    /// - Throws: `TopologyError` with GEOS's `ParseException` message for empty, truncated or
    ///   otherwise malformed input; never reads past `wkb`.
    public init(wkb: Data) throws {
        try self.init(readingWKB: wkb, hex: false)
    }

    /// Parses hexadecimal well-known binary (upper or lower case), such as PostGIS prints.
    /// - Throws: `TopologyError` with GEOS's message for odd lengths, non-hex characters or
    ///   malformed WKB.
    public init(wkbHex: String) throws {
        try self.init(readingWKB: Data(wkbHex.utf8), hex: true)
    }

    private init(readingWKB bytes: Data, hex: Bool) throws {
        let operation = hex ? "GEOSWKBReader_readHEX_r" : "GEOSWKBReader_read_r"
        guard !bytes.isEmpty else { throw TopologyError(operation: operation, message: "no WKB bytes to read") }
        let ctx = try GEOSContext.current()
        let h = ctx.handle
        let reader = try ctx.check("GEOSWKBReader_create_r") { GEOSWKBReader_create_r(h) }
        defer { GEOSWKBReader_destroy_r(h, reader) }
        // GEOSWKBReader_read(HEX)_r: a new geometry, NULL on parse error
        let g = try ctx.check(operation) {
            bytes.withUnsafeBytes { raw -> OpaquePointer? in
                guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
                return hex ? GEOSWKBReader_readHEX_r(h, reader, base, raw.count)
                    : GEOSWKBReader_read_r(h, reader, base, raw.count)
            }
        }
        self = try GEOSGeom(g, context: ctx).value()
    }

    /// The geometry as well-known binary, 3-D when any coordinate has `z`.
    /// - Parameter byteOrder: default little endian.
    /// - Throws: `TopologyError` when GEOS cannot build or write the geometry.
    public func wkb(byteOrder: WKBByteOrder = .littleEndian) throws -> Data {
        try writeWKB(byteOrder: byteOrder, hex: false)
    }

    /// The geometry as upper-case hexadecimal well-known binary (as PostGIS and shapely print it).
    /// - Parameter byteOrder: default little endian.
    /// - Throws: `TopologyError` when GEOS cannot build or write the geometry.
    public func wkbHex(byteOrder: WKBByteOrder = .littleEndian) throws -> String {
        String(decoding: try writeWKB(byteOrder: byteOrder, hex: true), as: UTF8.self)
    }

    private func writeWKB(byteOrder: WKBByteOrder, hex: Bool) throws -> Data {
        try GEOSCall.with([self]) { ctx, gs in
            let h = ctx.handle
            let writer = try ctx.check("GEOSWKBWriter_create_r") { GEOSWKBWriter_create_r(h) }
            defer { GEOSWKBWriter_destroy_r(h, writer) }
            GEOSWKBWriter_setByteOrder_r(h, writer, byteOrder.geos)
            GEOSWKBWriter_setOutputDimension_r(h, writer, hasZ ? 3 : 2)
            var size = 0
            let operation = hex ? "GEOSWKBWriter_writeHEX_r" : "GEOSWKBWriter_write_r"
            // GEOSWKBWriter_write(HEX)_r: a buffer to free with GEOSFree_r, NULL on exception
            let bytes = try ctx.check(operation) {
                hex ? GEOSWKBWriter_writeHEX_r(h, writer, gs[0].pointer, &size)
                    : GEOSWKBWriter_write_r(h, writer, gs[0].pointer, &size)
            }
            defer { GEOSFree_r(h, bytes) }
            return Data(bytes: bytes, count: size)
        }
    }
}
