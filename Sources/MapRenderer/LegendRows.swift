import GeoCore
import MapStyle
import Rasterizer

/// A row of a legend: the label and the symbol as the layer draws it (colour with the layer's
/// opacity applied). The static-map legend draws these rows; the web legend (`LegendItem`) is
/// the same rows as CSS values.
struct LegendEntry: Sendable {
    enum Symbol: Sendable {
        case swatch(Color)
        case line(Color, width: Double, dashes: [Double])
        case dot(Color, radius: Double)
    }
    /// The row's text: the layer's `metadata.legend`, or for a row of a matched value the value's text.
    let label: String
    let symbol: Symbol
    /// For a row of a matched value: the layer's `metadata.legend`, under which the value rows
    /// are grouped; nil for a plain row.
    var group: String? = nil

    /// The label with its group (`Incidents by category: seizure`).
    var fullLabel: String { group.map { "\($0): \(label)" } ?? label }
}

extension MapRenderer {
    /// The legend rows of the layers shown at `zoom` (their zoom range and `visibility`, with
    /// per-render overrides in `visibility`) that carry `metadata.legend` and whose source id
    /// `includes` accepts, in style order; a label used by several layers gives one row.
    ///
    /// A colour that `match`es a property (incidents by category, hot spot cells by Gi_Bin)
    /// gives one row per matched value, grouped under the layer's label and labelled with the
    /// value, or with its text in the layer's `metadata.legend-values` (`{"3": "Hot spot, 99 %
    /// confidence"}`), then `other` for the match's fallback; fully transparent rows are left out. A heat map row shows the ramp's
    /// upper part (heatmap-density 0.8), where the heat is.
    func legendRows(zoom: Double, visibility: [String: Bool] = [:], includes: (String) -> Bool) -> [LegendEntry] {
        var seen = Set<String>(), rows: [LegendEntry] = []
        for layer in style.layers where Self.shows(layer, atZoom: zoom, visibility) {
            guard case .string(let label)? = layer.metadata?["legend"], let source = layer.source, !seen.contains(label),
                  includes(source) else { continue }
            let layerRows = legendRows(of: layer, label: label, zoom: zoom)
            if !layerRows.isEmpty { seen.insert(label) }
            rows += layerRows
        }
        return rows
    }

    /// The rows of one layer (see `legendRows(zoom:visibility:includes:)`).
    func legendRows(of layer: StyleLayer, label: String, zoom: Double) -> [LegendEntry] {
        let colorName: String
        switch layer.type {
        case .fill: colorName = "fill-color"
        case .line: colorName = "line-color"
        case .circle: colorName = "circle-color"
        case .heatmap: colorName = "heatmap-color"
        default: return []
        }
        func row(_ text: String, _ properties: [String: PropertyValue]) -> LegendEntry? {
            let e = EvaluationContext(zoom: zoom, properties: properties, heatmapDensity: layer.type == .heatmap ? 0.8 : 0)
            func color(_ opacityName: String) -> Color? {
                StyleBridge.color(layer.property(colorName).color(e), opacity: layer.property(opacityName).number(e))
            }
            switch layer.type {
            case .fill: return color("fill-opacity").map { .init(label: text, symbol: .swatch($0)) }
            case .heatmap: return color("heatmap-opacity").map { .init(label: text, symbol: .swatch($0)) }
            case .line:
                let w = layer.property("line-width").number(e)
                let dashes = (layer.property("line-dasharray").numbers(e) ?? []).map { $0 * w }
                return color("line-opacity").map { .init(label: text, symbol: .line($0, width: w, dashes: dashes)) }
            case .circle:
                return color("circle-opacity").map { .init(label: text, symbol: .dot($0, radius: layer.property("circle-radius").number(e))) }
            default: return nil
            }
        }
        guard case .match(.get(let property), let branches, _) = layer.property(colorName).expression else {
            return row(label, [:]).map { [$0] } ?? []
        }
        var named: [String: String] = [:]
        if case .object(let members)? = layer.metadata?["legend-values"] {
            for (key, value) in members { if case .string(let text) = value { named[key] = text } }
        }
        var rows: [LegendEntry] = []
        for value in branches.flatMap(\.labels) {
            let entry: (String, PropertyValue)? = switch value {
            case .string(let s): (s, .string(s))
            case .number(let n): (n == n.rounded() ? String(Int(n)) : String(n), .double(n))
            default: nil
            }
            if let (key, v) = entry, var r = row(named[key] ?? key, [property: v]) {
                r.group = label
                rows.append(r)
            }
        }
        if var other = row(named["other"] ?? "other", [:]) {
            other.group = label
            rows.append(other)
        }
        return rows
    }
}
