import Foundation
import PNGCodec
import Testing
@testable import Rasterizer

/// Golden images of fills under Golden/fills/, each scene at 1x and 2x (same scene, transform
/// scaled). Compared with a tolerance of max channel difference 2 and mean absolute difference
/// 0.05 per channel; rewritten only with BORDERMAP_UPDATE_GOLDEN=1.
@Suite("Fill golden images")
struct FillGoldenTests {
    static let size = 160

    /// Draws `scene` scaled by `scale`, shifted by −`offset` device px (to cut tiles).
    static func draw(_ scene: String, into pix: inout Pixmap, scale: Double, offset: (Double, Double) = (0, 0)) {
        let t = Transform.translate(-offset.0, -offset.1).concatenating(.scale(scale, scale))
        func fill(_ p: Path, _ hex: String, rule: FillRule = .nonZero, opacity: Double = 1, aa: Bool = true,
                  _ extra: Transform = .identity) {
            let c = Color(hex: hex) ?? .black
            pix.fill(p, paint: Paint(color: c, opacity: opacity, antiAlias: aa), rule: rule,
                     transform: t.concatenating(extra))
        }
        switch scene {
        case "rects":
            // Rectangles at fractional offsets, translucent overlaps, an aliased one.
            for i in 0..<6 {
                let o = Double(i) * 0.2
                fill(FillFixture.path { $0.addRect(Rect(x: 8 + Double(i) * 24 + o, y: 8 + o, width: 16.5, height: 30.25)) }, "#1f4e79")
            }
            fill(FillFixture.path { $0.addRect(Rect(x: 10, y: 50, width: 80, height: 60)) }, "#c0392b", opacity: 0.7)
            fill(FillFixture.path { $0.addRect(Rect(x: 50, y: 80, width: 90, height: 60)) }, "#2e86c1", opacity: 0.6)
            fill(FillFixture.path { $0.addRect(Rect(x: 100.5, y: 45.5, width: 50.3, height: 25.6)) }, "#117a65", aa: false)
        case "circles":
            for (i, r) in [1.0, 2, 3.5, 5, 10, 20].enumerated() {
                let x = [10.0, 22, 38, 60, 90, 130][i]
                fill(FillFixture.path { $0.addCircle(center: PathPoint(x, 30), radius: r) }, "#7d3c98")
            }
            fill(FillFixture.path { $0.addCircle(center: PathPoint(55, 105), radius: 45) }, "#d35400", opacity: 0.8)
            fill(FillFixture.path { b in
                b.addCircle(center: PathPoint(120, 105), radius: 30)
                b.addCircle(center: PathPoint(120, 105), radius: 15)
            }, "#1e8449", rule: .evenOdd)   // ring
        case "stars":
            let star = FillRuleTests.star(center: (40, 40), radius: 34)
            fill(star, "#212f3d")
            fill(star, "#212f3d", rule: .evenOdd, .translate(78, 0))
            fill(star, "#b03a2e", opacity: 0.5, .translate(0, 78))
            fill(star, "#b03a2e", rule: .evenOdd, aa: false, .translate(78, 78))
        case "slivers":
            // Thin slivers 0.1 ... 2 px wide, vertical, horizontal and slanted; needle triangles.
            for (i, w) in [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2].enumerated() {
                let x = 8 + Double(i) * 10 + 0.3
                fill(FillFixture.polygon([(x, 6), (x + w, 6), (x + w, 70), (x, 70)]), "#000000")
                let y = 80 + Double(i) * 10 + 0.3
                fill(FillFixture.polygon([(6, y), (70, y), (70, y + w), (6, y + w)]), "#000000")
                let sx = 85 + Double(i) * 10
                fill(FillFixture.polygon([(sx, 6), (sx + w * 1.2, 6), (sx + 25 + w * 1.2, 70), (sx + 25, 70)]), "#000000")
            }
            for i in 0..<5 {
                let y = 85 + Double(i) * 15
                fill(FillFixture.polygon([(80, y), (154, y + 2 + Double(i)), (154, y + 2.5 + Double(i) * 1.5)]), "#1a5276")
            }
        default: // "angles": squares rotated in 7.5° steps, and a fan of wedges.
            for i in 0..<12 {
                let a = Double(i) * 7.5 * .pi / 180
                let cx = 20 + Double(i % 4) * 38, cy = 20 + Double(i / 4) * 38
                let sq = FillFixture.polygon([(-12, -12), (12, -12), (12, 12), (-12, 12)])
                fill(sq, "#154360", Transform.translate(cx, cy).concatenating(.rotate(a)))
            }
            for i in 0..<24 {
                let a0 = Double(i) * .pi / 24, a1 = a0 + .pi / 48
                fill(FillFixture.polygon([(80, 158), (80 + 75 * cos(a0), 158 - 42 * sin(a0)),
                                          (80 + 75 * cos(a1), 158 - 42 * sin(a1))]), "#6e2c00")
            }
        }
    }

    static let scenes = ["rects", "circles", "stars", "slivers", "angles"]

    @Test("scenes match their golden PNGs", arguments: scenes, [1, 2])
    func golden(scene: String, scale: Int) throws {
        var pix = try #require(Pixmap(width: Self.size * scale, height: Self.size * scale))
        pix.fill(.white)
        Self.draw(scene, into: &pix, scale: Double(scale))
        try RasterizerGolden.check(pix, "fills/\(scene)@\(scale)x.png")
    }
}
