import GeoCore

/// What every style source gives the renderer, whatever it reads (Mapnik's `datasource`): the
/// features whose bounds meet a box in EPSG:3857 metres, simplified for a zoom, in source order.
/// Shapefiles (`LoadedSource`, read once by the renderer) and the analysis sources the caller
/// supplies per render (`SuppliedFeatures`: incidents, hot spot cells, routes) answer the same
/// call; a source's own `filter` is applied by the renderer where the features are drawn.
/// Density surfaces are grids, not features: they arrive as `SuppliedRaster`.
protocol FeatureSource: Sendable {
    /// Features whose bounds meet `box` (EPSG:3857), prepared for drawing at `zoom`.
    func features(in box: BoundingBox, zoom: Double) -> [ProjectedFeature]
}

extension LoadedSource: FeatureSource {}
