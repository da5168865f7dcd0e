import Foundation
import Rasterizer
import Testing
@testable import PNGCodec

@Suite("PNG round trips, checked by pngcheck and Pillow")
struct RoundTripTests {
    /// IHDR colour type byte (offset 25: 8 signature + 8 chunk header + 9 into IHDR data).
    func colorType(_ png: [UInt8]) -> UInt8 { png[25] }

    @Test func opaqueTruecolorIsExactAndRGB() throws {
        let pm = TestImages.opaqueNoise(37, 23)
        let png = try PNGEncoder(options: .init(format: .rgba)).encode(pm)
        #expect(colorType(png) == 2, "opaque image is written as RGB")
        #expect(try PNGDecoder().decode(png) == pm)
        #expect(try TestImages.pillowRGBA(png, name: "opaque") == TestImages.straight(pm))
        let check = try TestImages.pngcheck(png, name: "opaque")
        #expect(check.status == 0, "\(check.output)")
    }

    /// Un-premultiplying then premultiplying (both rounding to nearest) restores every valid
    /// premultiplied byte, so the round trip is exact, not merely within 1.
    @Test func translucentTruecolorRoundTrips() throws {
        let pm = TestImages.translucentNoise(64, 48)
        let png = try PNGEncoder(options: .init(format: .rgba)).encode(pm)
        #expect(colorType(png) == 6, "translucent image is written as RGBA")
        let back = try PNGDecoder().decode(png)
        let maxDiff = zip(back.data, pm.data).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(maxDiff == 0)
        // Pillow sees the straight colours: alpha 0 stored as 0,0,0,0; others within rounding.
        let pil = try TestImages.pillowRGBA(png, name: "translucent")
        #expect(pil == TestImages.straight(pm))
        for i in stride(from: 0, to: pil.count, by: 4) where pil[i + 3] == 0 {
            #expect(pil[i] == 0 && pil[i + 1] == 0 && pil[i + 2] == 0)
        }
        #expect(try TestImages.pngcheck(png, name: "translucent").status == 0)
    }

    /// Un-premultiplication against an independent formula on every (value, alpha) pair.
    @Test func unpremultiplyTableRoundsToNearest() {
        for a in 1...255 {
            for v in 0...a {
                let exact = Double(v) * 255 / Double(a)
                let got = Int(Unpremultiply.table[a << 8 | v])
                #expect(abs(Double(got) - exact) <= 0.5, "v \(v) a \(a)")
            }
        }
        #expect(Unpremultiply.table[0 << 8 | 0] == 0)
    }

    @Test(arguments: [PNGEncoder.Filter.none, .sub, .up, .average, .paeth, .adaptive], [0, 1, 6, 9])
    func everyFilterAndLevelDecodes(filter: PNGEncoder.Filter, level: Int) throws {
        let pm = TestImages.mapTile(side: 64)
        let opts = PNGEncoder.Options(format: .rgba, compressionLevel: level, truecolorFilter: filter, paletteFilter: filter)
        let png = try PNGEncoder(options: opts).encode(pm)
        #expect(try PNGDecoder().decode(png) == pm)
        let pal = try PNGEncoder(options: .init(format: .palette(maxColors: 256), compressionLevel: level, paletteFilter: filter)).encode(TestImages.mapTile(aaLevels: 4, side: 64))
        #expect(try PNGDecoder().decode(pal) == TestImages.mapTile(aaLevels: 4, side: 64))
    }

    @Test func largeImage4096() throws {
        var pm = try #require(Pixmap(width: 4096, height: 4096))
        pm.fill(Color(r: 10, g: 120, b: 200, a: 128))
        for i in stride(from: 0, to: pm.data.count, by: 4 * 4099) { pm.data[i + 3] = 255; pm.data[i] = 255 }
        let png = try PNGEncoder(options: .init(format: .rgba)).encode(pm)
        let back = try PNGDecoder().decode(png)
        #expect(back.width == 4096 && back.height == 4096)
        #expect(back == pm)
        #expect(try TestImages.pngcheck(png, name: "large").status == 0)
    }

    @Test func onePixel() throws {
        let pm = TestImages.make(1, 1) { _, _ in Color(r: 1, g: 2, b: 3, a: 4) }
        for format in [PNGEncoder.Format.rgba, .auto, .palette(maxColors: 2)] {
            let png = try PNGEncoder(options: .init(format: format)).encode(pm)
            #expect(try PNGDecoder().decode(png) == pm)
            #expect(try TestImages.pillowRGBA(png, name: "one") == TestImages.straight(pm))
        }
    }
}
