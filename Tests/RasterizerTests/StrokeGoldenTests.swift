import Foundation
import PNGCodec
import Rasterizer
import Testing

/// Golden images of strokes under Golden/{caps,joins,strokes}/, each scene at 1x and 2x (the
/// same scene scaled, widths included). Compared with a tolerance of max channel difference 2
/// and mean absolute difference 0.05 per channel; rewritten only with BORDERMAP_UPDATE_GOLDEN=1.
@Suite("Stroke golden images")
struct StrokeGoldenTests {
    static let size = 160

    /// Draws with scene units scaled by `scale` (paths through the transform, widths by hand).
    struct Canvas {
        var pix: Pixmap
        let scale: Double
        /// Dash through `StrokeStyle.dashes` in `Pixmap.stroke` instead of calling `Dasher` here.
        var dashInStyle = false

        mutating func stroke(_ path: Path, _ hex: String, width: Double, cap: LineCap = .butt,
                             join: LineJoin = .miter, miterLimit: Double = 4, opacity: Double = 1,
                             dashes: [Double] = [], offset: Double = 0) {
            let t = Transform.scale(scale, scale)
            let style = StrokeStyle(width: width * scale, cap: cap, join: join, miterLimit: miterLimit)
            let paint = Paint(color: Color(hex: hex) ?? .black, opacity: opacity)
            guard !dashes.isEmpty else {
                pix.stroke(path, style: style, paint: paint, transform: t)
                return
            }
            if dashInStyle {
                var dashed = style
                dashed.dashes = dashes.map { $0 * scale }
                dashed.dashOffset = offset * scale
                pix.stroke(path, style: dashed, paint: paint, transform: t)
                return
            }
            // Dashing happens in device space, lengths in device pixels.
            guard let device = path.transformed(by: t),
                  let dashed = Dasher.dash(device, pattern: dashes.map { $0 * scale }, offset: offset * scale)
            else {
                Issue.record("dashing a scene path \(dashes) gave no path")
                return
            }
            pix.stroke(dashed, style: style, paint: paint)
        }
    }

    static func path(_ body: (inout PathBuilder) -> Void) -> Path {
        var b = PathBuilder()
        body(&b)
        guard let p = b.build() else { preconditionFailure("scene path") }
        return p
    }

    /// A chevron with its vertex at (x, y) opening downwards, arms `arm` long, `angle` degrees apart.
    static func chevron(_ x: Double, _ y: Double, angle: Double, arm: Double = 22) -> Path {
        let h = angle / 2 * .pi / 180
        return polyline([(x - arm * sin(h), y + arm * cos(h)), (x, y), (x + arm * sin(h), y + arm * cos(h))])
    }

