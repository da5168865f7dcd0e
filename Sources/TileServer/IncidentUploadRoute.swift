import Foundation
import GeoCore
import GeoFormats
import Hummingbird
import IncidentStore

/// `POST /incidents`: incidents as a GeoJSON FeatureCollection of points or as CSV (the
/// spreadsheet forms `bordermap import` reads), behind a bearer token, in one transaction.
/// The answer (201, or 422 when no row was good) lists what was stored and every rejected row
/// with its number and reason; tiles that draw incidents change as soon as the data version
/// moves (this server re-reads it at once, others within their poll interval).
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

    func register(on router: Router<BasicRequestContext>) {
        router.post("/incidents") { request, _ in try await upload(request) }
    }

    func upload(_ request: Request) async throws -> Response {
        try auth.requireWrite(request)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            throw APIError(.contentTooLarge, "body too large", "the body is \(length) bytes; this server accepts at most \(maxBodyBytes)")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch {
            throw APIError(.contentTooLarge, "body too large", "the body exceeds this server's limit of \(maxBodyBytes) bytes")
        }
        let data = Data(buffer: body)
        guard !data.isEmpty else { throw APIError.badRequest("the body is empty: send a GeoJSON FeatureCollection or CSV") }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        var mapping = IncidentColumnMapping()
        if let idColumn = request.uri.queryParameters["id_column"].map(String.init) {
            do { mapping = try mapping.keyed(byIDColumn: idColumn) } catch { throw APIError.badRequest("id_column: \(error)") }
        }
        let (rows, rejected) = try Self.isJSON(contentType: contentType, data: data)
            ? geoJSONRows(data, mapping: mapping) : csvRows(data, mapping: mapping)
        let (records, conflicts, repeats) = Self.separateRepeats(rows, keyedByID: mapping.keyByID)
        let rejections = (rejected + conflicts).sorted { $0.row < $1.row }
        if records.isEmpty {
            return Self.answer(status: .unprocessableContent, summary: InsertSummary(received: 0, stored: 0, duplicates: 0),
                               rejections: rejections, repeats: repeats, dataVersion: dataVersion.current)
        }
        let summary = try await store.insert(records)
        let version = try await dataVersion.refresh()
        return Self.answer(status: .created, summary: summary, rejections: rejections, repeats: repeats, dataVersion: version)
    }

    /// The records to store, the rows rejected for giving an earlier row's id with other values,
    /// and the (row, earlier row) pairs of repeats, which are left out (`IncidentRepeatCheck`).
    static func separateRepeats(_ rows: [IncidentRecord], keyedByID: Bool)
        -> (records: [IncidentRecord], conflicts: [RowRejection], repeats: [(row: Int, of: Int)]) {
        var check = IncidentRepeatCheck(keyedByID: keyedByID)
        var records: [IncidentRecord] = [], conflicts: [RowRejection] = [], repeats: [(row: Int, of: Int)] = []
        for r in rows {
            switch check.check(r) {
            case .first: records.append(r)
            case .repeats(let earlier): repeats.append((r.row, earlier))
            case .conflicts(let earlier):
                conflicts.append(RowRejection(file: "body", row: r.row,
                                              reason: "id '\(r.id ?? "")' is also on row \(earlier), with other values: only that one is stored"))
            }
        }
        return (records, conflicts, repeats)
    }

    static func isJSON(contentType: String, data: Data) -> Bool {
        if contentType.contains("json") { return true }
        if contentType.contains("csv") || contentType.hasPrefix("text/") { return false }
        return data.first(where: { !(" \t\r\n".utf8.contains($0)) }) == UInt8(ascii: "{")
    }

    func csvRows(_ data: Data, mapping: IncidentColumnMapping) throws -> ([IncidentRecord], [RowRejection]) {
        do {
            return try IncidentTableReader(data: data, name: "body", mapping: mapping, isPlausible: landCheck).readAll()
        } catch let e as FormatError {
            throw APIError(.unprocessableContent, "unreadable CSV", e.description)
        }
    }

    func geoJSONRows(_ data: Data, mapping: IncidentColumnMapping) throws -> ([IncidentRecord], [RowRejection]) {
        let collection: FeatureCollection
        let table: IncidentFeatureTable
        do {
            collection = try GeoJSONReader.read(data, name: "body")
            // RFC 7946: coordinates are WGS 84 longitude/latitude; a legacy `crs` member is ignored.
            table = try IncidentFeatureTable(fields: collection.fields, crsText: nil, mapping: mapping,
                                             shapefileNames: false, file: "body")
        } catch {
            throw APIError(.unprocessableContent, "unreadable GeoJSON", "\(error)")
        }
        var records: [IncidentRecord] = [], rejections: [RowRejection] = []
        for (i, feature) in collection.features.enumerated() {
            switch table.convert(feature, number: i + 1).row {
            case .record(let r): records.append(r)
            case .rejected(let j): rejections.append(j)
            }
        }
        return (records, rejections)
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
