import GeoCore
import MapStyle
import Rasterizer

/// One row of a style's legend for a web page (the static-map legend in plain values): what
/// the symbol is, its colour as CSS hex, and the label (`metadata.legend` of the layer; for a
/// colour that `match`es a property, one row per matched value, labelled with it).
public struct LegendItem: Sendable, Hashable {
    public enum Symbol: String, Sendable, Hashable { case swatch, line, dot }

    public let label: String
    public let symbol: Symbol
    /// `#rrggbb`.
    public let color: String
    /// 0...1.
    public let opacity: Double
}

extension MapRenderer {
    /// The legend rows of the layers visible at `zoom` that carry `metadata.legend`, in style
    /// order (`legendRows`: one row per matched value of a `match`ed colour): layers of
    /// shapefile sources, and of the source kinds in `supplied` (whose data comes per render;
    /// default `incidents` and `density`). Fully transparent rows are left out.
    public func legendItems(zoom: Double, supplied: Set<StyleSource.Kind> = [.incidents, .density]) -> [LegendItem] {
        legendRows(zoom: zoom) { id in
            guard let kind = style.sources[id]?.kind else { return false }
            return kind == .shapefile || supplied.contains(kind)
        }.map(LegendItem.init)
    }
}

extension LegendItem {
    /// A legend row as CSS values: the colour as `#rrggbb` and its alpha as the opacity.
    init(_ row: LegendEntry) {
        let color: Color
        switch row.symbol {
        case .swatch(let c): (symbol, color) = (.swatch, c)
        case .line(let c, _, _): (symbol, color) = (.line, c)
        case .dot(let c, _): (symbol, color) = (.dot, c)
        }
        label = row.fullLabel
        self.color = "#" + [color.r, color.g, color.b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        opacity = Double(color.a) / 255
    }
}
