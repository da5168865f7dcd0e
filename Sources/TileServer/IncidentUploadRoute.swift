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
        let (records, rejections) = try Self.isJSON(contentType: contentType, data: data)
            ? geoJSONRows(data) : csvRows(data)
        if records.isEmpty {
            return Self.answer(status: .unprocessableContent, summary: InsertSummary(received: 0, stored: 0, duplicates: 0),
                               rejections: rejections, dataVersion: dataVersion.current)
        }
        let summary = try await store.insert(records)
        let version = try await dataVersion.refresh()
        return Self.answer(status: .created, summary: summary, rejections: rejections, dataVersion: version)
    }

    static func isJSON(contentType: String, data: Data) -> Bool {
        if contentType.contains("json") { return true }
        if contentType.contains("csv") || contentType.hasPrefix("text/") { return false }
        return data.first(where: { !(" \t\r\n".utf8.contains($0)) }) == UInt8(ascii: "{")
    }

    func csvRows(_ data: Data) throws -> ([IncidentRecord], [RowRejection]) {
        do {
            return try IncidentTableReader(data: data, name: "body", isPlausible: landCheck).readAll()
        } catch let e as FormatError {
            throw APIError(.unprocessableContent, "unreadable CSV", e.description)
        }
    }

    func geoJSONRows(_ data: Data) throws -> ([IncidentRecord], [RowRejection]) {
        let collection: FeatureCollection
        let table: IncidentFeatureTable
        do {
            collection = try GeoJSONReader.read(data, name: "body")
            // RFC 7946: coordinates are WGS 84 longitude/latitude; a legacy `crs` member is ignored.
            table = try IncidentFeatureTable(fields: collection.fields, crsText: nil, mapping: IncidentColumnMapping(),
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

    static func answer(status: HTTPResponse.Status, summary: InsertSummary, rejections: [RowRejection], dataVersion: Int64) -> Response {
        let rejected = rejections.map { "{\"row\":\($0.row),\"reason\":\(JSONText.quoted($0.reason))}" }
        let text = "{\"received\":\(summary.received + rejections.count),\"stored\":\(summary.stored),"
            + "\"duplicates\":\(summary.duplicates),\"rejected\":\(rejections.count),\"data_version\":\(dataVersion),"
            + "\"rejections\":[\(rejected.joined(separator: ","))]}\n"
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
