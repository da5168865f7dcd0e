import Foundation
import GeoCore
import GeoProjection
import MapStyle
import Rasterizer

extension MapRenderer {
    /// A report map: the map of `viewport` with title, legend, scale bar, north arrow and
    /// attribution as `options` asks. Sizes are CSS pixels times the viewport's pixel ratio.
    /// - Throws: `RenderError` when the map cannot be drawn or the furniture's font is missing.
    public func renderStaticMap(_ viewport: Viewport, options: StaticMapOptions) throws -> Pixmap {
        var image = try renderMap(viewport)
        let r = viewport.pixelRatio
        let fonts: (regular: FontStack, bold: FontStack)
        do {
            fonts = (try self.fonts.fontStack(["DejaVu Sans Book"]), try self.fonts.fontStack(["DejaVu Sans Bold"]))
        } catch {
            throw RenderError("static map furniture: \(error)")
        }
        let ink = Color(r: 25, g: 30, b: 38), panel = Color(r: 255, g: 255, b: 255, a: 225)
        if let title = options.title, !title.isEmpty {
            let style = TextStyle(font: fonts.bold, size: 22, color: ink, anchor: .topLeft, justify: .left)
            if let layout = try? TextLayout(title, style: style, scale: r) {
                Furniture.panel(&image, Rect(x: 12 * r, y: 12 * r, width: layout.bounds.width + 24 * r, height: layout.bounds.height + 16 * r), panel)
                try? image.drawText(layout, at: PathPoint(24 * r, 20 * r), color: ink)
            }
        }
        if options.northArrow { Furniture.northArrow(&image, ratio: r, font: fonts.bold, ink: ink, panel: panel) }
        if options.scaleBar { Furniture.scaleBar(&image, viewport: viewport, font: fonts.regular, ink: ink, panel: panel) }
        if let credit = options.attribution {
            let style = TextStyle(font: fonts.regular, size: 10, color: ink, anchor: .bottomRight, justify: .right)
            if let layout = try? TextLayout(credit, style: style, scale: r) {
                let w = Double(image.width), h = Double(image.height)
                Furniture.panel(&image, Rect(minX: w - layout.bounds.width - 12 * r, minY: h - layout.bounds.height - 8 * r, maxX: w, maxY: h), panel)
                try? image.drawText(layout, at: PathPoint(w - 6 * r, h - 4 * r), color: ink)
            }
        }
        if options.legend {
            Furniture.legend(&image, entries: legendEntries(zoom: viewport.zoom), ratio: r, font: fonts.regular, ink: ink, panel: panel)
        }
        return image
    }

    /// One legend row per distinct `metadata.legend` label among the layers visible at `zoom`
    /// whose source has data, in style order.
    func legendEntries(zoom: Double) -> [LegendEntry] {
        var seen = Set<String>(), entries: [LegendEntry] = []
        for layer in style.layers where layer.isVisible(atZoom: zoom) {
            guard case .string(let label)? = layer.metadata?["legend"], !seen.contains(label),
                  let source = layer.source, sources[source] != nil else { continue }
            let e = EvaluationContext(zoom: zoom)
            let entry: LegendEntry?
            switch layer.type {
            case .fill:
                entry = StyleBridge.color(layer.property("fill-color").color(e), opacity: layer.property("fill-opacity").number(e))
                    .map { .init(label: label, symbol: .swatch($0)) }
            case .line:
                let w = layer.property("line-width").number(e)
                entry = StyleBridge.color(layer.property("line-color").color(e), opacity: layer.property("line-opacity").number(e))
                    .map { .init(label: label, symbol: .line($0, width: w, dashes: (layer.property("line-dasharray").numbers(e) ?? []).map { $0 * w })) }
            case .circle:
                entry = StyleBridge.color(layer.property("circle-color").color(e), opacity: layer.property("circle-opacity").number(e))
                    .map { .init(label: label, symbol: .dot($0, radius: layer.property("circle-radius").number(e))) }
            default:
                entry = nil
            }
            if let entry {
                seen.insert(label)
                entries.append(entry)
            }
        }
        return entries
    }
}

/// A row of the legend.
struct LegendEntry {
    enum Symbol {
        case swatch(Color)
        case line(Color, width: Double, dashes: [Double])
        case dot(Color, radius: Double)
    }
    let label: String
    let symbol: Symbol
}

/// The drawing of map furniture.
enum Furniture {
    static func panel(_ image: inout Pixmap, _ rect: Rect, _ color: Color) {
        var b = PathBuilder()
        b.addRect(rect)
        if let p = b.build() { image.fill(p, paint: Paint(color: color)) }
    }

