import Foundation
import Rasterizer
import Testing
@testable import PNGCodec

@Suite("Palette PNGs: exact palettes, median cut, auto choice")
struct PaletteTests {
    func colorType(_ png: [UInt8]) -> UInt8 { png[25] }

    func distinctColors(_ pm: Pixmap) -> Int {
        var set = Set<UInt32>()
        for i in stride(from: 0, to: pm.data.count, by: 4) {
            set.insert(UInt32(pm.data[i]) | UInt32(pm.data[i + 1]) << 8 | UInt32(pm.data[i + 2]) << 16 | UInt32(pm.data[i + 3]) << 24)
        }
        return set.count
    }

    @Test func exactPaletteWithAlphaIsLossless() throws {
        // 256 colours exactly, many translucent, including transparent.
        let pm = TestImages.make(64, 64) { x, y in
            let k = (x + 64 * y) % 256
            return Color(r: UInt8(k), g: UInt8(255 - k), b: UInt8((k * 7) % 256), a: UInt8(k % 3 == 0 ? 255 : (k * 5) % 256))
        }
        #expect(distinctColors(pm) == 256)
        let png = try PNGEncoder(options: .init(format: .auto)).encode(pm)
        #expect(colorType(png) == 3, "auto picks palette for <= 256 colours")
        #expect(try PNGDecoder().decode(png) == pm)
        #expect(try TestImages.pillowRGBA(png, name: "pal256") == TestImages.straight(pm))
        let check = try TestImages.pngcheck(png, name: "pal256")
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("tRNS"), "alpha stored in a tRNS chunk")
    }

    @Test func autoKeepsManyColourImagesTruecolour() throws {
        let heat = TestImages.heatmap(side: 128)
        #expect(distinctColors(heat) > 256)
        let png = try PNGEncoder().encode(heat)
        #expect(colorType(png) == 6)
        #expect(try PNGDecoder().decode(png) == heat)
    }

    @Test func opaquePaletteHasNoTRNS() throws {
        let pm = TestImages.mapTile(aaLevels: 4, side: 128)
        #expect(distinctColors(pm) <= 256)
        let png = try PNGEncoder().encode(pm)
        #expect(colorType(png) == 3)
        let check = try TestImages.pngcheck(png, name: "opaquepal")
        #expect(check.status == 0, "\(check.output)")
        #expect(!check.output.contains("tRNS"))
        #expect(try TestImages.pillowRGBA(png, name: "opaquepal") == TestImages.straight(pm))
    }

    @Test(arguments: [256, 64, 16, 2])
    func medianCutQuantises(maxColors: Int) throws {
        let pm = TestImages.heatmap(side: 128)
        let png = try PNGEncoder(options: .init(format: .palette(maxColors: maxColors))).encode(pm)
        #expect(colorType(png) == 3)
        #expect(try TestImages.pngcheck(png, name: "mc\(maxColors)").status == 0)
        let back = try PNGDecoder().decode(png)
        #expect(distinctColors(back) <= maxColors)
        // Pillow agrees with our decoder on the palette image.
        #expect(try TestImages.pillowRGBA(png, name: "mc\(maxColors)") == TestImages.straight(back))
        // Error in premultiplied space shrinks with more colours; bounds measured loosely.
        let diffs = zip(back.data, pm.data).map { abs(Int($0) - Int($1)) }
        let mean = Double(diffs.reduce(0, +)) / Double(diffs.count)
        let bound: Double = [256: 1.5, 64: 3, 16: 8, 2: 60][maxColors] ?? 60
        #expect(mean <= bound, "mean abs difference \(mean) with \(maxColors) colours")
    }

    @Test func quantisedMapTileKeepsTransparentPixelsTransparent() throws {
        var pm = TestImages.mapTile(side: 128)
        for i in stride(from: 0, to: 128 * 20 * 4, by: 4) { pm.data[i] = 0; pm.data[i + 1] = 0; pm.data[i + 2] = 0; pm.data[i + 3] = 0 }
        let back = try PNGDecoder().decode(PNGEncoder(options: .init(format: .palette(maxColors: 32))).encode(pm))
        for i in stride(from: 0, to: 128 * 20 * 4, by: 4) { #expect(back.data[i + 3] == 0) }
    }
}

@Suite("Median cut determinism")
struct MedianCutDeterminismTests {
    /// The same pixels must give the same image in every process (tile ETags, golden files),
    /// although Dictionary order is randomised per process. The digest of the decoded pixels was
    /// recorded once (pixels, not PNG bytes, so a zlib upgrade does not break it).
    @Test func quantisedPixelsAreStable() throws {
        let encoder = PNGEncoder(options: .init(format: .palette(maxColors: 64)))
        let png = try encoder.encode(TestImages.detailedTile(side: 96))
        #expect(try png == encoder.encode(TestImages.detailedTile(side: 96)))
        var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a 64
        for b in try PNGDecoder().decode(png).data { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        #expect(String(h, radix: 16) == "c68ccb97225e0dd2")
    }
}
