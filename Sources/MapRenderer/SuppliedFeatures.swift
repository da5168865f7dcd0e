import GeoCore
import GeoProjection

/// Features the caller hands to one render for the style's analysis sources (`incidents`,
/// `routes`, ...), which MapRenderer cannot read itself: they live in the incident store, a
/// sibling module. Coordinates are lon/lat (WGS 84); each source's features are projected and
/// indexed once, when added.
///
/// Supply, for each source, the features inside `MapRenderer.dataQueryBounds(for:)` of the viewport:
/// that box includes the render's buffer, so markers across a tile edge appear on both tiles.
///
/// A `density` source is supplied as a grid instead (`setRaster`), drawn by `heatmap` layers.
public struct SuppliedFeatures: Sendable {
    var sources: [String: any FeatureSource] = [:]
    var rasters: [String: SuppliedRaster] = [:]
    /// Layers shown or hidden for this render whatever the style's `visibility` says (a viewer's
    /// layer toggles); other layers follow the style.
    var visibility: [String: Bool] = [:]

    /// Nothing supplied: analysis layers draw nothing.
    public init() {}

    /// Sets the features of source `id`, replacing any given before. Features without
    /// geometry or with an empty one are skipped.
    public mutating func set(_ features: [Feature], forSource id: String) {
        sources[id] = PreparedFeatures(features, name: id).source
    }

    /// Sets the features of source `id` from features prepared once (projected and indexed)
    /// and shared by many renders, e.g. the Gi* cells of a data version drawn on every tile.
    public mutating func set(_ prepared: PreparedFeatures, forSource id: String) {
        sources[id] = prepared.source
    }

    /// Sets the density surface of source `id`, replacing any given before.
    public mutating func setRaster(_ raster: SuppliedRaster, forSource id: String) {
        rasters[id] = raster
    }

    /// Shows or hides layer `id` for this render, overriding its `visibility` in the style
    /// (its zoom range still applies).
    public mutating func setVisibility(_ visible: Bool, forLayer id: String) {
        visibility[id] = visible
    }

    /// How many features source `id` was given (0 when none).
    public func count(forSource id: String) -> Int { (sources[id] as? LoadedSource)?.features.count ?? 0 }

    /// Whether a density surface was supplied for source `id`.
    public func hasRaster(forSource id: String) -> Bool { rasters[id] != nil }
}

/// Lon/lat features projected to EPSG:3857 and indexed once, to supply to any number of renders.
public struct PreparedFeatures: Sendable {
    let source: LoadedSource

    /// Projects and indexes `features`; features without geometry or with an empty one are skipped.
    public init(_ features: [Feature], name: String = "supplied") {
        var projected: [ProjectedFeature] = []
        projected.reserveCapacity(features.count)
        for (i, f) in features.enumerated() {
            guard let g = f.geometry,
                  let pf = ProjectedFeature(geometry: g, properties: f.properties, index: i, project: WebMercator.mercator(fromLonLat:))
            else { continue }
            projected.append(pf)
        }
        source = LoadedSource(name: name, features: projected)
    }

    /// How many features were kept.
    public var count: Int { source.features.count }
}
