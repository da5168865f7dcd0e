import Foundation

/// Random access to the bytes of one file, on disk or in memory. Used by the shapefile and DBF
/// readers so that records are read on demand and every read is checked against the size first.
protocol ByteSource: AnyObject {
    /// Total bytes.
    var size: Int { get }
    /// The name used in errors (path, or nil for in-memory data).
    var name: String? { get }
    /// Exactly `count` bytes from `offset`; throws when they are not all there.
    func read(at offset: Int, count: Int) throws -> [UInt8]
}

/// Bytes held in memory.
final class MemoryByteSource: ByteSource {
    let data: Data
    let name: String?
    var size: Int { data.count }

    init(_ data: Data, name: String?) {
        self.data = data
        self.name = name
    }

    func read(at offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw FormatError(file: name, location: "byte \(offset)",
                              "needs \(count) bytes but the file has \(size) bytes in all")
        }
        let start = data.startIndex + offset
        return [UInt8](data[start..<(start + count)])
    }
}

/// A file read through a `FileHandle`, which this class owns and closes in `deinit`.
/// Not thread-safe.
final class FileByteSource: ByteSource {
    private let handle: FileHandle
    let size: Int
    let name: String?

    /// Opens `path` for reading; throws a `FormatError` naming it when that fails.
    init(path: String) throws {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw FormatError(file: path, "cannot open the file for reading")
        }
        do {
            let end = try h.seekToEnd()
            guard end <= UInt64(Int.max) else { throw FormatError(file: path, "file too large") }
            size = Int(end)
        } catch let e as FormatError {
            throw e
        } catch {
            throw FormatError(file: path, "cannot read the file size: \(error.localizedDescription)")
        }
        handle = h
        name = path
    }

    deinit { try? handle.close() }

    func read(at offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw FormatError(file: name, location: "byte \(offset)",
                              "needs \(count) bytes but the file has \(size) bytes in all")
        }
        if count == 0 { return [] }
        do {
            try handle.seek(toOffset: UInt64(offset))
            let d = try handle.read(upToCount: count) ?? Data()
            guard d.count == count else {
                throw FormatError(file: name, location: "byte \(offset)", "file ended early (was it truncated while reading?)")
            }
            return [UInt8](d)
        } catch let e as FormatError {
            throw e
        } catch {
            throw FormatError(file: name, location: "byte \(offset)", "read failed: \(error.localizedDescription)")
        }
    }
}

/// Little- and big-endian field access on a byte array; callers check lengths first.
extension Array where Element == UInt8 {
    func int32BE(at i: Int) -> Int32 {
        Int32(bitPattern: UInt32(self[i]) << 24 | UInt32(self[i + 1]) << 16 | UInt32(self[i + 2]) << 8 | UInt32(self[i + 3]))
    }
    func int32LE(at i: Int) -> Int32 {
        Int32(bitPattern: UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24)
    }
    func uint16LE(at i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    func uint32LE(at i: Int) -> UInt32 { UInt32(bitPattern: int32LE(at: i)) }
    func doubleLE(at i: Int) -> Double {
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(self[i + k]) << (8 * UInt64(k)) }
        return Double(bitPattern: bits)
    }

    mutating func appendInt32BE(_ v: Int32) {
        let u = UInt32(bitPattern: v)
        append(contentsOf: [UInt8(u >> 24), UInt8((u >> 16) & 0xFF), UInt8((u >> 8) & 0xFF), UInt8(u & 0xFF)])
    }
    mutating func appendInt32LE(_ v: Int32) {
        let u = UInt32(bitPattern: v)
        append(contentsOf: [UInt8(u & 0xFF), UInt8((u >> 8) & 0xFF), UInt8((u >> 16) & 0xFF), UInt8(u >> 24)])
    }
    mutating func appendUInt16LE(_ v: UInt16) { append(contentsOf: [UInt8(v & 0xFF), UInt8(v >> 8)]) }
    mutating func appendDoubleLE(_ v: Double) {
        let bits = v.bitPattern
        for k in 0..<8 { append(UInt8((bits >> (8 * UInt64(k))) & 0xFF)) }
    }
}
