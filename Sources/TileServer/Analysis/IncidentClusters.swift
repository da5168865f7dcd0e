import Foundation
import GeoCore
import IncidentStore
import MapRenderer
import MapStyle
import TileCache

/// The clusters that `incidents` sources with `"cluster": true` draw at zooms up to their
/// `clusterMaxZoom` (`GridClusters`): built from the store once per source, style fields, data
/// version and time window, every zoom at once, and kept (a few, least recently used first out),
/// so a tile's work does not grow with the store: it draws the prepared clusters near it. Above
/// `clusterMaxZoom`, a tile crowded past `clusterTileLimit` draws the clusters of its own zoom
/// from the same members, kept on a grid (`ClusterIndex`).
final class IncidentClusters: Sendable {
    struct Key: Hashable, Sendable {
        let source: StyleSource
        /// The fields the style reads from the source (nil: all), kept on single incidents.
        let fields: Set<String>?
        let dataVersion: Int64
        let window: TimeWindow
    }

    /// What one key keeps: the clusters of every zoom up to `clusterMaxZoom`, and the members
    /// on a grid for crowded tiles above it.
    struct Prepared: Sendable {
        let levels: [PreparedFeatures]
        let index: ClusterIndex
    }

    private let store: any IncidentStoring
    private let table = Locked(LRUList<Key, Prepared>())
    private let flights = SingleFlight<Key, Prepared>()
    static let capacity = 6

    init(store: any IncidentStoring) { self.store = store }

    /// The prepared features of `source` at `zoom` (≤ its `clusterMaxZoom`).
    /// - Throws: the store's errors.
    func features(for source: StyleSource, options: ClusterOptions, fields: Set<String>?, zoom: Int, window: TimeWindow,
                  dataVersion: Int64) async throws -> PreparedFeatures {
        let levels = try await prepared(source, options: options, fields: fields, window: window, dataVersion: dataVersion).levels
        return levels[min(max(zoom, 0), levels.count - 1)]
    }

    /// Above `clusterMaxZoom`: the clusters of `zoom` around `bounds` when the members of the
    /// source inside `bounds` (after its filter) are more than `limit`, else nil (the render
    /// draws them one by one).
    /// - Throws: the store's errors.
    func crowded(_ source: StyleSource, options: ClusterOptions, fields: Set<String>?, bounds: BoundingBox, zoom: Int,
                 limit: Int, window: TimeWindow, dataVersion: Int64) async throws -> PreparedFeatures? {
        let index = try await prepared(source, options: options, fields: fields, window: window, dataVersion: dataVersion).index
        guard index.count(in: bounds) > limit else { return nil }
        return PreparedFeatures(index.clusters(around: bounds, radius: options.radius, zoom: zoom), name: source.id)
    }

    /// The key's clusters and index, built on first use (one build at a time per key).
    private func prepared(_ source: StyleSource, options: ClusterOptions, fields: Set<String>?, window: TimeWindow,
                          dataVersion: Int64) async throws -> Prepared {
        let key = Key(source: source, fields: fields, dataVersion: dataVersion, window: window.narrowed(from: source.from, to: source.to))
        if let hit = table.withLock({ $0.get(key) }) { return hit }
        return try await flights.value(for: key) { [store, table] in
            let members = try await Self.members(store, key)
            let built: Prepared = try await RenderPool.offload {
                Prepared(levels: GridClusters(members, radius: options.radius, maxZoom: options.maxZoom).levels
                            .map { PreparedFeatures($0, name: key.source.id) },
                         index: ClusterIndex(members))
            }
            table.withLock { $0.set(built, for: key, keepingAtMost: Self.capacity) }
            return built
        }.0
    }

    /// The incidents of the key's window that pass the source's filter, with the fields the
    /// style reads (only those columns are read).
    static func members(_ store: any IncidentStoring, _ key: Key) async throws -> [GridClusters.Member] {
        let filter = key.source.filter
        let names = key.fields.map { $0.union(filter?.propertyNames ?? []) }
        let columns = names.map { IncidentColumns(fieldNames: $0).union(.category) } ?? .all
        // Members share equal property dictionaries and category texts (a style reads few fields
        // of few values), so that a million members take tens of megabytes, not hundreds.
        let collected = Locked(Collected())
        try await store.forEach(matching: IncidentQuery(from: key.window.from, to: key.window.to), columns: columns) { incident in
            var properties = AnalysisLayerData.feature(incident).properties
            if let filter, filter.evaluate(EvaluationContext(zoom: 0, properties: properties)).bool != true { return }
            if let fields = key.fields { properties = properties.filter { fields.contains($0.key) } }
            collected.withLock { $0.add(lon: incident.lon, lat: incident.lat, category: incident.category, properties: properties) }
        }
        return collected.current.members
    }

    /// Members with their equal values shared.
    struct Collected {
        var members: [GridClusters.Member] = []
        var properties: Set<[String: PropertyValue]> = []
        var categories: Set<String> = []

        mutating func add(lon: Double, lat: Double, category: String?, properties p: [String: PropertyValue]) {
            let shared = properties.insert(p).memberAfterInsert
            let c = category.map { categories.insert($0).memberAfterInsert }
            members.append(GridClusters.Member(lon: lon, lat: lat, category: c, properties: shared))
        }
    }
}
