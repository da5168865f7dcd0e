import Foundation
import GeoCore
import GeoProjection
import HotspotAnalysis
import IncidentStore
import MapRenderer
import MapStyle
import TileServer

/// `bordermap-bench heatmap DB STYLE_FILE DATA_DIR`: heat map tiles of a wall display (the 3 × 3
/// tiles around the Fergana valley at each zoom 3...10) over the incident store DB, drawn two
/// ways, and prints JSON:
/// - ours: the server's path (`AnalysisLayerData`): the first tile after a data change pays
///   for reading the incidents, the radius and the zoom band's surface; the next tiles only
///   sample it (`first_tile_s`, `next_tiles_median_s`, per zoom);
/// - the peer: the density recomputed for every tile from the incidents within one radius of
///   it, on the tile's own grid (`per_tile_median_s`), the same kernel and radius.
/// Only the density layer is drawn (the style's other layers hidden), so the figures are the
/// heat map's own cost.
enum HeatmapBenchmark {
    static func run(_ args: [String]) throws {
        guard args.count == 4 else {
            print("usage: bordermap-bench heatmap DB STYLE_FILE DATA_DIR")
            exit(2)
        }
        let store = try SQLiteIncidentStore(path: args[1])
        let renderer = try MapRenderer(styleFile: URL(fileURLWithPath: args[2]), dataDirectory: URL(fileURLWithPath: args[3]))
        guard let source = renderer.suppliedSources().first(where: { $0.kind == .density }) else {
            print("the style has no density source")
            exit(2)
        }
        let centre = Coordinate(71.5, 40.7)
        var result: [String: Any] = [:]
        var firsts: [Double] = [], nexts: [Double] = [], peers: [Double] = []
        let version = Int64(Date().timeIntervalSince1970)  // a fresh data version: nothing cached
        let analysis = AnalysisLayerData(store: store)
        // The peer's inputs: the incidents, the radius and the CRS of the server's own choice.
        let samples = try blocking { try await IncidentSampleSet.fetch(from: store, query: IncidentQuery()) }.samples
        let projected = try ProjectedSamples(samples)
        let h: Double
        switch source.density?.radius ?? .auto {
        case .fixed(let l): h = l.meters
        case .auto: h = try SpatialSilvermanBandwidth(points: projected.points, weighted: false).bandwidth
        }
        let toLonLat = try Transformer(from: projected.crs, to: CRS.wgs84)
        let toMercator = try Transformer(from: projected.crs, to: CRS.webMercator)
        result["incidents"] = samples.count
        result["radius_km"] = h / 1000
        for z in 3...10 {
            let n = 1 << z
            let cx = Int((centre.x + 180) / 360 * Double(n))
            let cy = Int((1 - asinh(tan(centre.y * .pi / 180)) / .pi) / 2 * Double(n))
            var times: [Double] = [], peerTimes: [Double] = []
            for dy in -1...1 {
                for dx in -1...1 {
                    let tile = try TileCoordinate(z: z, x: cx + dx, y: cy + dy)
                    let viewport = try Viewport(tile: tile)
                    let bounds = renderer.dataQueryBounds(for: viewport)
                    times.append(try seconds {
                        let supplied = try blocking {
                            try await analysis.supplied(for: renderer, bounds: bounds, zoom: Double(z), layers: "heatmap", dataVersion: version)
                        }
                        _ = try renderer.renderTilePNG(tile, supplied: supplied)
                    })
                    peerTimes.append(try seconds {
                        // The tile in the analysis CRS, grown by the radius; its incidents; a 256² grid.
                        let merc = viewport.bounds
                        let local = try toMercator.transformBounds(merc, direction: .inverse).expanded(by: h)
                        let lonLatBox = try toLonLat.transformBounds(local)
                        let near = try blocking {
                            try await IncidentSampleSet.fetch(from: store, query: IncidentQuery(bbox: lonLatBox)).samples
                        }
                        var supplied = SuppliedFeatures()
                        for id in renderer.layerIDs(drawing: [.incidents, .hotspots, .routes]) { supplied.setVisibility(false, forLayer: id) }
                        if !near.isEmpty {
                            let points = try ProjectedSamples(near, crs: projected.crs).points
                            let estimator = try DensityEstimator(points: points, bandwidth: h, weighted: false)
                            let cell = max(local.width, local.height) / 256
                            let surface = estimator.surface(on: try DensityGridLayout(covering: local, cellSize: cell), crs: projected.crs.definition)
                            let raster = try MapDensityRaster.make(surface, crs: projected.crs, originX: merc.minX, originY: merc.maxY,
                                                                   cell: merc.width / 256, width: 256, height: 256,
                                                                   scale: 1)
                            supplied.setRaster(raster, forSource: source.id)
                        }
                        _ = try renderer.renderTilePNG(tile, supplied: supplied)
                    })
                }
            }
            firsts.append(times[0])
            nexts.append(contentsOf: times.dropFirst())
            peers.append(contentsOf: peerTimes)
            result["z\(z)"] = ["first_tile_s": times[0], "next_tiles_median_s": median(Array(times.dropFirst())),
                               "per_tile_median_s": median(peerTimes)]
        }
        result["first_tile_max_s"] = firsts.max() ?? 0
        result["next_tiles_median_s"] = median(nexts)
        result["per_tile_median_s"] = median(peers)
        print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self))
    }

    static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        return s.isEmpty ? 0 : s[s.count / 2]
    }

    static func seconds(_ body: () throws -> Void) throws -> Double {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    }

    /// Waits for `work` on this (non-pool) thread.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.value = .success(try await work()) } catch { box.value = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.value!.get()
    }

    final class ResultBox<T>: @unchecked Sendable { var value: Result<T, Error>? }
}
