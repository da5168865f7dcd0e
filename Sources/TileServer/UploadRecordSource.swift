import Foundation
import GeoCore
import GeoFormats
import IncidentStore

/// The rows of one `POST /incidents` body as the store pulls them (`IncidentStoring.insert(from:)`):
/// good rows go out in batches as they are read, rejected rows are kept with their numbers.
/// CSV is parsed row by row as the store pulls (the SQLite store pulls on a reader thread of its
/// own); GeoJSON is parsed whole first (its fields are inferred over every feature), then each
/// feature becomes a row as the store pulls.
///
/// The store reads it from one thread at a time; `rejections`, `recordCount` and `failure` are
/// read by the route only after `insert(from:)` has returned, when the store no longer touches it.
final class UploadRecordSource: IncidentRecordSource, @unchecked Sendable {
    // @unchecked: see the type; the store's hand-over orders every write here before the route's reads.
    private let csv: IncidentTableReader?
    private var features: [Feature] = []
    private let table: IncidentFeatureTable?
    private var nextFeature = 0
    /// Rejected rows in body order.
    private(set) var rejections: [RowRejection] = []
    /// Good rows handed to the store.
    private(set) var recordCount = 0
    /// What reading the body threw halfway (a broken CSV quote), whatever the store made of it.
    private(set) var failure: FormatError?

    /// Reads the CSV header (the rows are read as the store pulls).
    /// - Throws: `FormatError` when there is no header or it lacks date or coordinate columns.
    init(csv data: Data, isPlausible: (@Sendable (Double, Double) -> Bool)?) throws {
        csv = try IncidentTableReader(data: data, name: "body", isPlausible: isPlausible)
        table = nil
    }

    /// Parses the whole GeoJSON document (RFC 7946: WGS 84 longitude/latitude; a legacy `crs`
    /// member is ignored) and resolves its incident columns.
    /// - Throws: `FormatError` for malformed GeoJSON or missing date or coordinate fields.
    init(geoJSON data: Data) throws {
        let collection = try GeoJSONReader.read(data, name: "body")
        table = try IncidentFeatureTable(fields: collection.fields, crsText: nil, mapping: IncidentColumnMapping(),
                                         shapefileNames: false, file: "body")
        features = collection.features
        csv = nil
    }

    func nextBatch(maxCount: Int) throws -> [IncidentRecord]? {
        var batch: [IncidentRecord] = []
        while batch.count < maxCount, let row = try nextRow() {
            switch row {
            case .record(let r): batch.append(r)
            case .rejected(let j): rejections.append(j)
            }
        }
        recordCount += batch.count
        return batch.isEmpty ? nil : batch
    }

    private func nextRow() throws -> IncidentTableRow? {
        if let csv {
            do {
                return try csv.next()
            } catch let e as FormatError {
                failure = e
                throw e
            }
        }
        guard let table, nextFeature < features.count else { return nil }
        let i = nextFeature
        nextFeature += 1
        let row = table.convert(features[i], number: i + 1).row
        features[i] = Feature(geometry: nil)  // converted: no longer needed
        return row
    }
}
