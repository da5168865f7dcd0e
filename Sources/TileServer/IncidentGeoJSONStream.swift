import Foundation
import GeoFormats
import Hummingbird
import IncidentStore

/// The body of `GET /geojson/incidents`: the store writes pages of `pageSize` features as
/// GeoJSON text (`IncidentStoring.geoJSONFeatures`, for SQLite straight from its rows), and each
/// page goes out as one `ByteBuffer` while the next page is read — so reading and sending
/// overlap, and memory holds at most two pages (about 1.5 MB each) plus what the connection
/// buffers. `write` awaits the body writer, which waits while the client is slow; when the client
/// closes the connection the write throws, the page being read is cancelled (GRDB interrupts
/// the statement) and no further page is read.
struct IncidentGeoJSONStream: Sendable {
    let store: any IncidentStoring
    let metrics: ServerMetrics
    /// Incidents per store query (a page, continued with `IncidentQuery.after`).
    static let pageSize = 5_000

    /// Writes the whole FeatureCollection of `query` (its `limit` and `after` are replaced).
    /// - Throws: the store's errors; the body writer's (the client left).
    func write(_ query: IncidentQuery, to out: inout any ResponseBodyWriter) async throws {
        var head: [UInt8] = []
        GeoJSONText.appendCollectionStart(name: "incidents", to: &head)
        var q = query
        q.limit = Self.pageSize
        q.after = nil
        var next: Task<IncidentGeoJSONPage, any Error>? = fetch(q)
        do {
            try await out.write(ByteBuffer(bytes: head))
            var written = 0
            while let pending = next {
                let page = try await pending.value
                next = nil
                if page.count == Self.pageSize, let last = page.last {
                    q.after = last
                    next = fetch(q)
                }
                guard page.count > 0 else { continue }
                var buffer = ByteBufferAllocator().buffer(capacity: page.text.count + GeoJSONText.featureSeparator.count)
                if written > 0 { buffer.writeBytes(GeoJSONText.featureSeparator) }
                buffer.writeBytes(page.text)
                try await out.write(buffer)
                written += page.count
            }
            try await out.write(ByteBuffer(bytes: GeoJSONText.collectionEnd))
        } catch {
            if let next {
                next.cancel()
                _ = try? await next.value
            }
            metrics.geoJSONStreamEnded(complete: false)
            throw error
        }
        metrics.geoJSONStreamEnded(complete: true)
    }

    /// Reads one page off the caller's task, counting what it read.
    private func fetch(_ query: IncidentQuery) -> Task<IncidentGeoJSONPage, any Error> {
        Task { [store, metrics] in
            let page = try await store.geoJSONFeatures(matching: query)
            metrics.geoJSONIncidentsRead(page.count)
            return page
        }
    }
}
