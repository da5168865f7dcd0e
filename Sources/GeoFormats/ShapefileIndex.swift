import GeoCore

/// Where each record sits in the `.shp`: read from the `.shx` when there is one, else rebuilt
/// by walking the record headers of the `.shp` (8 bytes per record kept in memory).
///
/// `.shx` entries are read on demand in chunks of 4096 entries (32 KiB), so the index of a huge
/// file is never held in memory whole. Not thread-safe.
final class ShapefileIndex {
    /// Record count.
    let count: Int
    /// True when the entries come from a `.shx` file.
    let fromShx: Bool
    private let shx: ByteSource?
    private let shpName: String?
    private var rebuilt: [(offset: UInt32, length: UInt32)] = []
    private var chunkStart = -1
    private var chunk: [UInt8] = []
    private static let chunkEntries = 4096

    /// Uses `shx` (checking its header) or, when nil, scans `shp`. Throws `FormatError` for a
    /// bad `.shx` header or a `.shp` record header that runs past the end of the file.
    init(shp: ByteSource, shx: ByteSource?) throws {
        shpName = shp.name
        if let shx {
            _ = try ShapefileHeader(bytes: try shx.read(at: 0, count: min(shx.size, 100)), file: shx.name)
            self.shx = shx
            count = (shx.size - 100) / 8
            fromShx = true
            return
        }
        self.shx = nil
        fromShx = false
        var pos = 100, n = 0
        while shp.size - pos >= 8 {
            n += 1
            let h = try shp.read(at: pos, count: 8)
            let length = Int(h.int32BE(at: 4)) * 2
            guard length >= 0 else {
                throw FormatError(file: shp.name, location: "record \(n)", "negative content length \(length)")
            }
            guard length <= shp.size - pos - 8 else {
                throw FormatError(file: shp.name, location: "record \(n)",
                                  "declares \(length) bytes but only \(shp.size - pos - 8) remain in the file")
            }
            // pos < size <= Int32 word range is not guaranteed for > 4 GiB files; those are invalid shapefiles anyway.
            guard pos <= Int(UInt32.max) else {
                throw FormatError(file: shp.name, location: "record \(n)", "offset beyond the 4 GiB shapefile limit")
            }
            rebuilt.append((UInt32(pos), UInt32(length)))
            pos += 8 + length
        }
        count = n
    }

    /// Byte offset of record `i`'s 8-byte header and its content length as the index says.
    func entry(_ i: Int) throws -> (offset: Int, length: Int) {
        guard let shx else { return (Int(rebuilt[i].offset), Int(rebuilt[i].length)) }
        let start = i / Self.chunkEntries * Self.chunkEntries
        if start != chunkStart {
            let n = min(Self.chunkEntries, count - start)
            chunk = try shx.read(at: 100 + 8 * start, count: 8 * n)
            chunkStart = start
        }
        let k = 8 * (i - start)
        let offset = Int(chunk.int32BE(at: k)) * 2, length = Int(chunk.int32BE(at: k + 4)) * 2
        guard offset >= 0, length >= 0 else {
            throw FormatError(file: shx.name, location: "record \(i + 1)", "negative offset \(offset) or length \(length)")
        }
        return (offset, length)
    }

    /// The `.shx` bytes for records with the given (offset, content length) pairs.
    static func encode(entries: [(offset: Int, length: Int)], header: ShapefileHeader) -> [UInt8] {
        var h = header
        h.fileLength = 100 + 8 * entries.count
        var b = h.encoded()
        b.reserveCapacity(h.fileLength)
        for e in entries {
            b.appendInt32BE(Int32(clamping: e.offset / 2))
            b.appendInt32BE(Int32(clamping: e.length / 2))
        }
        return b
    }
}
