import Foundation
import GeoProjection
import MapRenderer
import PNGCodec
import Rasterizer
import TestSupport
import Testing

/// The golden-image comparison itself (TestSupport's `GoldenImage`, tolerance `.text` used for
/// the map goldens): the real render passes, while a golden with one small feature removed —
/// a 3 × 3 town dot, a five-letter label — fails. Those edits change far fewer pixels than the
/// share limit allows and move the mean by less than its limit; only the per-pixel cap sees
/// them, which the tests show by comparing without it too. An update run fails as well.
@Suite struct GoldenToleranceTests {
    static let name = "tiles/situation-room-7-89-48@1x.png"
    static let golden = Result { () throws -> Pixmap in
        let directory = Bundle.module.url(forResource: "Golden", withExtension: nil)
        guard let image = try GoldenImage.load(name, from: directory) else { throw CocoaError(.fileNoSuchFile) }
        return image
    }

    /// `.text` without its per-pixel cap: the mean and share limits alone.
    static let withoutCap = GoldenImage.Tolerance(mean: GoldenImage.Tolerance.text.mean,
                                                  pixelThreshold: GoldenImage.Tolerance.text.pixelThreshold,
                                                  offFraction: GoldenImage.Tolerance.text.offFraction, maxDifference: 255)

    static func rgb(_ p: Pixmap, _ x: Int, _ y: Int) -> [Int] {
        (0..<3).map { Int(p.data[(y * p.width + x) * 4 + $0]) }
    }

    /// `p` with the pixels of x0...x1 × y0...y1 that `where` picks set to the colour at (bx, by).
    static func erased(_ p: Pixmap, x: ClosedRange<Int>, y: ClosedRange<Int>, background: (Int, Int),
                       where pick: ([Int]) -> Bool = { _ in true }) -> Pixmap {
        var out = p
        let b = (background.1 * p.width + background.0) * 4
        for yy in y {
            for xx in x where pick(rgb(p, xx, yy)) {
                for c in 0..<4 { out.data[(yy * p.width + xx) * 4 + c] = p.data[b + c] }
            }
        }
        return out
    }

    @Test func theRealRenderPasses() throws {
        let renderer = try Fixtures.situationRoom.get()
        let image = try renderer.renderTile(TileCoordinate(z: 7, x: 89, y: 48), pixelRatio: 1)
        let problem = GoldenImage.compare(image, with: try Self.golden.get(), name: Self.name, tolerance: .text)
        #expect(problem == nil, "\(problem ?? "")")
    }

    /// The town dot left of "Isfara" (found by looking at the golden): the places' orange
    /// #F2B630 at its centre, every pixel of its 3 × 3 core far from the dark background #16222E.
    @Test func aMissingTownDotFails() throws {
        let golden = try Self.golden.get()
        #expect(Self.rgb(golden, 28, 102) == [0xF2, 0xB6, 0x30])
        #expect(Self.rgb(golden, 200, 200) == [0x16, 0x22, 0x2E])
        for y in 101...103 { for x in 27...29 { #expect(Self.rgb(golden, x, y)[0] - 0x16 > 150, "(\(x), \(y))") } }
        let noDot = Self.erased(golden, x: 27...29, y: 101...103, background: (200, 200))
        let problem = try #require(GoldenImage.compare(noDot, with: golden, name: Self.name, tolerance: .text))
        #expect(problem.contains("largest difference") && problem.contains("x=2") && problem.contains("y=10"), "\(problem)")
        #expect(GoldenImage.compare(noDot, with: golden, name: Self.name, tolerance: Self.withoutCap) == nil,
                "the mean and share limits alone let a missing dot through")
    }

    /// The label "Rasht" at the bottom left: its light glyph pixels (the halo stays).
    @Test func aMissingLabelFails() throws {
        let golden = try Self.golden.get()
        var glyphPixels = 0
        for y in 220...227 { for x in 8...31 where Self.rgb(golden, x, y).reduce(0, +) > 400 { glyphPixels += 1 } }
        #expect((20...120).contains(glyphPixels), "the label's glyph pixels: \(glyphPixels)")
        let noLabel = Self.erased(golden, x: 8...31, y: 220...227, background: (200, 200)) { $0.reduce(0, +) > 150 }
        let problem = try #require(GoldenImage.compare(noLabel, with: golden, name: Self.name, tolerance: .text))
        #expect(problem.contains("largest difference"), "\(problem)")
        #expect(GoldenImage.compare(noLabel, with: golden, name: Self.name, tolerance: Self.withoutCap) == nil,
                "the mean and share limits alone let a missing label through")
    }

    /// Many pixels each a little off (below the per-pixel cap): the share limit catches them.
    @Test func manySmallDifferencesFailTheShareLimit() throws {
        let golden = try Self.golden.get()
        var drifted = golden
        var rng = SplitMix64(seed: 7)
        var changed = 0
        while changed < 1000 {  // 1.5 % of the pixels, each off by 60 in red
            let i = Int(rng.next() % UInt64(golden.width * golden.height)) * 4
            guard drifted.data[i] == golden.data[i], golden.data[i] < 190 else { continue }
            drifted.data[i] += 60
            changed += 1
        }
        let problem = try #require(GoldenImage.compare(drifted, with: golden, name: Self.name, tolerance: .text))
        #expect(problem.contains("1000 pixels off") && problem.contains("largest difference 60"), "\(problem)")
    }

    /// BORDERMAP_UPDATE_GOLDEN=1 rewrites the golden and still reports a problem, so the run fails.
    @Test func anUpdateRunRewritesTheGoldenAndFails() throws {
        let golden = try Self.golden.get()
        let directory = try Tool.temporaryDirectory("golden-update")
        let problem = try GoldenImage.check(golden, name: "tiles/updated.png", sourceDirectory: directory, bundledDirectory: nil,
                                            tolerance: .text, update: true)
        #expect(problem?.contains("rewritten") == true, "\(problem ?? "no problem reported")")
        let written = try #require(try GoldenImage.load("tiles/updated.png", from: directory))
        #expect(written == golden)
        // Without updating, a missing golden fails too.
        let missing = try GoldenImage.check(golden, name: "tiles/none.png", sourceDirectory: directory, bundledDirectory: directory,
                                            tolerance: .text, update: false)
        #expect(missing?.contains("missing golden") == true)
    }
}
