import Foundation
import GeoCore
import GeoProjection
import MapStyle
import Rasterizer

extension MapRenderer {
    /// A report map: the map of `viewport` with title, legend, scale bar, north arrow and
    /// attribution as `options` asks. Sizes are CSS pixels times the viewport's pixel ratio.
    /// Labels are placed around the furniture, never under it.
    /// - Throws: `RenderError` when the map cannot be drawn or the furniture's font is missing.
    public func renderStaticMap(_ viewport: Viewport, options: StaticMapOptions, supplied: SuppliedFeatures = .init()) throws -> Pixmap {
        let stacks: (regular: FontStack, bold: FontStack)
        do {
            stacks = (try fonts.fontStack(["DejaVu Sans Book"]), try fonts.fontStack(["DejaVu Sans Bold"]))
        } catch {
            throw RenderError("static map furniture: \(error)")
        }
        let legend = options.legend ? legendEntries(zoom: viewport.zoom, supplied: supplied) : []
        let plan = FurniturePlan(viewport: viewport, options: options, legend: legend, regular: stacks.regular, bold: stacks.bold)
        var image = try renderMap(viewport, keepClear: plan.panels, supplied: supplied)
        plan.draw(on: &image)
        return image
    }

    /// The legend rows of the layers visible at `zoom` whose source has data (a shapefile read,
    /// supplied features or a supplied surface: an empty journeys file or time window adds no
    /// row), in style order (`legendRows`).
    func legendEntries(zoom: Double, supplied: SuppliedFeatures = .init()) -> [LegendEntry] {
        legendRows(zoom: zoom, visibility: supplied.visibility) { source in
            sources[source] != nil || supplied.count(forSource: source) > 0 || supplied.hasRaster(forSource: source)
        }
    }
}

/// Where each piece of map furniture goes (device pixels), worked out before the map is drawn
/// so labels can keep clear of it, then drawn on top.
struct FurniturePlan {
    static let ink = Color(r: 25, g: 30, b: 38)
    static let panelColor = Color(r: 255, g: 255, b: 255, a: 225)

    let r: Double
    let width: Double
    let height: Double
    var title: (layout: TextLayout, panel: Rect)?
    var northArrow: Rect?
    var scaleBar: (x: Double, y: Double, length: Double, label: String, panel: Rect)?
    var attribution: (layout: TextLayout, panel: Rect)?
    /// Legend rows: an entry with its label, or a group's heading (no entry).
    var legend: (rows: [(LegendEntry?, TextLayout)], panel: Rect)?
    /// How far rows of a group are indented under its heading (CSS px).
    static let indent = 14.0
    let regular: FontStack
    let bold: FontStack

    init(viewport: Viewport, options: StaticMapOptions, legend entries: [LegendEntry], regular: FontStack, bold: FontStack) {
        r = viewport.pixelRatio
        width = Double(viewport.width)
        height = Double(viewport.height)
        self.regular = regular
        self.bold = bold
        if let text = options.title, !text.isEmpty,
           let layout = try? TextLayout(text, style: TextStyle(font: bold, size: 22, color: Self.ink, anchor: .topLeft, justify: .left), scale: r) {
            title = (layout, Rect(x: 12 * r, y: 12 * r, width: layout.bounds.width + 24 * r, height: layout.bounds.height + 16 * r))
        }
        if options.northArrow {
            northArrow = Rect(x: width - 46 * r, y: 12 * r, width: 32 * r, height: 56 * r)
        }
        if options.scaleBar, let bar = Self.scaleBarLength(viewport) {
            let x0 = 16 * r, y0 = height - 30 * r
            scaleBar = (x0, y0, bar.pixels, bar.label, Rect(x: x0 - 8 * r, y: y0 - 20 * r, width: bar.pixels + 56 * r, height: 38 * r))
        }
        if let credit = options.attribution,
           let layout = try? TextLayout(credit, style: TextStyle(font: regular, size: 10, color: Self.ink, anchor: .bottomRight, justify: .right), scale: r) {
            attribution = (layout, Rect(minX: width - layout.bounds.width - 12 * r, minY: height - layout.bounds.height - 8 * r,
                                        maxX: width, maxY: height))
        }
        let rowStyle = TextStyle(font: regular, size: 12, color: Self.ink, anchor: .left, justify: .left)
        // Rows of matched values follow a heading row with their group's label, indented.
        var lines: [(LegendEntry?, String)] = []
        for (i, e) in entries.enumerated() {
            if let group = e.group, i == 0 || entries[i - 1].group != group { lines.append((nil, group)) }
            lines.append((e, e.label))
        }
        let rows = lines.compactMap { e, text in (try? TextLayout(text, style: rowStyle, scale: r)).map { (e, $0) } }
        if !rows.isEmpty, rows.count == lines.count {
            let panelHeight = Double(rows.count) * 20 * r + 12 * r
            let panelWidth = rows.map { ($0.0?.group == nil ? 0 : Self.indent * r) + $0.1.bounds.width }.max().map { $0 + 56 * r } ?? 0
            legend = (rows, Rect(x: 12 * r, y: height - 60 * r - panelHeight, width: panelWidth, height: panelHeight))
        }
    }

    /// Every panel, for label placement to avoid.
    var panels: [Rect] {
        [title?.panel, northArrow, scaleBar?.panel, attribution?.panel, legend?.panel].compactMap { $0 }
    }

