import Foundation

/// Turns the rows of a plate-reader sighting table into `SightingRecord`s or `RowRejection`s,
/// given its header; the CSV and XLSX readers (`SightingTableReader`) feed it.
///
/// Columns are matched by header name (`SightingField.headerNames`, English and Russian,
/// case-insensitive; the first matching column wins). Required: plate, camera, time, lon, lat.
/// Times are parsed by `DateParsing` (ISO 8601, dd.mm.yyyy hh:mm[:ss], Excel serials);
/// coordinates by `CoordinateParsing` (decimal degrees or DMS). Other columns are ignored except
/// in the source key, which follows the incident rule (`IncidentTable.sourceKey`), so a repeated
/// row is recognised whatever the file's name, encoding, delimiter or column order.
public struct SightingTable: Sendable, Hashable {
    /// The header cells as read.
    public let header: [String]
    /// The column index (0-based) of each field found.
    public let columns: [SightingField: Int]
    /// The file, used in rejections.
    public let file: String?
    /// Whether `,` is a decimal separator in coordinates.
    public let decimalComma: Bool
    /// Offset east of UTC, seconds, of times written without a zone.
    public let utcOffsetSeconds: Int

    /// Resolves the columns of `header`.
    /// - Throws: `FormatError` at row 1 naming the required columns that are missing.
    public init(header: [String], file: String? = nil, decimalComma: Bool, utcOffsetSeconds: Int = 0) throws {
        self.header = header
        self.file = file
        self.decimalComma = decimalComma
        self.utcOffsetSeconds = utcOffsetSeconds
        var columns: [SightingField: Int] = [:]
        for (i, name) in header.enumerated() {
            guard let field = SightingField(header: name), columns[field] == nil else { continue }
            columns[field] = i
        }
        let missing = [SightingField.plate, .camera, .time, .lon, .lat].filter { columns[$0] == nil }
        guard missing.isEmpty else {
            let wanted = missing.map { "\($0.rawValue) (\($0.headerNames.prefix(4).joined(separator: "/")))" }
            throw FormatError(file: file, location: "row 1", "missing sighting columns: \(wanted.joined(separator: ", "))")
        }
        self.columns = columns
    }

    /// A plate as compared and stored: upper case, with spaces removed (`"syn 001"` → `"SYN001"`).
    public static func normalisePlate(_ text: String) -> String {
        String(text.uppercased().filter { !$0.isWhitespace })
    }

    /// Converts one row.
    /// - Parameters:
    ///   - values: the cells aligned with `header`; fewer cells count as empty ones.
    ///   - row: the 1-based row, for the record and rejections.
    ///   - hasInvalidText: true when the reader had to replace invalid bytes (the row is rejected).
    /// - Returns: the record, or a rejection naming the field and the problem.
    public func convert(_ values: [String], row: Int, hasInvalidText: Bool = false) -> SightingTableRow {
        func reject(_ reason: String) -> SightingTableRow { .rejected(RowRejection(file: file, row: row, reason: reason)) }
        if hasInvalidText { return reject("text is not valid UTF-8; give the file's encoding explicitly") }
        if values.count > header.count, values[header.count...].contains(where: { !$0.trimmedCell.isEmpty }) {
            return reject("row has \(values.count) fields but the header has \(header.count)")
        }
        func cell(_ f: SightingField) -> String? {
            guard let i = columns[f], i < values.count else { return nil }
            let v = values[i].trimmedCell
            return v.isEmpty ? nil : v
        }
        guard let plateText = cell(.plate) else { return reject("missing plate") }
        let plate = Self.normalisePlate(plateText)
        guard let camera = cell(.camera) else { return reject("missing camera") }
        guard let timeText = cell(.time) else { return reject("missing time") }
        let time: Date
        do { time = try DateParsing.parse(timeText, utcOffsetSeconds: utcOffsetSeconds) } catch {
            return reject("time: \((error as? FormatError)?.message ?? "\(error)")")
        }
        guard let latText = cell(.lat) else { return reject("missing latitude") }
        guard let lonText = cell(.lon) else { return reject("missing longitude") }
        let lat: Double, lon: Double
        do { lat = try CoordinateParsing.parseAngle(latText, axis: .latitude, decimalComma: decimalComma) } catch {
            return reject("latitude: \((error as? FormatError)?.message ?? "\(error)")")
        }
        do { lon = try CoordinateParsing.parseAngle(lonText, axis: .longitude, decimalComma: decimalComma) } catch {
            return reject("longitude: \((error as? FormatError)?.message ?? "\(error)")")
        }
        if abs(lat) > 90, abs(lon) <= 90, abs(lat) <= 180 { return reject("latitude and longitude look swapped") }
        do { try CoordinateParsing.validate(lat: lat, lon: lon) } catch {
            return reject((error as? FormatError)?.message ?? "\(error)")
        }
        return .record(SightingRecord(plate: plate, cameraID: camera, time: time, lon: lon, lat: lat, source: cell(.source),
                                      sourceKey: IncidentTable.sourceKey(header: header, values: values), row: row))
    }
}
