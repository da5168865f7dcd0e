import Foundation
import Hummingbird
import TileCache

/// `GET /health` (liveness plus what the server serves, JSON) and `GET /metrics` (Prometheus).
struct HealthRoutes: Sendable {
    let catalog: StyleCatalog
    let tiles: TileService
    let metrics: ServerMetrics

    func register(on router: Router<BasicRequestContext>) {
        router.get("/health") { _, _ in
            let body = "{\"status\":\"ok\",\"styles\":\(catalog.all.count),\"data_version\":\(tiles.dataVersion.current),"
                + "\"render_queue\":\(tiles.pool.queueDepth)}\n"
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/metrics") { _, _ in
            let stats = tiles.memory.statistics
            let text = metrics.text(queueDepth: tiles.pool.queueDepth, rendersRunning: tiles.pool.running,
                                    memoryCacheBytes: stats.bytes, memoryCacheEntries: stats.entries,
                                    dataVersion: tiles.dataVersion.current)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
