import Foundation
import HotspotAnalysis
import IncidentStore
import MapRenderer
import MapStyle
import TileCache

/// The Getis-Ord Gi* cells that `hotspots` sources draw, computed from the store's incidents
/// once per source definition, data version and time window, and kept (a few, least recently
/// used first out). A source's `cell` and `shape` choose the tessellation; the distance band is
/// the optimized one (first peak of incremental spatial autocorrelation), bins with FDR, as
/// `bordermap hotspots --optimized` computes them. Fewer incidents than Gi* needs (30 occupied
/// cells) draw nothing.
final class HotspotCells: Sendable {
    struct Key: Hashable, Sendable {
        let source: StyleSource
        let dataVersion: Int64
        let window: TimeWindow
    }

    private let store: any IncidentStoring
    private let table = Locked(LRUList<Key, PreparedFeatures?>())
    private let flights = SingleFlight<Key, PreparedFeatures?>()
    static let capacity = 6

    init(store: any IncidentStoring) { self.store = store }

    /// The cells of `source`, or nil when too few incidents qualify.
    /// - Throws: the store's errors.
    func cells(for source: StyleSource, window: TimeWindow, dataVersion: Int64) async throws -> PreparedFeatures? {
        let key = Key(source: source, dataVersion: dataVersion, window: window.narrowed(from: source.from, to: source.to))
        if let hit = table.withLock({ $0.get(key) }) { return hit }
        let (cells, _) = try await flights.value(for: key) { [store, table] in
            let samples = try await IncidentSampleSet.fetch(from: store, query: IncidentQuery(from: key.window.from, to: key.window.to),
                                                            filter: key.source.filter)
            let options = key.source.hotspots ?? HotspotOptions()
            let parameters = HotspotParameters(cellSize: options.cell?.meters, hexagons: options.shape == .hexagon)
            let prepared: PreparedFeatures? = try await RenderPool.offload {
                do {
                    return PreparedFeatures(try HotspotRun.run(samples.samples, parameters: parameters).features, name: key.source.id)
                } catch is HotSpotAnalysisError {
                    return nil  // too few cells or no variation: nothing to draw
                } catch is ProjectedSamples.ProjectedSamplesError {
                    return nil
                }
            }
            table.withLock { $0.set(prepared, for: key, keepingAtMost: Self.capacity) }
            return prepared
        }
        return cells
    }
}
