import Foundation

/// Reads the fixed-width values and arrays of the binary cache files (road graphs, contraction
/// hierarchies) front to back, in the machine's byte order they were written in; reading past
/// the end throws the error the file's reader chose.
struct BinaryCursor {
    private let data: Data
    private var at: Data.Index
    private let truncated: any Error

    /// A cursor at the start of `data`; `truncated` is thrown when a read runs past the end.
    init(_ data: Data, truncated: any Error) {
        self.data = data
        at = data.startIndex
        self.truncated = truncated
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { at == data.endIndex }

    /// The next `n` bytes.
    mutating func take(_ n: Int) throws -> Data {
        guard n >= 0, data.endIndex - at >= n else { throw truncated }
        defer { at += n }
        return data[at ..< at + n]
    }

    /// The rest of the bytes.
    mutating func rest() -> Data {
        defer { at = data.endIndex }
        return data[at...]
    }

    /// The next value of type `T` (unaligned).
    mutating func scalar<T>(_: T.Type) throws -> T {
        try take(MemoryLayout<T>.size).withUnsafeBytes { $0.loadUnaligned(as: T.self) }
    }

    /// The next `n` values of type `T`, copied in one block.
    mutating func array<T>(_: T.Type, _ n: Int) throws -> [T] {
        let bytes = try take(n * MemoryLayout<T>.stride)
        return [T](unsafeUninitializedCapacity: n) { buf, count in
            bytes.withUnsafeBytes { raw in
                // both buffers hold n > 0 elements here, so their base addresses are non-nil
                if n > 0, let to = buf.baseAddress, let from = raw.baseAddress { memcpy(to, from, n * MemoryLayout<T>.stride) }
            }
            count = n
        }
    }
}
