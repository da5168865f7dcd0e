import Foundation
import Testing
@testable import Rasterizer

/// `Pixmap.stroke` (outline by `Stroker`, dashes by `Dasher`, filled here) and tiling seams.
@Suite("Fill: stroke entry point and tile seams")
struct FillStrokeEntryTests {
    static func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Path {
        FillFixture.path { $0.move(to: x0, y0); $0.line(to: x1, y1) }
    }

    /// Tolerance: 8-bit rounding, up to 0.5/255 for each of the 60 half-covered edge pixels.
    @Test("a 2 px butt line covers length × width")
    func solid() {
        var pix = FillFixture.pixmap()
        pix.stroke(Self.line(10, 20.3, 40, 20.3), style: StrokeStyle(width: 2), paint: FillFixture.black)
        #expect(abs(FillFixture.alphaSum(pix) - 60) <= 60 * 0.5 / 255 + 1e-3)
    }

    @Test("width is in device pixels: a scaled path keeps its width")
    func transformKeepsWidth() {
        var pix = FillFixture.pixmap()
        pix.stroke(Self.line(5, 10, 20, 10), style: StrokeStyle(width: 3), paint: FillFixture.black,
                   transform: .scale(2, 2))
        #expect(abs(FillFixture.alphaSum(pix) - 90) <= 60 * 0.5 / 255 + 1e-3)   // 30 px long, 3 px wide
    }

    @Test("hairline: 0.25 px is drawn 1 px wide at a quarter of the opacity")
    func hairline() {
        var pix = FillFixture.pixmap()
        pix.stroke(Self.line(10, 20.5, 50, 20.5), style: StrokeStyle(width: 0.25), paint: FillFixture.black)
        for x in 10..<50 { #expect(abs(FillFixture.alpha(pix, x, 20) - 64) <= 1, "x \(x)") }
        #expect(FillFixture.alpha(pix, 30, 19) == 0 && FillFixture.alpha(pix, 30, 21) == 0)
    }

    @Test("dashes [4, 2] on a 30 px line: five 4 px dashes")
    func dashed() {
        var pix = FillFixture.pixmap()
        pix.stroke(Self.line(10, 30, 40, 30), style: StrokeStyle(width: 2, dashes: [4, 2]), paint: FillFixture.black)
        #expect(abs(FillFixture.alphaSum(pix) - 5 * 4 * 2) < 0.05)
        #expect(FillFixture.alpha(pix, 12, 30) == 255 && FillFixture.alpha(pix, 15, 30) == 0)
        // Offset 2 starts half-way into the first dash: 2 + 4 + 4 + 4 + 4 + 2 (last dash cut) px.
        var off = FillFixture.pixmap()
        off.stroke(Self.line(10, 30, 40, 30), style: StrokeStyle(width: 2, dashes: [4, 2], dashOffset: 2),
                   paint: FillFixture.black)
        #expect(abs(FillFixture.alphaSum(off) - 20 * 2) < 0.05)
    }

    /// The golden scenes drawn as one 160 px image and as four 80 px tiles (translated) agree
    /// within 1 level per channel: only float rounding of the different origins differs.
    @Test("tiles match one image", arguments: FillGoldenTests.scenes)
    func tiles(scene: String) throws {
        var whole = try #require(Pixmap(width: 160, height: 160))
        whole.fill(.white)
        FillGoldenTests.draw(scene, into: &whole, scale: 1, offset: (0, 0))
        var maxDiff = 0
        for ty in 0..<2 {
            for tx in 0..<2 {
                var tile = try #require(Pixmap(width: 80, height: 80))
                tile.fill(.white)
                FillGoldenTests.draw(scene, into: &tile, scale: 1, offset: (Double(tx * 80), Double(ty * 80)))
                for y in 0..<80 {
                    for x in 0..<80 {
                        let a = ((ty * 80 + y) * 160 + tx * 80 + x) * 4, b = (y * 80 + x) * 4
                        for c in 0..<4 { maxDiff = max(maxDiff, abs(Int(whole.data[a + c]) - Int(tile.data[b + c]))) }
                    }
                }
            }
        }
        #expect(maxDiff <= 1, "\(scene): max channel difference \(maxDiff)")
    }
}
