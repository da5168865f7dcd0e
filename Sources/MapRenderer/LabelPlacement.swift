import Foundation
import GeoCore
import GeoProjection
import MapStyle
import Rasterizer

/// A label that won its place: the text, how it is drawn, and where, in world CSS pixels at
/// the placement zoom (x east and y south from the north-west corner of the Web Mercator world).
struct PlacedLabel: Sendable {
    let layerID: String
    let text: String
    let style: TextStyle
    /// The text anchor point (after `text-offset`), world CSS px.
    let x: Double
    let y: Double
    /// The collision box (text bounds plus `text-padding`), world CSS px.
    let box: Rect
}

/// Collision-free label placement for `symbol` layers.
///
/// Tiles: labels are placed once per integer zoom over the whole of each source, in world
/// pixel coordinates, and cached (`LabelCache`); every tile then draws the placed labels that
/// touch it. Neighbouring tiles therefore agree exactly — a label crossing a tile edge is drawn
/// by both, whole — with no metatiles and no label buffer. Static maps place labels over their
/// own extent, dropping labels that would cross the frame.
///
/// Order: symbol layers in style order; within a layer by `symbol-sort-key` (lower first), then
/// source order. A label is placed when its box meets no earlier box (`text-allow-overlap`
/// skips the test). All in deterministic order, so the same data gives the same placement.
enum LabelPlacement {
    /// World size in CSS px at `zoom`.
    static func worldSize(_ zoom: Double) -> Double { 256 * pow(2, zoom) }

    /// The world CSS-pixel position at `zoom` of a point in EPSG:3857 metres.
    static func worldPixel(_ x: Double, _ y: Double, zoom: Double) -> (x: Double, y: Double) {
        let world = worldSize(zoom), shift = WebMercator.originShift
        return ((x + shift) / (2 * shift) * world, (shift - y) / (2 * shift) * world)
    }

    /// Places the labels of every visible symbol layer at `zoom`. `candidates` gives the
    /// features of a layer's source to consider; `frame`, when set, is the box (world px) every
    /// label must lie inside (static maps); no label may touch an `obstacle` (world px).
    static func place(style: Style, zoom: Double, fonts: FontLibrary, frame: Rect?, obstacles: [Rect] = [],
                      candidates: (StyleLayer) -> [ProjectedFeature]) -> [PlacedLabel] {
        var grid = CollisionGrid(cell: 128)
        for box in obstacles { grid.insert(box) }
        var placed: [PlacedLabel] = []
        for layer in style.layers where layer.type == .symbol && layer.isVisible(atZoom: zoom) {
            let p = SymbolProperties(layer)
            var items: [(key: Double, order: Int, feature: ProjectedFeature, text: String)] = []
            for f in candidates(layer) {
                let e = EvaluationContext(zoom: zoom, properties: f.properties)
                guard layer.accepts(e) else { continue }
                var text = p.field.string(e).trimmingCharacters(in: .whitespacesAndNewlines)
                switch p.transform.string(e) {
                case "uppercase": text = text.uppercased()
                case "lowercase": text = text.lowercased()
                default: break
                }
                guard !text.isEmpty else { continue }
                let key = p.sortKey.isSet ? p.sortKey.number(e) : 0
                items.append((key, f.index, f, text))
            }
            items.sort { ($0.key, $0.order) < ($1.key, $1.order) }
            for item in items {
                let e = EvaluationContext(zoom: zoom, properties: item.feature.properties)
                guard let base = p.textStyle(e, fonts: fonts), let point = labelPoint(item.feature) else { continue }
                let (px, py) = worldPixel(point.x, point.y, zoom: zoom)
                let pad = p.padding.number(e)
                let overlap = p.allowOverlap.bool(e)
                // With `text-variable-anchor`, the first anchor whose box is free wins (Mapnik's
                // `placements`); otherwise the one `text-anchor` with `text-offset`.
                for (anchor, dx, dy) in p.anchorCandidates(e, base: base) {
                    var style = base
                    style.anchor = anchor
                    guard let layout = try? TextLayout(item.text, style: style) else { break }
                    let x = px + dx * style.size, y = py + dy * style.size
                    let b = layout.bounds
                    let box = Rect(minX: x + b.minX - pad, minY: y + b.minY - pad, maxX: x + b.maxX + pad, maxY: y + b.maxY + pad)
                    if let frame, !(box.minX >= frame.minX && box.maxX <= frame.maxX && box.minY >= frame.minY && box.maxY <= frame.maxY) {
                        continue
                    }
                    if !overlap && grid.collides(box) { continue }
                    grid.insert(box)
                    placed.append(PlacedLabel(layerID: layer.id, text: item.text, style: style, x: x, y: y, box: box))
                    break
                }
            }
        }
        return placed
    }

