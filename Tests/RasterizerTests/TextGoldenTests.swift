import Foundation
import PNGCodec
import Testing
@testable import Rasterizer

/// Golden images of labels (Golden/text/*.png). Regenerate with BORDERMAP_UPDATE_GOLDEN=1 and
/// look at them before committing. Tolerance (for FreeType versions other than Debian 12's
/// 2.12.1): mean absolute channel difference <= 0.5, at most 0.5 % of pixels with a channel
/// off by more than 48, and no channel of any pixel off by more than 96 (`GoldenImage.Tolerance.text`).
@Suite("Text golden images")
struct TextGoldenTests {
    struct Theme: Sendable, CustomStringConvertible {
        var name: String
        var background: Color
        var text: Color
        var halo: Color
        var description: String { name }
    }
    static let light = Theme(name: "light", background: Color(r: 0xF2, g: 0xEF, b: 0xE9), text: Color(r: 0x33, g: 0x33, b: 0x33), halo: .white)
    static let dark = Theme(name: "dark", background: Color(r: 0x1B, g: 0x23, b: 0x30), text: Color(r: 0xE8, g: 0xEC, b: 0xF2), halo: Color(r: 0x0B, g: 0x10, b: 0x18))

    /// A sheet of Central Asian labels: regular, bold, Noto, wrapped, letter-spaced; left column
    /// without halo, right column with.
    static func sheet(_ theme: Theme, scale: Double) throws -> Pixmap {
        let s = scale
        var p = try #require(Pixmap(width: Int(420 * s), height: Int(200 * s)))
        p.fill(theme.background)
        let regular = try TextFixtures.stack("DejaVu Sans"), bold = try TextFixtures.stack("DejaVu Sans Bold")
        let noto = try TextFixtures.stack("Noto Sans Regular", "DejaVu Sans")
        let rows: [(String, FontStack, Double, Double, Double?)] = [  // text, font, size, letter spacing, max width
            ("Душанбе", bold, 18, 0, nil),
            ("Qo‘qon · Kŭlob", regular, 14, 0, nil),
            ("Алматы", noto, 16, 0, nil),
            ("TAJIKISTAN", regular, 11, 0.2, nil),
            ("Gorno-Badakhshan Autonomous Region", regular, 11, 0, 10),
        ]
        var y = 22.0
        for (text, font, size, spacing, maxWidth) in rows {
            for (column, halo) in [(0, false), (1, true)] {
                let style = TextStyle(font: font, size: size, color: theme.text,
                                      halo: halo ? TextHalo(color: theme.halo, width: 1.5) : nil,
                                      letterSpacing: spacing, maxWidth: maxWidth)
                try p.drawText(text, at: PathPoint((105 + 210 * Double(column)) * s, y * s), style: style, scale: s)
            }
            y += maxWidth == nil ? 34 : 40
        }
        return p
    }

    @Test("Label sheets match their golden images", arguments: [(light, 1.0), (light, 2.0), (dark, 1.0), (dark, 2.0)])
    func golden(theme: Theme, scale: Double) throws {
        let image = try Self.sheet(theme, scale: scale)
        try RasterizerGolden.check(image, "text/labels-\(theme.name)-\(Int(scale))x.png", tolerance: .text)
    }
}
