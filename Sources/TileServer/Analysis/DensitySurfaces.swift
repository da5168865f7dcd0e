import Foundation
import GeoCore
import GeoProjection
import HotspotAnalysis
import IncidentStore
import MapRenderer
import MapStyle
import TileCache

/// The density surfaces that `heatmap` layers draw, computed from the store's incidents once
/// per source definition, data version, time window and zoom band (`DensityBands`) and kept in
/// a small LRU, so that the first tile after a data change pays for the surface and the tiles
/// after it only sample it.
///
/// A surface is the kernel density of the source's incidents (its filter, time range, weight
/// field, kernel and radius) in a metric CRS chosen for the data, in the source's units per km²,
/// resampled onto a Web Mercator grid with a gutter of one kernel radius around the data. The
/// colour scale is fixed for the whole map: the source's `scale`, or when it has none the 99th
/// percentile of the data's densities on a grid of h/4 cells (`MapDensityRaster.defaultScale`).
final class DensitySurfaces: Sendable {
    struct BaseKey: Hashable, Sendable {
        let source: StyleSource
        let dataVersion: Int64
        let window: TimeWindow
    }
    struct SurfaceKey: Hashable, Sendable {
        let base: BaseKey
        let band: Int
    }

    /// What every band of one source shares: the projected incidents, the radius, the scale.
    struct Base: Sendable {
        let projected: ProjectedSamples
        let estimator: DensityEstimator
        let bands: DensityBands
        let scale: Double
        /// The analysis extent (incidents grown by one radius) in the analysis CRS.
        let extent: BoundingBox
    }

    private let store: any IncidentStoring
    private let bases = Locked(LRUList<BaseKey, Base?>())
    private let surfaces = Locked(LRUList<SurfaceKey, SuppliedRaster?>())
    /// Entries kept: a few sources × time windows, and their bands (a surface is at most
    /// 4096² cells, 64 MiB, and usually far smaller).
    static let baseCapacity = 4, surfaceCapacity = 12
    private let baseFlights = SingleFlight<BaseKey, Base?>()
    private let surfaceFlights = SingleFlight<SurfaceKey, SuppliedRaster?>()

    init(store: any IncidentStoring) { self.store = store }

    /// The surface of `source` for a tile at `zoom`, or nil when no incident qualifies.
    /// - Throws: the store's errors; analysis errors (bad radius, projection).
    func raster(for source: StyleSource, zoom: Int, window: TimeWindow, dataVersion: Int64) async throws -> SuppliedRaster? {
        let baseKey = BaseKey(source: source, dataVersion: dataVersion, window: window.narrowed(from: source.from, to: source.to))
        guard let base = try await base(baseKey) else { return nil }
        let key = SurfaceKey(base: baseKey, band: base.bands.band(forZoom: zoom))
        if let hit = surfaces.withLock({ $0.get(key) }) { return hit }
        let (raster, _) = try await surfaceFlights.value(for: key) { [surfaces] in
            let raster = try await RenderPool.offload { try Self.surface(base, band: key.band) }
            surfaces.withLock { $0.set(raster, for: key, keepingAtMost: Self.surfaceCapacity) }
            return raster
        }
        return raster
    }

    private func base(_ key: BaseKey) async throws -> Base? {
        if let hit = bases.withLock({ $0.get(key) }) { return hit }
        let (base, _) = try await baseFlights.value(for: key) { [store, bases] in
            let options = key.source.density ?? DensityOptions()
            let samples = try await IncidentSampleSet.fetch(
                from: store, query: IncidentQuery(from: key.window.from, to: key.window.to),
                filter: key.source.filter, weightField: options.weight)
            let base: Base? = samples.samples.isEmpty ? nil : try await RenderPool.offload {
                do {
                    return try Self.makeBase(samples.samples, options: options)
                } catch is DensityError {
                    return nil  // no radius can be had (one incident, or all at one place): nothing to draw
                }
            }
            bases.withLock { $0.set(base, for: key, keepingAtMost: Self.baseCapacity) }
            return base
        }
        return base
    }

    static func makeBase(_ samples: [IncidentSample], options: DensityOptions) throws -> Base {
        let projected = try ProjectedSamples(samples)
        let weighted = options.weight != nil
        let h: Double
        switch options.radius {
        case .fixed(let length): h = length.meters
        case .auto: h = try SpatialSilvermanBandwidth(points: projected.points, weighted: weighted).bandwidth
        }
        let estimator = try DensityEstimator(points: projected.points, kernel: DensityKernel(rawValue: options.kernel.rawValue) ?? .quartic,
                                             bandwidth: h, weighted: weighted)
        guard let box = BoundingBox(covering: projected.points.map { Coordinate($0.x, $0.y) }) else {
            throw ProjectedSamples.ProjectedSamplesError.noSamples
        }
        let extent = box.expanded(by: h)
        let bands = DensityBands(bandwidth: h, latitude: projected.lonLatExtent.center.y)
        let scale = try options.scale ?? MapDensityRaster.defaultScale(estimator.surface(on: DensityGridLayout(covering: extent, cellSize: h / 4)))
        return Base(projected: projected, estimator: estimator, bands: bands, scale: scale > 0 ? scale : 1, extent: extent)
    }

    /// Band `band`'s surface: the density on the analysis CRS grid, resampled to Web Mercator.
    static func surface(_ base: Base, band: Int) throws -> SuppliedRaster? {
        let crs = base.projected.crs
        let toMercator = try Transformer(from: crs, to: CRS.webMercator)
        let mercatorExtent = try toMercator.transformBounds(base.extent)
        let m = base.bands.mercatorGrid(band: band, covering: mercatorExtent)
        let groundCell = m.cell * base.bands.groundPerMercator
        let surface = base.estimator.surface(on: try DensityGridLayout(covering: base.extent, cellSize: groundCell))
        return try MapDensityRaster.make(surface, crs: crs, originX: m.originX, originY: m.originY, cell: m.cell,
                                         width: m.width, height: m.height, scale: base.scale)
    }
}
