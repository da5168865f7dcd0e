import Foundation
import GeoCore

/// TileJSON 3.0.0 for one style (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0):
/// the XYZ tile URL template (with `?v=` the style fingerprint, so clients fetch anew when the
/// style, its data or fonts, or the renderer change) and the style's name, bounds, centre, zoom
/// range and attribution.
enum TileJSON {
    static func document(style: ServedStyle, baseURL: String, attribution: String?) -> String {
        let b = style.bounds
        let centerZoom = min(style.maxZoom, style.minZoom + 4)
        func n(_ v: Double) -> String { String(format: "%.6f", v) }
        var members = [
            "\"tilejson\":\"3.0.0\"",
            "\"name\":\(JSONText.quoted(style.title))",
            "\"description\":\(JSONText.quoted("BorderMap style \(style.name), 256 px PNG tiles (append @2x to the row for 512 px)"))",
            "\"version\":\(JSONText.quoted(style.version))",
            "\"scheme\":\"xyz\"",
            "\"tiles\":[\(JSONText.quoted("\(baseURL)/tiles/\(style.name)/{z}/{x}/{y}.png?v=\(style.version)"))]",
            "\"minzoom\":\(style.minZoom)",
            "\"maxzoom\":\(style.maxZoom)",
            "\"bounds\":[\(n(b.minX)),\(n(b.minY)),\(n(b.maxX)),\(n(b.maxY))]",
            "\"center\":[\(n((b.minX + b.maxX) / 2)),\(n((b.minY + b.maxY) / 2)),\(centerZoom)]",
        ]
        if let attribution { members.append("\"attribution\":\(JSONText.quoted(attribution))") }
        return "{" + members.joined(separator: ",") + "}\n"
    }
}
