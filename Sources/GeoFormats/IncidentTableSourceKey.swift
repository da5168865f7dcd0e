import Foundation

/// The stable key of a table row (`IncidentRecord.sourceKey`).
///
/// The key is SHA-256 (FIPS 180-4) in lower-case hex over the row's canonical text: for every
/// non-empty cell, its header normalised with `IncidentField.normalise` (or `column_N` for an
/// empty header, N 1-based), U+001F, and the cell trimmed of whitespace; those entries sorted by
/// their UTF-8 bytes and each followed by U+001E. File name, encoding, delimiter, quoting and
/// column order therefore do not change the key; any edited cell does.
///
/// With an id column as the key (`IncidentColumnMapping.keyByID`, `bordermap import
/// --id-column`), the key is `sourceKey(id:)`: the id alone, so a re-export with reformatted
/// cells (other date or number formats, edited text) keys as before and is not stored twice.
extension IncidentTable {
    /// The key of a record keyed by its id: SHA-256 in lower-case hex of `bordermap-id`, U+001D
    /// and the id trimmed of whitespace. The id is compared as text, across every file imported
    /// into one database (ids must be unique there). A content key's text starts with a
    /// normalised header name, which never holds `-`, so an id key never equals a content key.
    public static func sourceKey(id: String) -> String {
        hexDigest(Array("bordermap-id".utf8) + [0x1D] + Array(id.trimmedCell.utf8))
    }

    /// The key of one row; `values` align with `header` (missing cells count as empty).
    public static func sourceKey(header: [String], values: [String]) -> String {
        sourceKey(names: header.map(IncidentField.normalise), values: values)
    }

    /// The key from headers already normalised.
    static func sourceKey(names: [String], values: [String]) -> String {
        var entries: [[UInt8]] = []
        for (i, value) in values.enumerated() {
            let v = value.trimmedCell
            if v.isEmpty { continue }
            var name = i < names.count ? names[i] : ""
            if name.isEmpty { name = "column_\(i + 1)" }
            entries.append(Array(name.utf8) + [0x1F] + Array(v.utf8))
        }
        entries.sort { $0.lexicographicallyPrecedes($1) }
        var message: [UInt8] = []
        for e in entries {
            message += e
            message.append(0x1E)
        }
        return hexDigest(message)
    }

    /// The entry order of a header, when it can be fixed once for every row: the column indices
    /// sorted by their key names (`column_N` for empty ones), or nil when two names are equal.
    /// Names hold only letters, digits and `_` (bytes from 0x30 up), so U+001F after a name sorts
    /// before any longer name it is a prefix of: the entries then sort as their names do.
    static func keyOrder(names: [String]) -> [SourceKeyColumn]? {
        let keyed = names.enumerated().map { i, n in SourceKeyColumn(column: i, name: Array((n.isEmpty ? "column_\(i + 1)" : n).utf8)) }
        let sorted = keyed.sorted { $0.name.lexicographicallyPrecedes($1.name) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.name == b.name { return nil }
        return sorted
    }

    /// The key of a row whose cells beyond the header are empty, with the entry order of
    /// `keyOrder`: the same text as `sourceKey(names:values:)` hashes, without sorting per row.
    static func sourceKey(order: [SourceKeyColumn], values: [String]) -> String {
        var message: [UInt8] = []
        message.reserveCapacity(256)
        for entry in order where entry.column < values.count {
            let v = values[entry.column].trimmedCell
            if v.isEmpty { continue }
            message += entry.name
            message.append(0x1F)
            message += v.utf8
            message.append(0x1E)
        }
        return hexDigest(message)
    }

    /// SHA-256 of `message` in lower-case hex.
    static func hexDigest(_ message: [UInt8]) -> String {
        var sha = SHA256()
        sha.update(message)
        let digest = sha.finish()
        let hex: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 64) { out in
            hex.withUTF8Buffer { h in
                for (i, b) in digest.enumerated() {
                    out[2 * i] = h[Int(b >> 4)]
                    out[2 * i + 1] = h[Int(b & 15)]
                }
            }
            return 64
        }
    }
}

/// A column of a source key's fixed entry order: its index and its key name's bytes.
struct SourceKeyColumn: Sendable, Hashable {
    let column: Int
    let name: [UInt8]
}

/// SHA-256, FIPS 180-4, streaming. Written out here because Foundation on Linux has no digest.
struct SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    mutating func update(_ bytes: [UInt8]) {
        length &+= UInt64(bytes.count)
        var rest = bytes[...]
        if !buffer.isEmpty {
            let take = min(64 - buffer.count, rest.count)
            buffer += rest.prefix(take)
            rest = rest.dropFirst(take)
            if buffer.count == 64 {
                let full = buffer
                full.withUnsafeBufferPointer { block($0) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        // Whole blocks straight from the input, without copying them through `buffer`.
        let whole = rest.count / 64 * 64
        if whole > 0 {
            rest.withUnsafeBufferPointer { p in
                for start in stride(from: 0, to: whole, by: 64) { block(UnsafeBufferPointer(rebasing: p[start..<(start + 64)])) }
            }
        }
        buffer += rest.dropFirst(whole)
    }

    /// The 32-byte digest; the hasher is spent afterwards.
    mutating func finish() -> [UInt8] {
        let bits = length &* 8
        var pad: [UInt8] = [0x80]
        pad += [UInt8](repeating: 0, count: (55 - Int(length % 64) + 64) % 64)
        pad += (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * UInt64($0))) }
        update(pad)
        let words = [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7]
        return words.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * UInt32($0))) } }
    }

    /// One 64-byte block (FIPS 180-4, 6.2.2); the message schedule lives on the stack.
    private mutating func block(_ p: UnsafeBufferPointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for t in 0..<16 {
                w[t] = UInt32(p[4 * t]) << 24 | UInt32(p[4 * t + 1]) << 16 | UInt32(p[4 * t + 2]) << 8 | UInt32(p[4 * t + 3])
            }
            func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }
            for t in 16..<64 {
                let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
                let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = h
            Self.k.withUnsafeBufferPointer { k in
                for t in 0..<64 {
                    let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[t] &+ w[t]
                    let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                    (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
                }
            }
            h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
        }
    }
}