    static func draw(_ scene: String, on c: inout Canvas) {
        let guide = "#e74c3c"
        switch scene {
        case "caps":
            // Thick lines with each cap, the centre line drawn as a hairline on top.
            for (i, cap) in [LineCap.butt, .round, .square].enumerated() {
                let y = 24 + Double(i) * 30
                let line = polyline([(30, y), (130, y)])
                c.stroke(line, "#1f4e79", width: 18, cap: cap)
                c.stroke(line, guide, width: 1)
            }
            for (i, cap) in [LineCap.butt, .round, .square].enumerated() {
                let x = 30 + Double(i) * 45
                let line = polyline([(x, 150), (x + 25, 110)])
                c.stroke(line, "#117a65", width: 10, cap: cap)
                c.stroke(line, guide, width: 1)
            }
        case "joins":
            // Rows: miter, round, bevel; columns: 150°, 90°, 60°, 35° between the arms.
            for (row, join) in [LineJoin.miter, .round, .bevel].enumerated() {
                for (col, angle) in [150.0, 90, 60, 35].enumerated() {
                    let p = chevron(30 + Double(col) * 38, 22 + Double(row) * 50, angle: angle)
                    c.stroke(p, "#1f4e79", width: 10, join: join, miterLimit: 10)
                    c.stroke(p, guide, width: 1)
                }
            }
        case "miterlimit":
            // Columns 60°, 35°, 20°, 12° (miter ratio 1/sin(θ/2) = 2, 3.3, 5.8, 9.6). Top: limit 4
            // (SVG default), so 20° and 12° fall back to bevel. Bottom: limit 10 keeps every miter.
            for (row, limit) in [4.0, 10].enumerated() {
                for (col, angle) in [60.0, 35, 20, 12].enumerated() {
                    let p = chevron(22 + Double(col) * 38, 30 + Double(row) * 70, angle: angle, arm: 30)
                    c.stroke(p, "#6e2c00", width: 7, join: .miter, miterLimit: limit)
                    c.stroke(p, guide, width: 1)
                }
            }
        case "hairlines":
            // Widths 0.25, 0.5, 1, 1.5 at 0° (on a pixel row's centre, then on a row boundary),
            // 6°, 45°, 85°; a hairline circle and star.
            for (i, w) in [0.25, 0.5, 1, 1.5].enumerated() {
                let y = 8.5 + Double(i) * 18
                c.stroke(polyline([(6, y), (36, y)]), "#000000", width: w)
                c.stroke(polyline([(40, y - 0.5), (70, y - 0.5)]), "#000000", width: w)
                c.stroke(polyline([(6, y + 5), (70, y + 12)]), "#000000", width: w)
                let x = 82 + Double(i) * 19
                c.stroke(polyline([(x, 6), (x + 14, 20)]), "#000000", width: w)
                c.stroke(polyline([(x, 30), (x + 3, 66)]), "#000000", width: w)
            }
            c.stroke(path { $0.addCircle(center: PathPoint(40, 115), radius: 32) }, "#1f4e79", width: 0.5)
            c.stroke(path { $0.addCircle(center: PathPoint(40, 115), radius: 22) }, "#1f4e79", width: 1)
            let star = (0..<10).map { i -> (Double, Double) in
                let a = Double(i) * .pi / 5 - .pi / 2, r = i % 2 == 0 ? 34.0 : 14
                return (118 + r * cos(a), 118 + r * sin(a))
            }
            c.stroke(polyline(star, closed: true), "#7d3c98", width: 0.75)
        case "curves":
            let s = path { b in
                b.move(to: 14, 40)
                b.cubic(to: PathPoint(146, 40), control1: PathPoint(50, -20), control2: PathPoint(110, 100))
            }
            c.stroke(s, "#1f4e79", width: 14, cap: .round)
            c.stroke(s, guide, width: 1)
            c.stroke(path { $0.addCircle(center: PathPoint(45, 110), radius: 30) }, "#117a65", width: 8)
            let q = path { b in
                b.move(to: 90, 150)
                b.quad(to: PathPoint(150, 150), control: PathPoint(120, 60))
            }
            c.stroke(q, "#b03a2e", width: 5, cap: .square, join: .round)
        default: // "overlap": translucent strokes must be one even layer where pieces overlap.
            let zigzag = polyline((0..<40).map { (i: Int) -> (Double, Double) in
                (20 + Double(i) * 0.5, 30 + Double(i % 2) * 0.5)
            })
            c.stroke(zigzag, "#1f4e79", width: 30, cap: .round, join: .round, opacity: 0.6)
            let knot = polyline([(80, 12), (140, 62), (140, 12), (80, 62), (100, 22), (120, 57)])
            c.stroke(knot, "#b03a2e", width: 9, join: .miter, opacity: 0.6)
            let tight = polyline([(10, 150), (60, 80), (62, 150), (64, 80), (66, 150), (140, 100)])
            c.stroke(tight, "#117a65", width: 12, join: .bevel, opacity: 0.6)
            c.stroke(polyline([(100, 90), (100, 90.0001), (150, 140)]), "#7d3c98", width: 10, cap: .square,
                     join: .miter, miterLimit: 100, opacity: 0.6)
        }
    }

    static let scenes = [("caps", "caps"), ("joins", "joins"), ("miterlimit", "joins"),
                         ("hairlines", "strokes"), ("curves", "strokes"), ("overlap", "strokes")]

    @Test("scenes match their golden PNGs", arguments: scenes, [1, 2])
    func golden(scene: (String, String), scale: Int) throws {
        var pix = try #require(Pixmap(width: Self.size * scale, height: Self.size * scale))
        pix.fill(.white)
        var canvas = Canvas(pix: pix, scale: Double(scale))
        Self.draw(scene.0, on: &canvas)
        try Self.compare(canvas.pix, folder: scene.1, name: "\(scene.0)@\(scale)x.png")
    }

    /// Compares with Golden/<folder>/<name> (max channel difference 2, mean 0.05).
    static func compare(_ pix: Pixmap, folder: String, name: String) throws {
        try RasterizerGolden.check(pix, "\(folder)/\(name)")
    }
}
