import Foundation
import Testing
@testable import Rasterizer

/// Shared fixtures for the text tests: the fonts of fonts-dejavu-core / fonts-noto-core.
enum TextFixtures {
    static let library = FontLibrary(catalog: FontCatalog(directories: ["/usr/share/fonts"]))
    static func stack(_ names: String...) throws -> FontStack { try library.fontStack(names) }
    static var goldenDir: URL {
        get throws {
            let url = try #require(Bundle.module.url(forResource: "Golden", withExtension: nil))
            return url.appendingPathComponent("text")
        }
    }

    struct MetricsEntry: Decodable {
        var font: String
        var text: String
        var unitsPerEm: Int
        var advanceUnits: Int
        var kernUnits: Int
        var allInCmap: Bool
        var widths: [String: Double]
        var ascenderUnits: Int
        var descenderUnits: Int
    }

    /// Widths computed by fontTools from hmtx + kern (Golden/text/make_metrics.py).
    static func metrics() throws -> [MetricsEntry] {
        let data = try Data(contentsOf: goldenDir.appendingPathComponent("metrics.json"))
        return try JSONDecoder().decode([MetricsEntry].self, from: data)
    }
}

@Suite("Text layout")
struct TextLayoutTests {
    @Test("Advance widths equal fontTools' hmtx + kern sums", arguments: [12.0, 16.0, 31.5])
    func advanceWidthsMatchFontTools(size: Double) throws {
        let entries = try TextFixtures.metrics()
        #expect(entries.count == 27)
        for e in entries {
            let style = TextStyle(font: try TextFixtures.stack(e.font), size: size)
            let layout = try TextLayout(e.text, style: style)
            let expected = try #require(e.widths[String(size)])
            #expect(abs(layout.advanceWidth - expected) < 1e-9, "\(e.font) \(e.text) at \(size) px: \(layout.advanceWidth) vs \(expected)")
            let unit = size / Double(e.unitsPerEm)
            #expect(abs(layout.ascent - Double(e.ascenderUnits) * unit) < 1e-9)
            #expect(abs(layout.descent + Double(e.descenderUnits) * unit) < 1e-9)
        }
        // The fixture does exercise kerning (DejaVu's kern table, e.g. "AVATAR").
        #expect(entries.contains { $0.kernUnits != 0 && $0.font == "DejaVu Sans" })
    }

    @Test("Central Asian place names have real glyphs in DejaVu Sans", arguments: ["Душанбе", "Qo‘qon", "Kŭlob", "Алматы", "Хорог", "Оʻzbekiston"])
    func noNotdef(text: String) throws {
        let layout = try TextLayout(text, style: TextStyle(font: try TextFixtures.stack("DejaVu Sans")))
        #expect(layout.missingCharacters.isEmpty, "missing \(layout.missingCharacters) in \(text)")
        #expect(layout.glyphs.count == text.unicodeScalars.count)
        #expect(layout.glyphs.allSatisfy { $0.glyphID != 0 && $0.fontIndex == 0 })
        // Pen positions strictly increase (no zero-advance glyphs in these names).
        #expect(zip(layout.glyphs, layout.glyphs.dropFirst()).allSatisfy { $0.x < $1.x })
    }

    @Test("Scale factor multiplies every measure")
    func scaleFactor() throws {
        let style = TextStyle(font: try TextFixtures.stack("DejaVu Sans"), size: 14, maxWidth: 6)
        let one = try TextLayout("Gorno-Badakhshan Autonomous Region", style: style)
        let two = try TextLayout("Gorno-Badakhshan Autonomous Region", style: style, scale: 2)
        #expect(two.size == 28)
        #expect(abs(two.advanceWidth - 2 * one.advanceWidth) < 1e-9)
        #expect(abs(two.bounds.height - 2 * one.bounds.height) < 1e-9)
        #expect(one.lineWidths.count == two.lineWidths.count)
    }

