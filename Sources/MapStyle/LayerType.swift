/// The layer types this renderer draws (a subset of MapLibre's).
public enum LayerType: String, Sendable, Hashable, CaseIterable {
    case background, fill, line, circle, symbol, raster, heatmap

    /// Whether the layer reads features from a source (all but `background`).
    public var needsSource: Bool { self != .background }
}
