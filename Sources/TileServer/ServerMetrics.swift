import Foundation

/// The server's Prometheus metrics (text exposition format 0.0.4): requests by route and
/// status, request latency and render time histograms, tile cache hits and misses by tier,
/// renders coalesced, refused renders, connections closed for slow transfers, incidents read
/// for `/geojson/incidents` and its downloads by result, and (read at scrape time) render queue
/// depth.
final class ServerMetrics: Sendable {
    /// Latency buckets, seconds: cached tiles take well under a millisecond, renders tens of
    /// milliseconds to seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private let state = Locked(State())

    private struct State {
        var requests: [Labels: Int] = [:]
        var latency: [String: Histogram] = [:]
        var renderTime = Histogram()
        var cache: [CacheTier: (hits: Int, misses: Int)] = [:]
        var coalesced = 0
        var refused = 0
        var slowClosed = 0
        var eventLoopAnswers = 0
        var geoJSONIncidentsRead = 0
        var geoJSONStreams = (complete: 0, aborted: 0)
    }

    /// Where a tile was looked up.
    enum CacheTier: String, CaseIterable { case memory, mbtiles }

    struct Labels: Hashable {
        let route: String
        let status: Int
    }

    struct Histogram {
        var counts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
        var sum = 0.0
        var total = 0

        mutating func observe(_ seconds: Double) {
            for (i, b) in ServerMetrics.buckets.enumerated() where seconds <= b { counts[i] += 1 }
            sum += seconds
            total += 1
        }
    }

    func request(route: String, status: Int, seconds: Double) {
        state.withLock { s in
            s.requests[Labels(route: route, status: status), default: 0] += 1
            s.latency[route, default: Histogram()].observe(seconds)
        }
    }

    func rendered(seconds: Double) { state.withLock { $0.renderTime.observe(seconds) } }
    func cache(_ tier: CacheTier, hit: Bool) {
        state.withLock { s in
            if hit { s.cache[tier, default: (0, 0)].hits += 1 } else { s.cache[tier, default: (0, 0)].misses += 1 }
        }
    }
    func coalesced() { state.withLock { $0.coalesced += 1 } }
    func refused() { state.withLock { $0.refused += 1 } }
    /// A connection closed by `SlowClientGuard`.
    func slowClientClosed() { state.withLock { $0.slowClosed += 1 } }
    /// A tile request answered on the event loop (`CachedTileHandler`: a memory-cache hit or a
    /// 304), counted as `request(route:status:seconds:)` counts and also apart.
    func answeredOnEventLoop(route: String, status: Int, seconds: Double) {
        state.withLock { s in
            s.requests[Labels(route: route, status: status), default: 0] += 1
            s.latency[route, default: Histogram()].observe(seconds)
            s.eventLoopAnswers += 1
        }
    }
    /// Incidents read from the store for a `/geojson/incidents` download.
    func geoJSONIncidentsRead(_ n: Int) { state.withLock { $0.geoJSONIncidentsRead += n } }
    /// A `/geojson/incidents` download ended: its body complete, or not (the client left).
    func geoJSONStreamEnded(complete: Bool) {
        state.withLock { s in if complete { s.geoJSONStreams.complete += 1 } else { s.geoJSONStreams.aborted += 1 } }
    }
    /// Connections closed by `SlowClientGuard` so far.
    var slowClientsClosed: Int { state.current.slowClosed }

