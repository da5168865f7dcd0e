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
    /// order: layers of shapefile sources, and of the source kinds in `supplied` (whose data
    /// comes per render; default `incidents`). Fully transparent rows are left out.
    public func legendItems(zoom: Double, supplied: Set<StyleSource.Kind> = [.incidents, .density]) -> [LegendItem] {
        var items: [LegendItem] = []
        var seen = Set<String>()
        for layer in style.layers where layer.isVisible(atZoom: zoom) {
            guard case .string(let label)? = layer.metadata?["legend"], let kind = style.source(for: layer)?.kind,
                  kind == .shapefile || supplied.contains(kind), seen.insert(label).inserted else { continue }
            let (symbol, colorName, opacityName): (LegendItem.Symbol, String, String)
            switch layer.type {
            case .fill: (symbol, colorName, opacityName) = (.swatch, "fill-color", "fill-opacity")
            case .line: (symbol, colorName, opacityName) = (.line, "line-color", "line-opacity")
            case .circle: (symbol, colorName, opacityName) = (.dot, "circle-color", "circle-opacity")
            case .heatmap: (symbol, colorName, opacityName) = (.swatch, "heatmap-color", "heatmap-opacity")
            default: continue
            }
            let colorProperty = layer.property(colorName)
            let opacity = layer.property(opacityName).number(EvaluationContext(zoom: zoom))
            // A heat map row shows the ramp's upper part, where the heat is.
            let density = layer.type == .heatmap ? 0.8 : 0
            func item(_ label: String, _ properties: [String: PropertyValue]) -> LegendItem? {
                guard let c = colorProperty.color(EvaluationContext(zoom: zoom, properties: properties, heatmapDensity: density)) else { return nil }
                let v = c.rgba8
                guard v.alpha > 0, opacity > 0 else { return nil }
                let hex = "#" + [v.red, v.green, v.blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
                return LegendItem(label: label, symbol: symbol, color: hex, opacity: opacity * Double(v.alpha) / 255)
            }
            if case .match(.get(let property), let branches, _) = colorProperty.expression {
                for branch in branches {
                    for value in branch.labels {
                        let entry: (String, PropertyValue)? = switch value {
                        case .string(let s): (s, .string(s))
                        case .number(let n): (n == n.rounded() ? String(Int(n)) : String(n), .double(n))
                        default: nil
                        }
                        if let (text, v) = entry, let row = item("\(label): \(text)", [property: v]) { items.append(row) }
                    }
                }
                if let other = item("\(label): other", [:]) { items.append(other) }
            } else if let row = item(label, [:]) {
                items.append(row)
            }
        }
        return items
    }
}
