/// The paint and layout properties this renderer understands, per layer type, with their
/// types and MapLibre style-spec defaults.
///
/// Markers: `icon-*` properties are not supported (there are no sprites); draw simple point
/// markers with a `circle` layer and the label with a `symbol` layer.
struct PropertySpec: Sendable {
    var name: String
    var type: StyleValueType
    /// MapLibre default; `.null` where the spec has none (the renderer then skips the feature
    /// or uses a derived value, e.g. `fill-outline-color` falls back to `fill-color`).
    var defaultValue: StyleValue
    var isLayout: Bool

    static func paint(_ name: String, _ type: StyleValueType, _ value: StyleValue) -> PropertySpec {
        PropertySpec(name: name, type: type, defaultValue: value, isLayout: false)
    }

    static func layout(_ name: String, _ type: StyleValueType, _ value: StyleValue) -> PropertySpec {
        PropertySpec(name: name, type: type, defaultValue: value, isLayout: true)
    }

    static let black = StyleValue.color(.black)

    /// MapLibre's default `heatmap-color` ramp (evaluated at `heatmap-density`).
    static let defaultHeatmapColor: StyleExpression = {
        let stops: [(Double, StyleColor)] = [
            (0, StyleColor(red: 0, green: 0, blue: 1, alpha: 0)), (0.1, StyleColor(red8: 65, green8: 105, blue8: 225)),
            (0.3, StyleColor(red8: 0, green8: 255, blue8: 255)), (0.5, StyleColor(red8: 0, green8: 255, blue8: 0)),
            (0.7, StyleColor(red8: 255, green8: 255, blue8: 0)), (1, StyleColor(red8: 255, green8: 0, blue8: 0)),
        ]
        return .interpolate(kind: .linear, input: .heatmapDensity,
                            stops: stops.map { .init(input: $0.0, output: .literal(.color($0.1))) })
    }()

    static let visibility = layout("visibility", .enumeration(["visible", "none"]), .string("visible"))

    /// All known properties of each layer type, keyed by name.
    static let table: [LayerType: [String: PropertySpec]] = {
        let anchors = ["center", "left", "right", "top", "bottom", "top-left", "top-right", "bottom-left", "bottom-right"]
        let zero2 = StyleValue.array([.number(0), .number(0)])
        let specs: [LayerType: [PropertySpec]] = [
            .background: [
                paint("background-color", .color, black), paint("background-opacity", .number, .number(1)),
            ],
            .fill: [
                paint("fill-color", .color, black), paint("fill-opacity", .number, .number(1)),
                paint("fill-outline-color", .color, .null), paint("fill-antialias", .boolean, .bool(true)),
                paint("fill-translate", .numberArray, zero2), layout("fill-sort-key", .number, .null),
            ],
            .line: [
                paint("line-color", .color, black), paint("line-width", .number, .number(1)),
                paint("line-opacity", .number, .number(1)), paint("line-dasharray", .numberArray, .null),
                paint("line-offset", .number, .number(0)), paint("line-gap-width", .number, .number(0)),
                paint("line-blur", .number, .number(0)), paint("line-translate", .numberArray, zero2),
                layout("line-cap", .enumeration(["butt", "round", "square"]), .string("butt")),
                layout("line-join", .enumeration(["bevel", "round", "miter"]), .string("miter")),
                layout("line-miter-limit", .number, .number(2)), layout("line-round-limit", .number, .number(1.05)),
                layout("line-sort-key", .number, .null),
            ],
            .circle: [
                paint("circle-radius", .number, .number(5)), paint("circle-color", .color, black),
                paint("circle-opacity", .number, .number(1)), paint("circle-blur", .number, .number(0)),
                paint("circle-stroke-color", .color, black), paint("circle-stroke-width", .number, .number(0)),
                paint("circle-stroke-opacity", .number, .number(1)), paint("circle-translate", .numberArray, zero2),
                layout("circle-sort-key", .number, .null),
            ],
            .symbol: [
                layout("text-field", .string, .string("")),
                layout("text-font", .stringArray, .array([.string("Open Sans Regular"), .string("Arial Unicode MS Regular")])),
                layout("text-size", .number, .number(16)), layout("text-anchor", .enumeration(anchors), .string("center")),
                layout("text-offset", .numberArray, zero2), layout("text-max-width", .number, .number(10)),
                layout("text-variable-anchor", .stringArray, .null), layout("text-radial-offset", .number, .number(0)),
                layout("text-letter-spacing", .number, .number(0)), layout("text-line-height", .number, .number(1.2)),
                layout("text-justify", .enumeration(["auto", "left", "center", "right"]), .string("center")),
                layout("text-transform", .enumeration(["none", "uppercase", "lowercase"]), .string("none")),
                layout("text-allow-overlap", .boolean, .bool(false)), layout("text-ignore-placement", .boolean, .bool(false)),
                layout("text-optional", .boolean, .bool(false)), layout("text-padding", .number, .number(2)),
                layout("symbol-sort-key", .number, .null),
                layout("symbol-placement", .enumeration(["point", "line", "line-center"]), .string("point")),
                paint("text-color", .color, black), paint("text-opacity", .number, .number(1)),
                paint("text-halo-color", .color, .color(.transparent)), paint("text-halo-width", .number, .number(0)),
                paint("text-halo-blur", .number, .number(0)),
            ],
            .raster: [
                paint("raster-opacity", .number, .number(1)),
                paint("raster-resampling", .enumeration(["linear", "nearest"]), .string("linear")),
            ],
            .heatmap: [
                paint("heatmap-radius", .number, .number(30)), paint("heatmap-weight", .number, .number(1)),
                paint("heatmap-intensity", .number, .number(1)), paint("heatmap-opacity", .number, .number(1)),
                paint("heatmap-color", .color, .null),
            ],
        ]
        return specs.mapValues { list in
            Dictionary(uniqueKeysWithValues: (list + [visibility]).map { ($0.name, $0) })
        }
    }()
}
