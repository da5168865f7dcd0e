import Foundation
import GeoCore
import GeoFormats
import IncidentStore
import MapRenderer
import MapStyle

/// Fetches from the incident store what a render's analysis sources draw, as features for
/// `SuppliedFeatures`: for each `incidents` source, the incidents inside the render's data box
/// and time window, narrowed by the source's own `from`/`to` and `filter`.
/// (`density`, `hotspots` and `routes` sources have no analysis module yet and get nothing.)
struct IncidentLayerData: Sendable {
    let store: any IncidentStoring

    /// The supplied features for a render of `renderer` over the lon/lat box `bounds` at `zoom`.
    /// - Throws: the store's errors.
    func features(for renderer: MapRenderer, bounds: BoundingBox, zoom: Double, window: TimeWindow) async throws -> SuppliedFeatures {
        var supplied = SuppliedFeatures()
        for source in renderer.suppliedSources(atZoom: zoom) where source.kind == .incidents {
            let w = window.narrowed(from: source.from, to: source.to)
            let filter = source.filter
            let collected = Locked<[Feature]>([])
            try await store.forEach(matching: IncidentQuery(bbox: bounds, from: w.from, to: w.to)) { incident in
                let feature = Self.feature(incident)
                if let filter, filter.evaluate(EvaluationContext(zoom: zoom, properties: feature.properties)).bool != true { return }
                collected.withLock { $0.append(feature) }
            }
            supplied.set(collected.current, forSource: source.id)
        }
        return supplied
    }

    /// An incident as a GeoJSON-style feature: id, point, and the DESIGN.md fields as
    /// properties (`occurred_at` as ISO 8601 UTC text), then its free properties.
    static func feature(_ i: Incident) -> Feature {
        var p: [String: PropertyValue] = [:]
        for (k, v) in i.properties { p[k] = .string(v) }
        p["id"] = .string(i.id)
        p["occurred_at"] = .string(DateParsing.iso8601(i.occurredAt))
        p["category"] = i.category.map(PropertyValue.string) ?? .null
        p["substance"] = i.substance.map(PropertyValue.string) ?? .null
        p["quantity_kg"] = i.quantityKg.map(PropertyValue.double) ?? .null
        p["agency"] = i.agency.map(PropertyValue.string) ?? .null
        p["border_post"] = i.borderPost.map(PropertyValue.string) ?? .null
        p["source"] = i.source.map(PropertyValue.string) ?? .null
        return Feature(id: .string(i.id), geometry: .point(Point(x: i.lon, y: i.lat)), properties: p)
    }
}
