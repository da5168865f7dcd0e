import Foundation
import GeoProjection
import IncidentStore
import Logging
import MapRenderer
import TileCache

/// A tile image and what identifies it.
struct TileAnswer: Sendable {
    let png: [UInt8]
    let key: TileKey
}

/// Finds or renders tiles: memory LRU, then the MBTiles file, then a render on the pool —
/// one render per key however many requests ask at once. Keys carry the style's content hash
/// and, for styles that draw incidents, the incident data version and the request's time
/// window, so nothing stale is ever served and nothing needs purging.
final class TileService: Sendable {
    let memory: MemoryTileCache
    let mbtiles: MBTilesStore?
    let pool: RenderPool
    let analysis: AnalysisLayerData
    let dataVersion: DataVersionMonitor
    let metrics: ServerMetrics
    private let flights = SingleFlight<TileKey, [UInt8]>()
    private let logger: Logger
    /// What the server itself may write to the MBTiles file: tiles up to `maxZoom`, until the
    /// file holds `maxBytes` of tiles (counted from the file at start, then as written).
    private let storeMaxZoom: Int
    private let storeMaxBytes: Int
    private let storedBytes: Locked<Int>

    init(memory: MemoryTileCache, mbtiles: MBTilesStore?, pool: RenderPool, analysis: AnalysisLayerData,
         dataVersion: DataVersionMonitor, metrics: ServerMetrics, logger: Logger,
         storeMaxZoom: Int = 14, storeMaxBytes: Int = 2 << 30) {
        self.memory = memory
        self.mbtiles = mbtiles
        self.storeMaxZoom = storeMaxZoom
        self.storeMaxBytes = storeMaxBytes
        storedBytes = Locked((try? mbtiles?.storedBytes()) ?? 0)
        self.pool = pool
        self.analysis = analysis
        self.dataVersion = dataVersion
        self.metrics = metrics
        self.logger = logger
    }

    /// The key a tile of `style` has now. The time window joins the style name, so filtered
    /// variants are cached apart (the MBTiles file keeps unfiltered tiles only).
    func key(style: ServedStyle, tile: TileCoordinate, scale: Int, window: TimeWindow,
             toggles: LayerToggles = .styleDefault) -> TileKey {
        // As `bordermap seed` keys them: zooms where no incident layer shows carry no data version.
        // Layer toggles can show an incident-derived layer the style hides: then the tile is live too.
        let live = style.incidentZooms[tile.z] || toggles.shown != nil
        var name = style.name
        if live && !window.isAll { name += "@\(window.keyText)" }
        if toggles.shown != nil { name += "@\(toggles.keyText)" }
        return TileKey(style: name, styleHash: style.hash, dataVersion: live ? dataVersion.current : nil,
                       z: tile.z, x: tile.x, y: tile.y, scale: scale)
    }

    /// The tile for `key` when the memory cache holds it, else nil: synchronous (the cache's
    /// lock around a dictionary lookup), so the event loop can call it. Counts a memory hit; a
    /// miss is counted by the `tile(_:style:…)` call the request goes on to.
    func memoryHit(_ key: TileKey) -> [UInt8]? {
        guard let png = memory.hit(for: key) else { return nil }
        metrics.cache(.memory, hit: true)
        return png
    }

    /// The tile's PNG, from a cache or rendered.
    /// - Throws: `RenderPool.Overloaded` when the render queue is full; render or store errors.
    func tile(style: ServedStyle, tile: TileCoordinate, scale: Int, window: TimeWindow,
              toggles: LayerToggles = .styleDefault) async throws -> TileAnswer {
        try await self.tile(key(style: style, tile: tile, scale: scale, window: window, toggles: toggles), style: style, tile: tile,
                            scale: scale, window: window, toggles: toggles)
    }

    /// The tile for `key` (as `key(style:tile:scale:window:)` made it for the other arguments).
    func tile(_ key: TileKey, style: ServedStyle, tile: TileCoordinate, scale: Int, window: TimeWindow,
              toggles: LayerToggles = .styleDefault) async throws -> TileAnswer {
        if let png = memory.tile(for: key) {
            metrics.cache(.memory, hit: true)
            return TileAnswer(png: png, key: key)
        }
        metrics.cache(.memory, hit: false)
        let persistent = window.isAll && toggles.shown == nil ? mbtiles : nil
        if let persistent {
            let found = try await RenderPool.offload { try persistent.tile(for: key) }
            metrics.cache(.mbtiles, hit: found != nil)
            if let found {
                memory.store(found, for: key)
                return TileAnswer(png: found, key: key)
            }
        }
        let (png, shared) = try await flights.value(for: key) { [self] in
            try await pool.run {
                let renderer = style.renderer
                let viewport = try Viewport(tile: tile, pixelRatio: Double(scale))
                let supplied = try await analysis.features(for: renderer, bounds: renderer.dataQueryBounds(for: viewport),
                                                           zoom: Double(tile.z), window: window, dataVersion: key.dataVersion ?? 0,
                                                           toggles: toggles)
                let (png, seconds) = try await RenderPool.offload { [logger] in
                    let started = DispatchTime.now().uptimeNanoseconds
                    let png = try renderer.renderTilePNG(tile, pixelRatio: Double(scale), supplied: supplied)
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                    // The file write is blocking I/O too, so it stays on the render thread; a
                    // failed write costs only a later re-render.
                    if let persistent, tile.z <= self.storeMaxZoom,
                       self.storedBytes.withLock({ used in
                           guard used + png.count <= self.storeMaxBytes else { return false }
                           used += png.count
                           return true
                       }) {
                        do { try persistent.store(png, for: key) } catch { logger.warning("MBTiles cache write failed: \(error)") }
                    }
                    return (png, seconds)
                }
                metrics.rendered(seconds: seconds)
                memory.store(png, for: key)
                return png
            }
        }
        if shared { metrics.coalesced() }
        return TileAnswer(png: png, key: key)
    }
}
