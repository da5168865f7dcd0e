import GeoCore

/// What an expression can read: the feature's properties, the zoom and the heatmap density.
public struct EvaluationContext: Sendable {
    /// Feature attributes (`get`, `has`); empty for layer-wide evaluation.
    public var properties: [String: PropertyValue]
    /// Fractional zoom level (Web Mercator, 256 px tiles at zoom 0 covering the world).
    public var zoom: Double
    /// Heatmap density 0...1 (only meaningful for `heatmap-color`).
    public var heatmapDensity: Double

    /// Creates a context; defaults are no properties and density 0.
    public init(zoom: Double, properties: [String: PropertyValue] = [:], heatmapDensity: Double = 0) {
        self.zoom = zoom
        self.properties = properties
        self.heatmapDensity = heatmapDensity
    }

    /// A context for one feature at a zoom.
    public init(feature: Feature, zoom: Double) {
        self.init(zoom: zoom, properties: feature.properties)
    }
}