    /// Where a feature's label goes (metres): the point; the middle vertex of a line's longest
    /// part; the centroid of an area's largest ring when it lies inside that ring, else the
    /// ring's middle vertex.
    static func labelPoint(_ f: ProjectedFeature) -> (x: Double, y: Double)? {
        guard let part = f.parts.max(by: { $0.count < $1.count }), part.count >= 2 else { return nil }
        switch f.kind {
        case .point:
            return (part[0], part[1])
        case .line:
            let mid = (part.count / 2) / 2 * 2
            return (part[mid], part[mid + 1])
        case .area:
            let ring = LinearRing(stride(from: 0, to: part.count - 1, by: 2).map { Coordinate(part[$0], part[$0 + 1]) })
            var cx = 0.0, cy = 0.0, a2 = 0.0
            let c = ring.coordinates
            for i in 0..<(c.count - 1) {
                let cross = c[i].x * c[i + 1].y - c[i + 1].x * c[i].y
                a2 += cross
                cx += (c[i].x + c[i + 1].x) * cross
                cy += (c[i].y + c[i + 1].y) * cross
            }
            if a2 != 0 {
                let centroid = Coordinate(cx / (3 * a2), cy / (3 * a2))
                if ring.contains(centroid) { return (centroid.x, centroid.y) }
            }
            let mid = (part.count / 2) / 2 * 2
            return (part[mid], part[mid + 1])
        }
    }
}

/// The text properties of a symbol layer, looked up once per layer.
struct SymbolProperties {
    let field, font, size, color, haloColor, haloWidth, anchor, offset, maxWidth, letterSpacing: StyleProperty
    let padding, sortKey, allowOverlap, transform, variableAnchor, radialOffset: StyleProperty

    init(_ layer: StyleLayer) {
        field = layer.property("text-field")
        font = layer.property("text-font")
        size = layer.property("text-size")
        color = layer.property("text-color")
        haloColor = layer.property("text-halo-color")
        haloWidth = layer.property("text-halo-width")
        anchor = layer.property("text-anchor")
        offset = layer.property("text-offset")
        maxWidth = layer.property("text-max-width")
        letterSpacing = layer.property("text-letter-spacing")
        padding = layer.property("text-padding")
        sortKey = layer.property("symbol-sort-key")
        allowOverlap = layer.property("text-allow-overlap")
        transform = layer.property("text-transform")
        variableAnchor = layer.property("text-variable-anchor")
        radialOffset = layer.property("text-radial-offset")
    }

    /// The anchors to try, each with its offset in ems (x right, y down). `text-variable-anchor`
    /// with `text-radial-offset` r: the text moves r ems away from the point on the side the
    /// anchor faces (r/√2 on both axes for corners), as MapLibre places it.
    func anchorCandidates(_ e: EvaluationContext, base: TextStyle) -> [(TextAnchor, Double, Double)] {
        guard let names = variableAnchor.strings(e), !names.isEmpty else {
            let o = offset.numbers(e) ?? [0, 0]
            return [(base.anchor, o.first ?? 0, o.count > 1 ? o[1] : 0)]
        }
        let r = radialOffset.number(e), d = r / 2.squareRoot()
        return names.compactMap { name -> (TextAnchor, Double, Double)? in
            guard let a = TextAnchor(rawValue: name) else { return nil }
            switch a {
            case .left: return (a, r, 0)
            case .right: return (a, -r, 0)
            case .top: return (a, 0, r)
            case .bottom: return (a, 0, -r)
            case .topLeft: return (a, d, d)
            case .topRight: return (a, -d, d)
            case .bottomLeft: return (a, d, -d)
            case .bottomRight: return (a, -d, -d)
            case .center, .baselineLeft: return (a, 0, 0)
            }
        }
    }

    /// The rasteriser's text style for a feature; nil when its fonts cannot be found.
    func textStyle(_ e: EvaluationContext, fonts: FontLibrary) -> TextStyle? {
        let names = font.strings(e) ?? ["DejaVu Sans Book"]
        guard let stack = try? fonts.fontStack(names) else { return nil }
        let haloW = haloWidth.number(e)
        let halo = haloW > 0 ? StyleBridge.color(haloColor.color(e)).map { TextHalo(color: $0, width: haloW) } : nil
        let mw = maxWidth.number(e)
        return TextStyle(font: stack, size: max(1, size.number(e)), color: StyleBridge.color(color.color(e)) ?? .black,
                         halo: halo, letterSpacing: letterSpacing.number(e), maxWidth: mw > 0 ? mw : nil,
                         anchor: StyleBridge.anchor(anchor.string(e)))
    }
}

/// A uniform grid of placed boxes for collision tests.
struct CollisionGrid {
    let cell: Double
    private var cells: [Int64: [Rect]] = [:]

    init(cell: Double) { self.cell = cell }

    private func keys(_ r: Rect) -> [Int64] {
        let x0 = Int64((r.minX / cell).rounded(.down)), x1 = Int64((r.maxX / cell).rounded(.down))
        let y0 = Int64((r.minY / cell).rounded(.down)), y1 = Int64((r.maxY / cell).rounded(.down))
        var out: [Int64] = []
        for y in y0...y1 { for x in x0...x1 { out.append(y &* 2_000_003 &+ x) } }
        return out
    }

    func collides(_ r: Rect) -> Bool {
        for k in keys(r) {
            for other in cells[k] ?? [] where other.minX < r.maxX && r.minX < other.maxX && other.minY < r.maxY && r.minY < other.maxY {
                return true
            }
        }
        return false
    }

    mutating func insert(_ r: Rect) {
        for k in keys(r) { cells[k, default: []].append(r) }
    }
}
