/// A stable 64-bit content hash of bytes (tile images, viewer files), and the hex form of
/// `TileKey.styleHash` (which is MapRenderer's `RenderInputs.fingerprint`).
///
/// FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3, from the Fowler-Noll-Vo
/// reference): the same function as MapStyle's `Style.contentHash`, so a server may use either.
/// Not cryptographic: it detects edits, it does not resist someone forging a collision (style
/// files are the operator's own). Any change of a byte, including whitespace, changes it.
public enum StyleFingerprint {
    /// FNV-1a 64 of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// `value` as 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        let h = String(value, radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h
    }
}
