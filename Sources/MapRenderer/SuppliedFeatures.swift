import GeoCore
import GeoProjection

/// Features the caller hands to one render for the style's analysis sources (`incidents`,
/// `routes`, ...), which MapRenderer cannot read itself: they live in the incident store, a
/// sibling module. Coordinates are lon/lat (WGS 84); each source's features are projected and
/// indexed once, when added.
///
/// Supply, for each source, the features inside `MapRenderer.dataQueryBounds(for:)` of the viewport:
/// that box includes the render's buffer, so markers across a tile edge appear on both tiles.
public struct SuppliedFeatures: Sendable {
    var sources: [String: LoadedSource] = [:]

    /// Nothing supplied: analysis layers draw nothing.
    public init() {}

    /// Sets the features of source `id`, replacing any given before. Features without
    /// geometry or with an empty one are skipped.
    public mutating func set(_ features: [Feature], forSource id: String) {
        var projected: [ProjectedFeature] = []
        projected.reserveCapacity(features.count)
        for (i, f) in features.enumerated() {
            guard let g = f.geometry,
                  let pf = ProjectedFeature(geometry: g, properties: f.properties, index: i, project: WebMercator.mercator(fromLonLat:))
            else { continue }
            projected.append(pf)
        }
        sources[id] = LoadedSource(name: id, features: projected)
    }

    /// How many features source `id` was given (0 when none).
    public func count(forSource id: String) -> Int { sources[id]?.features.count ?? 0 }
}
