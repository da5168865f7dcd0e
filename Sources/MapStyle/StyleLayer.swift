/// One layer of a style: what to draw (type), from which source, at which zooms, which
/// features (filter) and how (paint and layout properties).
public struct StyleLayer: Sendable, Hashable {
    /// Unique layer id.
    public let id: String
    /// Layer type.
    public let type: LayerType
    /// Id of the source in `Style.sources`; nil only for `background` layers.
    public let source: String?
    /// Lowest zoom (inclusive) at which the layer shows; default 0.
    public let minZoom: Double
    /// Zoom (exclusive) from which the layer is hidden; default 24.
    public let maxZoom: Double
    /// Boolean expression selecting features; nil draws all.
    public let filter: StyleExpression?
    /// Properties set in `paint` and `layout`, by name (defaults are not stored here).
    let setProperties: [String: StyleProperty]
    /// `metadata` of the layer, kept as JSON (e.g. legend titles).
    public let metadata: StyleJSON?

    init(id: String, type: LayerType, source: String?, minZoom: Double, maxZoom: Double,
         filter: StyleExpression?, properties: [String: StyleProperty], metadata: StyleJSON?) {
        self.id = id
        self.type = type
        self.source = source
        self.minZoom = minZoom
        self.maxZoom = maxZoom
        self.filter = filter
        self.setProperties = properties
        self.metadata = metadata
    }

    /// The property `name` (paint or layout) as set in the style, else with its spec default.
    /// Names that are not properties of this layer type evaluate to `.null`.
    public func property(_ name: String) -> StyleProperty {
        if let p = setProperties[name] { return p }
        guard let spec = PropertySpec.table[type]?[name] else { return .unknown(name) }
        return StyleProperty(name: name, type: spec.type, expression: nil, defaultValue: spec.defaultValue)
    }

    /// Names of the properties the style sets explicitly, sorted.
    public var setPropertyNames: [String] { setProperties.keys.sorted() }

    /// False when `layout.visibility` is `none`.
    public var isVisible: Bool { property("visibility").expression != .literal(.string("none")) }

    /// Whether the layer draws at `zoom`: visible and `minZoom <= zoom < maxZoom`.
    public func isVisible(atZoom zoom: Double) -> Bool { isVisible && isInZoomRange(zoom) }

    /// Whether `zoom` lies in the layer's `minzoom` ..< `maxzoom`, whatever its visibility.
    public func isInZoomRange(_ zoom: Double) -> Bool { zoom >= minZoom && zoom < maxZoom }

    /// Whether the filter accepts the feature in `context` (null or non-boolean results reject).
    public func accepts(_ context: EvaluationContext) -> Bool {
        guard let filter else { return true }
        return filter.evaluate(context).bool == true
    }
}