    /// A bar of 1, 2 or 5 × 10ⁿ km at most a quarter of the image wide, measured geodesically
    /// along the parallel through the map centre.
    static func scaleBarLength(_ viewport: Viewport) -> (pixels: Double, label: String)? {
        let centre = WebMercator.lonLat(fromMercator: viewport.bounds.center)
        let east = WebMercator.lonLat(fromMercator: Coordinate(viewport.bounds.center.x + viewport.bounds.width / 4,
                                                               viewport.bounds.center.y))
        guard let metres = try? Geodesic.distance(from: centre, to: east), metres > 0 else { return nil }
        let maxKm = metres / 1000
        let magnitude = pow(10, log10(maxKm).rounded(.down))
        let km = [5.0, 2, 1].map { $0 * magnitude }.first { $0 <= maxKm } ?? magnitude
        let label = km >= 1 ? "\(Int(km)) km" : "\(Int((km * 1000).rounded())) m"
        return (km * 1000 * Double(viewport.width) / 4 / metres, label)
    }

    func draw(on image: inout Pixmap) {
        for panel in panels { Self.fill(&image, panel, Self.panelColor) }
        if let title { try? image.drawText(title.layout, at: PathPoint(title.panel.minX + 12 * r, title.panel.minY + 8 * r), color: Self.ink) }
        if let northArrow { drawNorthArrow(&image, northArrow) }
        if let bar = scaleBar { drawScaleBar(&image, bar.x, bar.y, bar.length, bar.label) }
        if let attribution { try? image.drawText(attribution.layout, at: PathPoint(width - 6 * r, height - 4 * r), color: Self.ink) }
        if let legend { drawLegend(&image, legend.rows, legend.panel) }
    }

    static func fill(_ image: inout Pixmap, _ rect: Rect, _ color: Color) {
        var b = PathBuilder()
        b.addRect(rect)
        if let p = b.build() { image.fill(p, paint: Paint(color: color)) }
    }

    /// An arrow with an "N"; Web Mercator maps have north straight up.
    private func drawNorthArrow(_ image: inout Pixmap, _ panel: Rect) {
        let cx = panel.minX + panel.width / 2, top = panel.minY + 4 * r
        var left = PathBuilder(), right = PathBuilder()
        left.move(to: cx, top + 18 * r); left.line(to: cx - 9 * r, top + 48 * r); left.line(to: cx, top + 40 * r); left.close()
        right.move(to: cx, top + 18 * r); right.line(to: cx + 9 * r, top + 48 * r); right.line(to: cx, top + 40 * r); right.close()
        if let l = left.build() { image.fill(l, paint: Paint(color: Self.ink)) }
        if let rp = right.build() {
            image.fill(rp, paint: Paint(color: .white))
            image.stroke(rp, style: StrokeStyle(width: r, join: .round), paint: Paint(color: Self.ink))
        }
        try? image.drawText("N", at: PathPoint(cx, top), style: TextStyle(font: bold, size: 13, color: Self.ink, anchor: .top), scale: r)
    }

    /// Alternating black and white halves with "0" and the length above the ends.
    private func drawScaleBar(_ image: inout Pixmap, _ x0: Double, _ y0: Double, _ length: Double, _ label: String) {
        let barHeight = 6 * r
        for half in 0..<2 {
            Self.fill(&image, Rect(x: x0 + Double(half) * length / 2, y: y0, width: length / 2, height: barHeight),
                      half == 0 ? Self.ink : .white)
        }
        var frame = PathBuilder()
        frame.addRect(Rect(x: x0, y: y0, width: length, height: barHeight))
        if let p = frame.build() { image.stroke(p, style: StrokeStyle(width: r), paint: Paint(color: Self.ink)) }
        let style = TextStyle(font: regular, size: 11, color: Self.ink, anchor: .bottomLeft, justify: .left)
        try? image.drawText("0", at: PathPoint(x0 - 2 * r, y0 - 3 * r), style: style, scale: r)
        try? image.drawText(label, at: PathPoint(x0 + length - 8 * r, y0 - 3 * r), style: style, scale: r)
    }

    /// Rows of symbol and label.
    private func drawLegend(_ image: inout Pixmap, _ rows: [(LegendEntry?, TextLayout)], _ panel: Rect) {
        for (i, (row, layout)) in rows.enumerated() {
            let cy = panel.minY + 6 * r + (Double(i) + 0.5) * 20 * r
            guard let entry = row else {
                try? image.drawText(layout, at: PathPoint(panel.minX + 10 * r, cy), color: Self.ink)
                continue
            }
            let sx = panel.minX + (entry.group == nil ? 10 : 10 + Self.indent) * r
            switch entry.symbol {
            case .swatch(let c):
                var b = PathBuilder()
                b.addRect(Rect(x: sx, y: cy - 6 * r, width: 24 * r, height: 12 * r))
                if let p = b.build() {
                    image.fill(p, paint: Paint(color: c))
                    image.stroke(p, style: StrokeStyle(width: 0.5 * r), paint: Paint(color: Self.ink.withOpacity(0.5)))
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
            try? image.drawText(layout, at: PathPoint(sx + 34 * r, cy), color: Self.ink)
        }
    }
}