    @Test("Fallback: a character missing from the first font comes from the next")
    func fallback() throws {
        // U+0F00 (Tibetan syllable om) is in neither DejaVu Sans nor Noto Sans; U+0531 (Armenian
        // capital ayb) is in DejaVu Sans; Georgian U+10D0 is in DejaVu Sans but not Noto Sans.
        let noto = try TextFixtures.library.font(named: "Noto Sans Regular")
        let dejavu = try TextFixtures.library.font(named: "DejaVu Sans")
        #expect(!noto.hasGlyph(for: "\u{10D0}") && dejavu.hasGlyph(for: "\u{10D0}"))
        let stack = try FontStack([noto, dejavu])
        let layout = try TextLayout("Aა\u{0F00}", style: TextStyle(font: stack))
        #expect(layout.glyphs.map(\.fontIndex) == [0, 1, 0])
        #expect(layout.glyphs[2].glyphID == 0)
        #expect(layout.missingCharacters == ["\u{0F00}"])
    }

    @Test("Wrapping at text-max-width, letter spacing, explicit newlines")
    func wrapping() throws {
        let font = try TextFixtures.stack("DejaVu Sans")
        let text = "Gorno-Badakhshan Autonomous Region"
        let single = try TextLayout(text, style: TextStyle(font: font, size: 10))
        #expect(single.lineWidths.count == 1)
        let wrapped = try TextLayout(text, style: TextStyle(font: font, size: 10, maxWidth: 11))
        #expect(wrapped.lineWidths.count == 2, "\(wrapped.lineWidths)")
        let words = try ["Gorno-Badakhshan", "Autonomous Region"].map { try TextLayout($0, style: TextStyle(font: font, size: 10)).advanceWidth }
        for (w, expected) in zip(wrapped.lineWidths, words) { #expect(abs(w - expected) < 1e-9) }
        #expect(abs(wrapped.bounds.height - 2 * 12) < 1e-9)  // 2 lines × 1.2 em × 10 px
        // A single word longer than the limit stays whole.
        #expect(try TextLayout("Badakhshan", style: TextStyle(font: font, size: 10, maxWidth: 1)).lineWidths.count == 1)
        // "\n" breaks regardless of width.
        #expect(try TextLayout("A\nB\n\nC", style: TextStyle(font: font)).lineWidths.count == 4)
        // Letter spacing adds (n − 1) × spacing × size.
        let spaced = try TextLayout("Kŭlob", style: TextStyle(font: font, size: 20, letterSpacing: 0.1))
        let plain = try TextLayout("Kŭlob", style: TextStyle(font: font, size: 20))
        #expect(abs(spaced.advanceWidth - plain.advanceWidth - 4 * 2.0) < 1e-9)
    }

    @Test("Anchors place the layout box around the origin", arguments: TextAnchor.allCases)
    func anchors(anchor: TextAnchor) throws {
        let layout = try TextLayout("Алматы", style: TextStyle(font: try TextFixtures.stack("DejaVu Sans"), size: 20, anchor: anchor))
        let b = layout.bounds
        #expect(abs(b.width - layout.advanceWidth) < 1e-9 && abs(b.height - 24) < 1e-9)
        switch anchor {
        case .center: #expect(abs(b.minX + b.width / 2) < 1e-9 && abs(b.minY + b.height / 2) < 1e-9)
        case .topLeft: #expect(b.minX == 0 && b.minY == 0)
        case .bottomRight: #expect(abs(b.maxX) < 1e-9 && abs(b.maxY) < 1e-9)
        case .baselineLeft: #expect(b.minX == 0 && layout.glyphs[0].baselineY == 0)
        default: #expect(b.minX <= 0 && b.maxX >= 0 && b.minY <= 0 && b.maxY >= 0)
        }
        // Ink lies inside the box horizontally (up to side bearings) and straddles the baseline.
        let ink = try #require(layout.inkBounds)
        #expect(ink.minX >= b.minX - 1 && ink.maxX <= b.maxX + 1)
        #expect(ink.minY < layout.glyphs[0].baselineY && ink.maxY >= layout.glyphs[0].baselineY - 0.5)
    }

    @Test("Invalid sizes are rejected")
    func invalidSize() throws {
        #expect(throws: FontError.invalidSize(0)) { _ = try TextLayout("x", style: TextStyle(font: try TextFixtures.stack("DejaVu Sans"), size: 0)) }
        let font = try TextFixtures.stack("DejaVu Sans")
        for bad in [0.0, -3, .nan, .infinity, 5000] {
            #expect(throws: FontError.self) { _ = try TextLayout("x", style: TextStyle(font: font, size: bad)) }
        }
    }
}