    /// The exposition text, with the gauges the caller reads at scrape time.
    func text(queueDepth: Int, rendersRunning: Int, memoryCacheBytes: Int, memoryCacheEntries: Int, dataVersion: Int64) -> String {
        let s = state.current
        var out = ""
        out += "# HELP bordermap_http_requests_total HTTP requests by route and status.\n# TYPE bordermap_http_requests_total counter\n"
        for (l, n) in s.requests.sorted(by: { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }) {
            out += "bordermap_http_requests_total{route=\"\(l.route)\",status=\"\(l.status)\"} \(n)\n"
        }
        out += "# HELP bordermap_http_request_duration_seconds Time to answer a request (to the response head).\n"
        out += "# TYPE bordermap_http_request_duration_seconds histogram\n"
        for (route, h) in s.latency.sorted(by: { $0.key < $1.key }) {
            out += Self.histogram("bordermap_http_request_duration_seconds", h, labels: "route=\"\(route)\",")
        }
        out += "# HELP bordermap_tile_render_seconds Time to render and encode one tile.\n# TYPE bordermap_tile_render_seconds histogram\n"
        out += Self.histogram("bordermap_tile_render_seconds", s.renderTime, labels: "")
        out += "# HELP bordermap_tile_cache_requests_total Tile cache lookups by tier and result.\n# TYPE bordermap_tile_cache_requests_total counter\n"
        for tier in CacheTier.allCases {
            guard let c = s.cache[tier] else { continue }
            out += "bordermap_tile_cache_requests_total{tier=\"\(tier.rawValue)\",result=\"hit\"} \(c.hits)\n"
            out += "bordermap_tile_cache_requests_total{tier=\"\(tier.rawValue)\",result=\"miss\"} \(c.misses)\n"
        }
        out += "# HELP bordermap_tile_renders_coalesced_total Tile requests served by a render already running for the same tile.\n"
        out += "# TYPE bordermap_tile_renders_coalesced_total counter\nbordermap_tile_renders_coalesced_total \(s.coalesced)\n"
        out += "# HELP bordermap_tile_renders_refused_total Renders refused with 503 because the queue was full.\n"
        out += "# TYPE bordermap_tile_renders_refused_total counter\nbordermap_tile_renders_refused_total \(s.refused)\n"
        out += "# HELP bordermap_slow_clients_closed_total Connections closed for moving less than the minimum transfer rate.\n"
        out += "# TYPE bordermap_slow_clients_closed_total counter\nbordermap_slow_clients_closed_total \(s.slowClosed)\n"
        out += "# HELP bordermap_tile_event_loop_answers_total Tile requests answered on the event loop (memory-cache hits and 304s).\n"
        out += "# TYPE bordermap_tile_event_loop_answers_total counter\nbordermap_tile_event_loop_answers_total \(s.eventLoopAnswers)\n"
        out += "# HELP bordermap_geojson_incidents_read_total Incidents read from the store for /geojson/incidents downloads.\n"
        out += "# TYPE bordermap_geojson_incidents_read_total counter\nbordermap_geojson_incidents_read_total \(s.geoJSONIncidentsRead)\n"
        out += "# HELP bordermap_geojson_streams_total /geojson/incidents downloads ended: complete, or aborted (the client left).\n"
        out += "# TYPE bordermap_geojson_streams_total counter\n"
        out += "bordermap_geojson_streams_total{result=\"complete\"} \(s.geoJSONStreams.complete)\n"
        out += "bordermap_geojson_streams_total{result=\"aborted\"} \(s.geoJSONStreams.aborted)\n"
        out += "# HELP bordermap_render_queue_depth Renders waiting for a thread.\n# TYPE bordermap_render_queue_depth gauge\n"
        out += "bordermap_render_queue_depth \(queueDepth)\n"
        out += "# HELP bordermap_renders_running Renders running now.\n# TYPE bordermap_renders_running gauge\nbordermap_renders_running \(rendersRunning)\n"
        out += "# HELP bordermap_memory_cache_bytes Bytes held by the memory tile cache.\n# TYPE bordermap_memory_cache_bytes gauge\n"
        out += "bordermap_memory_cache_bytes \(memoryCacheBytes)\n"
        out += "# HELP bordermap_memory_cache_entries Tiles held by the memory tile cache.\n# TYPE bordermap_memory_cache_entries gauge\n"
        out += "bordermap_memory_cache_entries \(memoryCacheEntries)\n"
        out += "# HELP bordermap_incident_data_version The incident store's data version last seen.\n# TYPE bordermap_incident_data_version gauge\n"
        out += "bordermap_incident_data_version \(dataVersion)\n"
        return out
    }

    private static func histogram(_ name: String, _ h: Histogram, labels: String) -> String {
        var out = ""
        for (i, b) in buckets.enumerated() { out += "\(name)_bucket{\(labels)le=\"\(b)\"} \(h.counts[i])\n" }
        out += "\(name)_bucket{\(labels)le=\"+Inf\"} \(h.total)\n"
        let plain = labels.isEmpty ? "" : "{\(labels.dropLast())}"
        out += "\(name)_sum\(plain) \(h.sum)\n\(name)_count\(plain) \(h.total)\n"
        return out
    }
}
