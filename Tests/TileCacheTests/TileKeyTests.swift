import GeoProjection
import Testing
import TileCache

@Suite struct TileKeyTests {
    /// Published FNV-1a 64 test vectors (Fowler-Noll-Vo reference, test suite of `fnv_test.c`).
    @Test(arguments: [("", 0xcbf2_9ce4_8422_2325 as UInt64), ("a", 0xaf63_dc4c_8601_ec8c), ("foobar", 0x8594_4171_f739_67e8)])
    func fingerprintMatchesTheReferenceVectors(text: String, expected: UInt64) {
        #expect(StyleFingerprint.hash(Array(text.utf8)) == expected)
    }

    @Test func fingerprintChangesWithAnyByte() {
        let style = Array(#"{"version": 8, "layers": []}"#.utf8)
        var edited = style
        edited[10] = UInt8(ascii: " ")
        #expect(StyleFingerprint.hash(style) != StyleFingerprint.hash(edited))
        #expect(StyleFingerprint.hex(0xab) == "00000000000000ab")
    }

    static let base = TileKey(style: "report", styleHash: 0x1234_5678_9abc_def0, dataVersion: 7, z: 5, x: 21, y: 11, scale: 1)

    @Test func etagIsQuotedAndChangesWithEveryField() {
        let variants = [
            Self.base,
            TileKey(style: "report2", styleHash: Self.base.styleHash, dataVersion: 7, z: 5, x: 21, y: 11, scale: 1),
            TileKey(style: "report", styleHash: 1, dataVersion: 7, z: 5, x: 21, y: 11, scale: 1),
            TileKey(style: "report", styleHash: Self.base.styleHash, dataVersion: 8, z: 5, x: 21, y: 11, scale: 1),
            TileKey(style: "report", styleHash: Self.base.styleHash, dataVersion: nil, z: 5, x: 21, y: 11, scale: 1),
            Self.base.moved(z: 6, x: 21, y: 11), Self.base.moved(z: 5, x: 20, y: 11), Self.base.moved(z: 5, x: 21, y: 12),
            TileKey(style: "report", styleHash: Self.base.styleHash, dataVersion: 7, z: 5, x: 21, y: 11, scale: 2),
        ]
        #expect(Set(variants.map(\.etag)).count == variants.count)
        for key in variants {
            let tag = key.etag
            #expect(tag.hasPrefix("\"") && tag.hasSuffix("\""), "\(tag)")
            // RFC 9110 etagc inside the quotes: 0x21, 0x23-0x7E.
            let inner = tag.utf8.dropFirst().dropLast()
            #expect(inner.allSatisfy { $0 == 0x21 || (0x23...0x7E).contains($0) }, "\(tag)")
        }
        // The same key always gives the same tag, and a style name with spaces or quotes is safe.
        #expect(Self.base.etag == TileKey(style: "report", styleHash: Self.base.styleHash, dataVersion: 7, z: 5, x: 21, y: 11).etag)
        let odd = TileKey(style: "my \"style\" é", styleHash: 1, dataVersion: nil, z: 0, x: 0, y: 0)
        #expect(odd.etag.utf8.dropFirst().dropLast().allSatisfy { $0 == 0x21 || (0x23...0x7E).contains($0) })
    }

    @Test func convertsToAndFromTileAddresses() throws {
        let tile = try TileCoordinate(z: 5, x: 21, y: 11)
        #expect(TileKey(style: "report", styleHash: Self.base.styleHash, dataVersion: 7, tile: tile) == Self.base)
        #expect(Self.base.tile == tile)
        #expect(Self.base.moved(z: 2, x: 4, y: 0).tile == nil, "x = 4 does not exist at zoom 2")
    }
}
