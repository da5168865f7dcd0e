import Foundation
import Rasterizer
import Testing

/// Golden images of dashed strokes under Golden/dashes/, at 1x and 2x; same tolerance and
/// update flag as `StrokeGoldenTests`.
@Suite("Dash golden images")
struct DashGoldenTests {
    static func draw(_ scene: String, on c: inout StrokeGoldenTests.Canvas) {
        switch scene {
        case "patterns":
            // Rows: [12, 6]; the same with offset 6 and −6; odd [9, 3, 3]; dots [0, 6] round;
            // square dots [0, 8] on a slant; dash-dot [10, 8, 0, 8] with round caps.
            let rows: [([Double], Double, LineCap)] = [([12, 6], 0, .butt), ([12, 6], 6, .butt),
                                                       ([12, 6], -6, .butt), ([9, 3, 3], 0, .butt),
                                                       ([0, 6], 0, .round), ([10, 8, 0, 8], 0, .round)]
            for (i, row) in rows.enumerated() {
                let y = 12 + Double(i) * 14
                let line = polyline([(10, y), (150, y)])
                c.stroke(line, "#1f4e79", width: 4, cap: row.2, dashes: row.0, offset: row.1)
            }
            c.stroke(polyline([(10, 150), (150, 100)]), "#6e2c00", width: 4, cap: .square, dashes: [0, 8])
        default: // "shapes": a closed rectangle (dashes continue round the start corner), a
                 // dashed circle, a dashed zigzag with joins inside dashes, a thin dashed border.
            let rect = polyline([(15, 15), (75, 15), (75, 65), (15, 65)], closed: true)
            c.stroke(rect, "#1f4e79", width: 5, join: .miter, dashes: [20, 8], offset: 10)
            var b = PathBuilder()
            b.addCircle(center: PathPoint(118, 40), radius: 27)
            if let circle = b.build() {
                c.stroke(circle, "#117a65", width: 6, cap: .round, dashes: [10, 7])
            }
            let zigzag = polyline([(12, 140), (35, 95), (58, 140), (81, 95), (104, 140)])
            c.stroke(zigzag, "#b03a2e", width: 6, join: .round, dashes: [30, 10])
            c.stroke(polyline([(112.5, 90.5), (150.5, 90.5), (150.5, 150.5), (112.5, 150.5)], closed: true), "#000000",
                     width: 1, dashes: [3, 2])
        }
    }

    @Test("scenes match their golden PNGs", arguments: ["patterns", "shapes"], [1, 2])
    func golden(scene: String, scale: Int) throws {
        let size = StrokeGoldenTests.size
        var pix = try #require(Pixmap(width: size * scale, height: size * scale))
        pix.fill(.white)
        var canvas = StrokeGoldenTests.Canvas(pix: pix, scale: Double(scale))
        Self.draw(scene, on: &canvas)
        try StrokeGoldenTests.compare(canvas.pix, folder: "dashes", name: "\(scene)@\(scale)x.png")
    }

    /// `Pixmap.stroke` with `StrokeStyle.dashes` draws the same pixels as dashing by hand.
    @Test(arguments: ["patterns", "shapes"])
    func strokeStyleDashesMatchDasher(scene: String) throws {
        let blank = try #require(Pixmap(width: 160, height: 160))
        var byHand = StrokeGoldenTests.Canvas(pix: blank, scale: 1)
        var inStyle = StrokeGoldenTests.Canvas(pix: blank, scale: 1, dashInStyle: true)
        Self.draw(scene, on: &byHand)
        Self.draw(scene, on: &inStyle)
        #expect(byHand.pix == inStyle.pix)
    }
}
