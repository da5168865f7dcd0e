import Foundation
import GeoCore
@testable import MapStyle

/// Decodes a style given as JSON text.
func decodeStyle(_ text: String) throws -> DecodedStyle {
    try Style.decode(Data(text.utf8))
}

/// The error lines (`path: message`) a style produces; empty when it decodes.
func styleErrors(_ text: String) -> [String] {
    do {
        _ = try decodeStyle(text)
        return []
    } catch let error as StyleError {
        return error.diagnostics.map(\.description)
    } catch {
        return ["unexpected error \(error)"]
    }
}

/// A minimal valid style wrapping the given layers JSON and extra sources.
func styleJSON(layers: String, sources: String = "") -> String {
    let extra = sources.isEmpty ? "" : ", " + sources
    return """
    {"version": 8, "name": "t",
     "sources": {"countries": {"type": "shapefile", "path": "../Shapefiles/ca_admin0_countries.shp"}\(extra)},
     "layers": \(layers)}
    """
}

/// Parses one expression JSON text for a property of the given type.
func expression(_ text: String, _ type: StyleValueType = .value) throws -> StyleExpression {
    let json = try StyleJSONParser.parse(Array(text.utf8))
    var parser = ExpressionParser()
    guard let e = parser.parseProperty(json, expecting: type, path: "e"), parser.diagnostics.isEmpty else {
        throw StyleError(parser.diagnostics)
    }
    return e
}

/// Evaluates an expression with properties and zoom.
func evaluate(_ text: String, _ properties: [String: PropertyValue] = [:], zoom: Double = 0,
              density: Double = 0, type: StyleValueType = .value) throws -> StyleValue {
    try expression(text, type).evaluate(EvaluationContext(zoom: zoom, properties: properties, heatmapDensity: density))
}
