import Foundation
import Rasterizer
import Testing
@testable import PNGCodec

@Suite("PNG decoding: foreign PNGs and corrupt input")
struct DecoderTests {
    /// PNGs written by Pillow (an independent encoder) in several colour types.
    @Test(arguments: ["RGBA", "RGB", "L", "LA", "P"])
    func decodesPillowOutput(mode: String) throws {
        let out = TestImages.tempFile("pil-\(mode).png"), raw = TestImages.tempFile("pil-\(mode).rgba")
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: raw) }
        let script = """
        import sys
        from PIL import Image
        im = Image.new('RGBA', (19, 7))
        im.putdata([((x * 13) % 256, (y * 37) % 256, (x * y * 5) % 256, (x * 29 + y * 3) % 256) for y in range(7) for x in range(19)])
        im = im.convert(sys.argv[1])
        im.save(sys.argv[2])
        open(sys.argv[3], 'wb').write(Image.open(sys.argv[2]).convert('RGBA').tobytes())
        """
        let r = try TestImages.run("/usr/bin/python3", ["-c", script, mode, out.path, raw.path])
        try #require(r.status == 0, "\(r.output)")
        // Pillow's straight RGBA, premultiplied with the rounding of `PremultipliedColor`.
        let straight = [UInt8](try Data(contentsOf: raw))
        var expected = straight
        for i in stride(from: 0, to: straight.count, by: 4) {
            let p = PremultipliedColor(Color(r: straight[i], g: straight[i + 1], b: straight[i + 2], a: straight[i + 3]))
            expected[i] = p.r; expected[i + 1] = p.g; expected[i + 2] = p.b
        }
        let pm = try PNGDecoder().decode([UInt8](try Data(contentsOf: out)))
        #expect(pm.width == 19 && pm.height == 7)
        #expect(pm.data == expected)
    }

    @Test func corruptInputThrows() throws {
        let good = try PNGEncoder(options: .init(format: .rgba)).encode(TestImages.opaqueNoise(40, 30))
        var cases: [(String, [UInt8])] = [
            ("empty", []),
            ("garbage", Array("not a png at all".utf8)),
            ("signature only", Array(good.prefix(8))),
            ("truncated header", Array(good.prefix(30))),
            ("truncated data", Array(good.prefix(good.count / 2))),
        ]
        var badCRC = good
        badCRC[29] ^= 0xFF  // IHDR CRC
        cases.append(("IHDR CRC", badCRC))
        var badIDAT = good
        for i in (good.count / 2)..<(good.count / 2 + 16) { badIDAT[i] ^= 0x5A }
        cases.append(("IDAT bytes", badIDAT))
        var zeroWidth = good
        zeroWidth[16...19] = [0, 0, 0, 0]
        cases.append(("zero width", zeroWidth))
        for (name, bytes) in cases {
            #expect(throws: PNGError.self, "\(name)") { try PNGDecoder().decode(bytes) }
        }
        do {
            _ = try PNGDecoder().decode(Array("not a png at all".utf8))
        } catch let e as PNGError {
            guard case .decodeFailed(let message) = e else { Issue.record("wrong case \(e)"); return }
            #expect(!message.isEmpty && message != "unknown libpng error", "libpng's message: \(message)")
        }
    }

    /// CRC-32 (ISO-HDLC, as PNG chunks use), written out so the test can forge valid headers.
    func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    @Test func hugeHeaderIsRefusedBeforeAllocating() throws {
        var png = try PNGEncoder(options: .init(format: .rgba)).encode(TestImages.opaqueNoise(8, 8))
        png[16...23] = [0, 0, 0x80, 0, 0, 0, 0x80, 0]  // 32768 x 32768
        let crc = crc32(png[12..<29])
        png[29...32] = [UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)]
        #expect(throws: PNGError.tooLarge(width: 32768, height: 32768)) { try PNGDecoder().decode(png) }
    }

    /// 300 random corruptions of a valid PNG (byte flips, truncations): each must decode or throw.
    @Test func randomCorruptionNeverCrashes() throws {
        let good = try PNGEncoder().encode(TestImages.mapTile(side: 48))
        var rng = TestImages.Rng(state: 99)
        var thrown = 0
        for _ in 0..<300 {
            var bad = good
            for _ in 0..<(1 + Int(rng.next() % 4)) { bad[Int(rng.next() % UInt64(bad.count))] = rng.byte() }
            if rng.next() % 4 == 0 { bad = Array(bad.prefix(Int(rng.next() % UInt64(bad.count)))) }
            do { _ = try PNGDecoder().decode(bad) } catch is PNGError { thrown += 1 }
        }
        #expect(thrown > 200, "most corruptions are detected (CRC, zlib adler): \(thrown)")
    }

    @Test func zeroSizePixmapCannotExist() {
        #expect(Pixmap(width: 0, height: 10) == nil)
        #expect(Pixmap(width: 10, height: 0) == nil)
    }
}
