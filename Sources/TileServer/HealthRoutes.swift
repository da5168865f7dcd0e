import Foundation
import Hummingbird
import TileCache

/// `GET /health` (liveness plus what the server serves, JSON) and `GET /metrics` (Prometheus).
/// `/health` has `styles_version`, one hash of every served style's name and fingerprint: the
/// viewer polls it and fetches `/styles` again (new tile URLs) when it changes; it names no
/// style, as `/health` answers without a token.
struct HealthRoutes: Sendable {
    let catalog: StyleCatalog
    let tiles: TileService
    let metrics: ServerMetrics

    func register(on router: Router<BasicRequestContext>) {
        router.get("/health") { _, _ in
            let styles = catalog.all
            let body = "{\"status\":\"ok\",\"styles\":\(styles.count),\"styles_version\":\"\(Self.stylesVersion(styles))\","
                + "\"data_version\":\(tiles.dataVersion.current),"
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

    /// FNV-1a 64 (16 hex digits) of `name=fingerprint` lines of `styles`, in name order.
    static func stylesVersion(_ styles: [ServedStyle]) -> String {
        StyleFingerprint.hex(StyleFingerprint.hash(Array(styles.map { "\($0.name)=\($0.version)\n" }.joined().utf8)))
    }
}
