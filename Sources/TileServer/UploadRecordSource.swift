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
    /// Rows repeating an earlier row of the body (row, earlier row): left out, stored once.
    private(set) var repeats: [(row: Int, of: Int)] = []
    /// Good rows handed to the store.
    private(set) var recordCount = 0
    private var repeatCheck: IncidentRepeatCheck
    /// What reading the body threw halfway (a broken CSV quote), whatever the store made of it.
    private(set) var failure: FormatError?

    /// Reads the CSV header (the rows are read as the store pulls).
    /// - Throws: `FormatError` when there is no header or it lacks date or coordinate columns.
    init(csv data: Data, mapping: IncidentColumnMapping, isPlausible: (@Sendable (Double, Double) -> Bool)?) throws {
        csv = try IncidentTableReader(data: data, name: "body", mapping: mapping, isPlausible: isPlausible)
        table = nil
        repeatCheck = IncidentRepeatCheck(keyedByID: mapping.keyByID)
    }

    /// Parses the whole GeoJSON document (RFC 7946: WGS 84 longitude/latitude; a legacy `crs`
    /// member is ignored) and resolves its incident columns.
    /// - Throws: `FormatError` for malformed GeoJSON or missing date or coordinate fields.
    init(geoJSON data: Data, mapping: IncidentColumnMapping) throws {
        let collection = try GeoJSONReader.read(data, name: "body")
        table = try IncidentFeatureTable(fields: collection.fields, crsText: nil, mapping: mapping,
                                         shapefileNames: false, file: "body")
        features = collection.features
        csv = nil
        repeatCheck = IncidentRepeatCheck(keyedByID: mapping.keyByID)
    }

    func nextBatch(maxCount: Int) throws -> [IncidentRecord]? {
        var batch: [IncidentRecord] = []
        while batch.count < maxCount, let row = try nextRow() {
            switch row {
            case .record(let r):
                // A row repeating an earlier one is stored once; one giving an earlier row's id
                // with other values is rejected (`IncidentRepeatCheck`, as `bordermap import`).
                switch repeatCheck.check(r) {
                case .first: batch.append(r)
                case .repeats(let earlier): repeats.append((r.row, earlier))
                case .conflicts(let earlier):
                    rejections.append(RowRejection(file: "body", row: r.row, reason: IncidentRepeatCheck.conflictReason(id: r.id, earlierRow: earlier)))
                }
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
