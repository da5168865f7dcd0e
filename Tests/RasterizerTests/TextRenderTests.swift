import Foundation
import Testing
@testable import Rasterizer

@Suite("Text rendering")
struct TextRenderTests {
    static func inked(_ p: Pixmap) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        for y in 0..<p.height { for x in 0..<p.width where p.data[(y * p.width + x) * 4 + 3] > 0 { out.append((x, y)) } }
        return out
    }

    @Test("Ink lies within the outline bounds and reaches them", arguments: ["Душанбе", "Qo‘qon", "Kŭlob", "Алматы"])
    func inkWithinBounds(text: String) throws {
        let style = TextStyle(font: try TextFixtures.stack("DejaVu Sans"), size: 24)
        var p = try #require(Pixmap(width: 200, height: 60))
        let origin = PathPoint(100, 30)
        let layout = try p.drawText(text, at: origin, style: style)
        let ink = try #require(layout.inkBounds)
        let px = Self.inked(p)
        #expect(!px.isEmpty)
        let minX = px.map(\.0).min()!, maxX = px.map(\.0).max()!, minY = px.map(\.1).min()!, maxY = px.map(\.1).max()!
        // Outline bounds from FT_Outline_Get_BBox, shifted by at most 1/8 px (quarter-pixel pen
        // snapping) and 0.5 px (baseline snapping); a pixel is inked if the outline touches it.
        let l = origin.x + ink.minX, r = origin.x + ink.maxX, t = origin.y + ink.minY, b = origin.y + ink.maxY
        #expect(Double(minX) >= (l - 0.7).rounded(.down) && Double(minX) <= l + 0.7, "\(text) minX \(minX) vs \(l)")
        #expect(Double(maxX) + 1 <= (r + 0.7).rounded(.up) && Double(maxX) + 1 >= r - 0.7, "\(text) maxX \(maxX) vs \(r)")
        #expect(Double(minY) >= (t - 0.7).rounded(.down) && Double(minY) <= t + 0.7, "\(text) minY \(minY) vs \(t)")
        #expect(Double(maxY) + 1 <= (b + 0.7).rounded(.up) && Double(maxY) + 1 >= b - 0.7, "\(text) maxY \(maxY) vs \(b)")
    }

    @Test("A halo enlarges the inked area and covers the glyphs' pixels")
    func haloEnlarges() throws {
        let font = try TextFixtures.stack("DejaVu Sans")
        var plain = try #require(Pixmap(width: 160, height: 50))
        var haloed = plain
        try plain.drawText("Душанбе", at: PathPoint(80, 25), style: TextStyle(font: font, size: 20))
        try haloed.drawText("Душанбе", at: PathPoint(80, 25),
                            style: TextStyle(font: font, size: 20, halo: TextHalo(color: .white, width: 2)))
        let a = Self.inked(plain), b = Self.inked(haloed)
        let bSet = Set(b.map { $0.0 * 1000 + $0.1 })
        #expect(b.count > a.count * 3 / 2, "halo \(b.count) vs plain \(a.count)")
        #expect(a.allSatisfy { bSet.contains($0.0 * 1000 + $0.1) })
        // The halo reaches about 2 px beyond the glyphs on every side.
        let ax = a.map(\.0), bx = b.map(\.0), ay = a.map(\.1), by = b.map(\.1)
        #expect(ax.min()! - bx.min()! == 2 && bx.max()! - ax.max()! == 2)
        #expect(ay.min()! - by.min()! == 2 && by.max()! - ay.max()! == 2)
        // Glyph pixels are drawn over the halo: fully covered glyph pixels stay black.
        #expect((0..<plain.data.count / 4).contains { plain.data[$0 * 4 + 3] == 255 && haloed.data[$0 * 4] == 0 && haloed.data[$0 * 4 + 3] == 255 })
    }

    @Test("Same text, same position: same pixels; whole-pixel shifts shift the pixels")
    func deterministic() throws {
        let style = TextStyle(font: try TextFixtures.stack("DejaVu Sans Bold", "Noto Sans Regular"), size: 15.5,
                              halo: TextHalo(color: Color(r: 255, g: 255, b: 255, a: 200), width: 1.5))
        func render(_ x: Double, _ y: Double) throws -> Pixmap {
            var p = try #require(Pixmap(width: 300, height: 80))
            try p.drawText("Kŭlob — Qo‘qon", at: PathPoint(x, y), style: style)
            return p
        }
        let a = try render(120.3, 40.2), b = try render(120.3, 40.2)
        #expect(a == b)
        let shifted = try render(120.3 + 17, 40.2 + 5)
        for y in 0..<75 { for x in 0..<283 {
            let i = (y * 300 + x) * 4, j = ((y + 5) * 300 + x + 17) * 4
            if a.data[i..<i + 4] != shifted.data[j..<j + 4] { Issue.record("pixel \(x),\(y) differs after shift"); return }
        } }
    }

    @Test("Rendering from several threads at once gives the serial pixels")
    func concurrent() async throws {
        let texts = ["Душанбе", "Qo‘qon", "Kŭlob", "Алматы", "Хорог", "Termiz", "Bishkek", "Toshkent"]
        func render(_ library: FontLibrary, _ text: String) throws -> Pixmap {
            let style = TextStyle(font: try library.fontStack(["DejaVu Sans"]), size: 17, halo: TextHalo(color: .white, width: 1))
            var p = try #require(Pixmap(width: 128, height: 40))
            try p.drawText(text, at: PathPoint(64.4, 20.1), style: style)
            return p
        }
        let serial = try texts.map { try render(FontLibrary(catalog: FontCatalog(directories: ["/usr/share/fonts/truetype/dejavu"])), $0) }
        let shared = FontLibrary(catalog: FontCatalog(directories: ["/usr/share/fonts/truetype/dejavu"]))
        let results = try await withThrowingTaskGroup(of: (Int, Pixmap).self) { group in
            for _ in 0..<4 { for (i, t) in texts.enumerated() { group.addTask { (i, try render(shared, t)) } } }
            var out: [(Int, Pixmap)] = []
            for try await r in group { out.append(r) }
            return out
        }
        #expect(results.count == 32)
        for (i, p) in results { #expect(p == serial[i], "\(texts[i])") }
    }

    @Test("Text far outside the canvas draws nothing and does not fail")
    func offCanvas() throws {
        var p = try #require(Pixmap(width: 32, height: 32))
        let style = TextStyle(font: try TextFixtures.stack("DejaVu Sans"), size: 12, halo: TextHalo(color: .white, width: 1))
        try p.drawText("Алматы", at: PathPoint(-1e12, 5e11), style: style)
        try p.drawText("Алматы", at: PathPoint(.nan, 3), style: style)
        try p.drawText("Алматы", at: PathPoint(500, 10), style: style)
        #expect(Self.inked(p).isEmpty)
        try p.drawText("Алматы", at: PathPoint(0, 16), style: style)  // half visible
        #expect(!Self.inked(p).isEmpty)
    }
}
