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

/// A file read with `pread` through a read-ahead window of `windowSize` bytes, so walking
/// records in order costs one system call per window instead of two per record, while memory
/// stays bounded by the window whatever the file size. Owns the file descriptor and closes it
/// in `deinit`. Not thread-safe.
final class FileByteSource: ByteSource {
    static let windowSize = 256 * 1024
    private let fd: Int32
    let size: Int
    let name: String?
    private var window: [UInt8] = []
    private var windowOffset = 0

    /// Opens `path` for reading; throws a `FormatError` naming it when that fails.
    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw FormatError(file: path, "cannot open the file for reading: \(String(cString: strerror(errno)))")
        }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw FormatError(file: path, "not a regular file")
        }
        self.fd = fd
        size = Int(st.st_size)
        name = path
    }

    deinit { close(fd) }

    func read(at offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw FormatError(file: name, location: "byte \(offset)",
                              "needs \(count) bytes but the file has \(size) bytes in all")
        }
        if count == 0 { return [] }
        if offset >= windowOffset, offset + count <= windowOffset + window.count {
            return Array(window[(offset - windowOffset)..<(offset - windowOffset + count)])
        }
        if count > Self.windowSize { return try readDirect(at: offset, count: count) }
        window = try readDirect(at: offset, count: min(Self.windowSize, size - offset))
        windowOffset = offset
        return Array(window[0..<count])
    }

    private func readDirect(at offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw FormatError(file: name, location: "byte \(offset + done)",
                                  n == 0 ? "file ended early (was it truncated while reading?)"
                                         : "read failed: \(String(cString: strerror(errno)))")
            }
            done += n
        }
        return bytes
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
        precondition(i >= 0 && i + 8 <= count, "doubleLE out of range")
        return withUnsafeBytes { Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: i, as: UInt64.self))) }
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
