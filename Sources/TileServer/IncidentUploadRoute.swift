import Foundation
import GeoCore
import GeoFormats
import Hummingbird
import IncidentStore

/// `POST /incidents`: incidents as a GeoJSON FeatureCollection of points or as CSV (the
/// spreadsheet forms `bordermap import` reads), behind a bearer token, in one transaction (all
/// good rows or, on any failure, none). The answer (201, or 422 when no row was good) lists what
/// was stored and every rejected row with its number and reason; tiles that draw incidents
/// change as soon as the data version moves (this server re-reads it at once, others within
/// their poll interval).
///
/// Bounded work: at most `pool.threads` uploads are received and stored at once and
/// `pool.queueLimit` wait (past that 503 with `Retry-After: 2`), so bodies in memory are at most
/// `pool.threads × maxBodyBytes`. A body is held once (as `Data`, filled chunk by chunk and
/// refused with 413 as soon as it passes `maxBodyBytes`, chunked or not). GeoJSON is parsed on a
/// dispatch thread (`RenderPool.offload`), never on Swift's cooperative pool; its rows, and CSV
/// rows as they are parsed, stream into the store's `insert(from:)`.
///
/// As `bordermap import`: `?id_column=NAME` keys rows by that column's value instead of their
/// content (`IncidentColumnMapping.keyByID`); a row repeating an earlier row of the same body is
/// stored once and listed under `repeats` (`{"row": 7, "repeats_row": 3}`, counted in
/// `repeated`); a row giving an earlier row's id with other values is rejected. A write that
/// finds the database locked past the store's timeout is 503 + `Retry-After` (`StoreBusyError`,
/// mapped by `ErrorMiddleware`).
struct IncidentUploadRoute: Sendable {
    let store: any IncidentStoring
    let auth: BearerAuthorization
    let dataVersion: DataVersionMonitor
    let maxBodyBytes: Int
    let landCheck: (@Sendable (Double, Double) -> Bool)?
    /// Uploads received and stored at once, and how many may wait.
    let pool: RenderPool

    func register(on router: Router<BasicRequestContext>) {
        router.post("/incidents") { request, _ in try await upload(request) }
    }

    func upload(_ request: Request) async throws -> Response {
        try auth.requireWrite(request)
        let length = request.headers[.contentLength].flatMap(Int.init)
        if let length, length > maxBodyBytes {
            throw APIError(.contentTooLarge, "body too large", "the body is \(length) bytes; this server accepts at most \(maxBodyBytes)")
        }
        do {
            return try await pool.run { try await receiveAndStore(request, length: length) }
        } catch let e as RenderPool.Overloaded {
            throw APIError(.serviceUnavailable, "busy", "\(e.waiting) uploads are waiting; try again shortly", headers: [.retryAfter: "2"])
        }
    }

    private func receiveAndStore(_ request: Request, length: Int?) async throws -> Response {
        var data = Data()
        if let length { data.reserveCapacity(length) }
        for try await chunk in request.body {
            guard data.count + chunk.readableBytes <= maxBodyBytes else {
                throw APIError(.contentTooLarge, "body too large", "the body exceeds this server's limit of \(maxBodyBytes) bytes")
            }
            data.append(contentsOf: chunk.readableBytesView)
        }
        guard !data.isEmpty else { throw APIError.badRequest("the body is empty: send a GeoJSON FeatureCollection or CSV") }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        var mapping = IncidentColumnMapping()
        if let idColumn = request.uri.queryParameters["id_column"].map(String.init) {
            do { mapping = try mapping.keyed(byIDColumn: idColumn) } catch { throw APIError.badRequest("id_column: \(error)") }
        }
        let source: UploadRecordSource
        if Self.isJSON(contentType: contentType, data: data) {
            source = try await RenderPool.offload { [data, mapping] in
                do { return try UploadRecordSource(geoJSON: data, mapping: mapping) } catch {
                    throw APIError(.unprocessableContent, "unreadable GeoJSON", "\(error)")
                }
            }
        } else {
            source = try await RenderPool.offload { [data, mapping, landCheck = self.landCheck] in
                do { return try UploadRecordSource(csv: data, mapping: mapping, isPlausible: landCheck) } catch let e as FormatError {
                    throw APIError(.unprocessableContent, "unreadable CSV", e.description)
                }
            }
        }
        data = Data()  // GeoJSON is parsed by now and CSV is held by its reader: drop this reference
        let summary: InsertSummary
        do {
            summary = try await store.insert(from: source)
        } catch {
            if let e = source.failure { throw APIError(.unprocessableContent, "unreadable CSV", e.description) }
            throw error
        }
        if source.recordCount == 0 {
            return Self.answer(status: .unprocessableContent, summary: InsertSummary(received: 0, stored: 0, duplicates: 0),
                               rejections: source.rejections, repeats: source.repeats, dataVersion: dataVersion.current)
        }
        let version = try await dataVersion.refresh()
        return Self.answer(status: .created, summary: summary, rejections: source.rejections, repeats: source.repeats, dataVersion: version)
    }

    static func isJSON(contentType: String, data: Data) -> Bool {
        if contentType.contains("json") { return true }
        if contentType.contains("csv") || contentType.hasPrefix("text/") { return false }
        return data.first(where: { !(" \t\r\n".utf8.contains($0)) }) == UInt8(ascii: "{")
    }

    static func answer(status: HTTPResponse.Status, summary: InsertSummary, rejections: [RowRejection],
                       repeats: [(row: Int, of: Int)] = [], dataVersion: Int64) -> Response {
        let rejected = rejections.map { "{\"row\":\($0.row),\"reason\":\(JSONText.quoted($0.reason))}" }
        let repeated = repeats.map { "{\"row\":\($0.row),\"repeats_row\":\($0.of)}" }
        let text = "{\"received\":\(summary.received + rejections.count + repeats.count),\"stored\":\(summary.stored),"
            + "\"duplicates\":\(summary.duplicates),\"rejected\":\(rejections.count),\"repeated\":\(repeats.count),"
            + "\"data_version\":\(dataVersion),"
            + "\"rejections\":[\(rejected.joined(separator: ","))],\"repeats\":[\(repeated.joined(separator: ","))]}\n"
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