    /// An arrow with an "N" in the top-right corner; Web Mercator maps have north straight up.
    static func northArrow(_ image: inout Pixmap, ratio r: Double, font: FontStack, ink: Color, panel: Color) {
        let cx = Double(image.width) - 30 * r, top = 16 * r
        Self.panel(&image, Rect(x: cx - 16 * r, y: top - 4 * r, width: 32 * r, height: 56 * r), panel)
        var left = PathBuilder(), right = PathBuilder()
        left.move(to: cx, top + 18 * r); left.line(to: cx - 9 * r, top + 48 * r); left.line(to: cx, top + 40 * r); left.close()
        right.move(to: cx, top + 18 * r); right.line(to: cx + 9 * r, top + 48 * r); right.line(to: cx, top + 40 * r); right.close()
        if let l = left.build() { image.fill(l, paint: Paint(color: ink)) }
        if let rp = right.build() {
            image.fill(rp, paint: Paint(color: .white))
            image.stroke(rp, style: StrokeStyle(width: r, join: .round), paint: Paint(color: ink))
        }
        let style = TextStyle(font: font, size: 13, color: ink, anchor: .top)
        try? image.drawText("N", at: PathPoint(cx, top), style: style, scale: r)
    }

    /// A bar of 1, 2 or 5 × 10ⁿ km at most a quarter of the image wide, measured geodesically
    /// along the parallel through the map centre, in alternating black and white halves.
    static func scaleBar(_ image: inout Pixmap, viewport: Viewport, font: FontStack, ink: Color, panel: Color) {
        let r = viewport.pixelRatio
        let centre = WebMercator.lonLat(fromMercator: viewport.bounds.center)
        let span = viewport.bounds.width / 4
        let east = WebMercator.lonLat(fromMercator: Coordinate(viewport.bounds.center.x + span, viewport.bounds.center.y))
        guard let metres = try? Geodesic.distance(from: centre, to: east), metres > 0 else { return }
        let pxPerMetre = Double(image.width) / 4 / metres
        let maxKm = metres / 1000
        let magnitude = pow(10, (log10(maxKm)).rounded(.down))
        let km = [5.0, 2, 1].map { $0 * magnitude }.first { $0 <= maxKm } ?? magnitude
        let length = km * 1000 * pxPerMetre
        let x0 = 16 * r, y0 = Double(image.height) - 30 * r, barH = 6 * r
        let label = km >= 1 ? "\(Int(km)) km" : "\(Int((km * 1000).rounded())) m"
        Self.panel(&image, Rect(x: x0 - 8 * r, y: y0 - 20 * r, width: length + 16 * r + 40 * r, height: 38 * r), panel)
        for half in 0..<2 {
            var b = PathBuilder()
            b.addRect(Rect(x: x0 + Double(half) * length / 2, y: y0, width: length / 2, height: barH))
            if let p = b.build() { image.fill(p, paint: Paint(color: half == 0 ? ink : .white)) }
        }
        var frame = PathBuilder()
        frame.addRect(Rect(x: x0, y: y0, width: length, height: barH))
        if let p = frame.build() { image.stroke(p, style: StrokeStyle(width: r), paint: Paint(color: ink)) }
        let style = TextStyle(font: font, size: 11, color: ink, anchor: .bottomLeft, justify: .left)
        try? image.drawText("0", at: PathPoint(x0 - 2 * r, y0 - 3 * r), style: style, scale: r)
        try? image.drawText(label, at: PathPoint(x0 + length - 8 * r, y0 - 3 * r), style: style, scale: r)
    }

    /// Rows of symbol and label in a panel at the bottom left, above the scale bar.
    static func legend(_ image: inout Pixmap, entries: [LegendEntry], ratio r: Double, font: FontStack, ink: Color, panel: Color) {
        guard !entries.isEmpty else { return }
        let style = TextStyle(font: font, size: 12, color: ink, anchor: .left, justify: .left)
        let layouts = entries.compactMap { try? TextLayout($0.label, style: style, scale: r) }
        guard layouts.count == entries.count else { return }
        let rowH = 20 * r, width = (layouts.map(\.bounds.width).max() ?? 0) + 56 * r
        let height = Double(entries.count) * rowH + 12 * r
        let x0 = 12 * r, y0 = Double(image.height) - 60 * r - height
        Self.panel(&image, Rect(x: x0, y: y0, width: width, height: height), panel)
        for (i, entry) in entries.enumerated() {
            let cy = y0 + 6 * r + (Double(i) + 0.5) * rowH, sx = x0 + 10 * r
            switch entry.symbol {
            case .swatch(let c):
                var b = PathBuilder()
                b.addRect(Rect(x: sx, y: cy - 6 * r, width: 24 * r, height: 12 * r))
                if let p = b.build() {
                    image.fill(p, paint: Paint(color: c))
                    image.stroke(p, style: StrokeStyle(width: 0.5 * r), paint: Paint(color: ink.withOpacity(0.5)))
                }
            case .line(let c, let w, let dashes):
                var b = PathBuilder()
                b.move(to: sx, cy); b.line(to: sx + 24 * r, cy)
                if let p = b.build() {
                    image.stroke(p, style: StrokeStyle(width: max(0.5, w) * r, dashes: dashes.map { $0 * r }), paint: Paint(color: c))
                }
            case .dot(let c, let radius):
                var b = PathBuilder()
                b.addCircle(center: PathPoint(sx + 12 * r, cy), radius: min(8, max(2, radius)) * r)
                if let p = b.build() { image.fill(p, paint: Paint(color: c)) }
            }
            try? image.drawText(layouts[i], at: PathPoint(sx + 34 * r, cy), color: ink)
        }
    }
}
