import Foundation
import GeoCore
import IncidentStore
import MapRenderer
import MapStyle
import TileCache

/// The clusters that `incidents` sources with `"cluster": true` draw at zooms up to their
/// `clusterMaxZoom` (`GridClusters`): built from the store once per source, style fields, data
/// version and time window, every zoom at once, and kept (a few, least recently used first out),
/// so a tile's work does not grow with the store: it draws the prepared clusters near it.
final class IncidentClusters: Sendable {
    struct Key: Hashable, Sendable {
        let source: StyleSource
        /// The fields the style reads from the source (nil: all), kept on single incidents.
        let fields: Set<String>?
        let dataVersion: Int64
        let window: TimeWindow
    }

    private let store: any IncidentStoring
    private let table = Locked(LRUList<Key, [PreparedFeatures]>())
    private let flights = SingleFlight<Key, [PreparedFeatures]>()
    static let capacity = 6

    init(store: any IncidentStoring) { self.store = store }

    /// The prepared features of `source` at `zoom` (≤ its `clusterMaxZoom`).
    /// - Throws: the store's errors.
    func features(for source: StyleSource, options: ClusterOptions, fields: Set<String>?, zoom: Int, window: TimeWindow,
                  dataVersion: Int64) async throws -> PreparedFeatures {
        let key = Key(source: source, fields: fields, dataVersion: dataVersion, window: window.narrowed(from: source.from, to: source.to))
        let levels: [PreparedFeatures]
        if let hit = table.withLock({ $0.get(key) }) {
            levels = hit
        } else {
            (levels, _) = try await flights.value(for: key) { [store, table] in
                let members = try await Self.members(store, key)
                let built: [PreparedFeatures] = try await RenderPool.offload {
                    GridClusters(members, radius: options.radius, maxZoom: options.maxZoom).levels
                        .map { PreparedFeatures($0, name: key.source.id) }
                }
                table.withLock { $0.set(built, for: key, keepingAtMost: Self.capacity) }
                return built
            }
        }
        return levels[min(max(zoom, 0), levels.count - 1)]
    }

    /// The incidents of the key's window that pass the source's filter, with the fields the
    /// style reads (only those columns are read).
    static func members(_ store: any IncidentStoring, _ key: Key) async throws -> [GridClusters.Member] {
        let filter = key.source.filter
        let names = key.fields.map { $0.union(filter?.propertyNames ?? []) }
        let columns = names.map { IncidentColumns(fieldNames: $0).union(.category) } ?? .all
        let collected = Locked<[GridClusters.Member]>([])
        try await store.forEach(matching: IncidentQuery(from: key.window.from, to: key.window.to), columns: columns) { incident in
            var properties = AnalysisLayerData.feature(incident).properties
            if let filter, filter.evaluate(EvaluationContext(zoom: 0, properties: properties)).bool != true { return }
            if let fields = key.fields { properties = properties.filter { fields.contains($0.key) } }
            let member = GridClusters.Member(lon: incident.lon, lat: incident.lat, category: incident.category, properties: properties)
            collected.withLock { $0.append(member) }
        }
        return collected.current
    }
}
