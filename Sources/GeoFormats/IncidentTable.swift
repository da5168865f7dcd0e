import Foundation

/// Turns the rows of an incident spreadsheet into `IncidentRecord`s or `RowRejection`s, given
/// its header. Independent of the file format: the CSV reader (`IncidentTableReader`) and an
/// XLSX reader feed it header and row values.
///
/// Columns are matched to `IncidentField`s by header name (`IncidentField.headerNames`, English
/// and Russian, case-insensitive) unless `mapping` names them; the first matching column wins,
/// and a later one that matches the same field is kept in `properties`. A `coordinates` column
/// is used only when there are not both `lat` and `lon` columns. A `time` column (`время`) is
/// joined to a date cell that has no time of its own. Required: a date column, and `lat` +
/// `lon` or `coordinates`.
public struct IncidentTable: Sendable, Hashable {
    /// The header cells as read.
    public let header: [String]
    /// The column index (0-based) feeding each field that has one.
    public let columns: [IncidentField: Int]
    /// The file, used in rejections.
    public let file: String?
    /// Whether records are keyed by their `id` cell (`IncidentColumnMapping.keyByID`) rather
    /// than by their content.
    public let keyByID: Bool
    /// Whether `,` is a decimal separator in numbers and coordinates (true unless the file's
    /// delimiter is `,`).
    public let decimalComma: Bool
    /// Offset east of UTC, in seconds, of times written without a zone (default 0).
    public let utcOffsetSeconds: Int
    /// `header` normalised (for source keys), and the columns feeding a field.
    private let keyNames: [String]
    private let mappedColumns: Set<Int>
    /// The source-key entry order fixed for this header (nil when names repeat); see
    /// `IncidentTable.keyOrder(names:)`.
    private let keyOrder: [SourceKeyColumn]?

    /// Resolves the columns of `header`.
    /// - Parameters:
    ///   - mapping: explicitly named columns (default none).
    ///   - file: the file, for errors and rejections.
    ///   - decimalComma: see the property.
    ///   - utcOffsetSeconds: see the property.
    /// - Throws: `FormatError` at row 1 when a mapped column is absent, or no date or no
    ///   coordinate columns can be found.
    public init(header: [String], mapping: IncidentColumnMapping = IncidentColumnMapping(), file: String? = nil,
                decimalComma: Bool, utcOffsetSeconds: Int = 0) throws {
        self.header = header
        self.file = file
        self.decimalComma = decimalComma
        self.utcOffsetSeconds = utcOffsetSeconds
        let names = header.map(IncidentField.normalise)
        var columns: [IncidentField: Int] = [:]
        var used = Set<Int>()
        for (field, ref) in mapping.columns.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let key = IncidentField.normalise(ref)
            let trimmed = ref.trimmingCharacters(in: .whitespaces)
            let index = names.firstIndex(of: key) ?? header.firstIndex { $0.trimmingCharacters(in: .whitespaces) == trimmed }
                ?? Int(trimmed).flatMap { (1...header.count).contains($0) ? $0 - 1 : nil }
            guard let i = index else {
                throw FormatError(file: file, location: "row 1", "column '\(ref)' mapped to \(field.rawValue) is not in the header")
            }
            columns[field] = i
            used.insert(i)
        }
        for (i, name) in header.enumerated() where !used.contains(i) {
            guard let field = IncidentField(header: name), columns[field] == nil else { continue }
            columns[field] = i
        }
        if columns[.lat] != nil, columns[.lon] != nil { columns[.coordinates] = nil }
        guard columns[.occurredAt] != nil else {
            throw FormatError(file: file, location: "row 1",
                              "no date column (looked for \(IncidentField.occurredAt.headerNames.joined(separator: ", ")); name it with a mapping)")
        }
        guard columns[.coordinates] != nil || (columns[.lat] != nil && columns[.lon] != nil) else {
            throw FormatError(file: file, location: "row 1",
                              "no coordinate columns (need lat and lon, e.g. широта and долгота, or one coordinates column)")
        }
        if mapping.keyByID, columns[.id] == nil {
            throw FormatError(file: file, location: "row 1", "records are to be keyed by their id, but no column is named for id")
        }
        keyByID = mapping.keyByID
        self.columns = columns
        keyNames = names
        keyOrder = Self.keyOrder(names: names)
        mappedColumns = Set(columns.values)
    }

    /// Converts one row.
    /// - Parameters:
    ///   - values: the cells, aligned with `header`; fewer cells count as empty ones.
    ///   - row: the row's 1-based line in the file, for the record and rejections.
    ///   - hasInvalidText: true when the reader had to replace invalid bytes (the row is rejected).
    ///   - isPlausible: optional check `(lon, lat) -> Bool`, e.g. "inside the expected countries";
    ///     when it refuses the point but accepts it with lat and lon exchanged, the row is
    ///     rejected as swapped. Nothing else is decided by it.
    /// - Returns: the record, or a rejection whose reason names the field and the problem.
    public func convert(_ values: [String], row: Int, hasInvalidText: Bool = false,
                        isPlausible: ((_ lon: Double, _ lat: Double) -> Bool)? = nil) -> IncidentTableRow {
        func reject(_ reason: String) -> IncidentTableRow { .rejected(RowRejection(file: file, row: row, reason: reason)) }
        if hasInvalidText { return reject("text is not valid UTF-8; give the file's encoding explicitly") }
        if values.count > header.count, values[header.count...].contains(where: { !$0.trimmedCell.isEmpty }) {
            return reject("row has \(values.count) fields but the header has \(header.count)")
        }
        // PostgreSQL text cannot hold U+0000 (SQLite can): refuse the row in every backend alike.
        if let i = values.firstIndex(where: { $0.unicodeScalars.contains("\u{0}") }) {
            return reject("column \(i < header.count ? header[i] : String(i + 1)) holds a NUL character (U+0000), which the database cannot store")
        }
        func cell(_ f: IncidentField) -> String? {
            guard let i = columns[f], i < values.count else { return nil }
            let v = values[i].trimmedCell
            return v.isEmpty ? nil : v
        }
        do {
            var idKey: String?
            if keyByID {
                guard let id = cell(.id) else {
                    return reject("missing id (column \(columns[.id].map { header[$0] } ?? "?") is the re-import key)")
                }
                idKey = Self.sourceKey(id: id)
            }
            guard var dateText = cell(.occurredAt) else { return reject("missing date") }
            if let time = cell(.time), !dateText.utf8.contains(0x3A) { dateText += " " + time }
            let date: Date
            do { date = try DateParsing.parse(dateText, utcOffsetSeconds: utcOffsetSeconds) } catch let e as FormatError {
                return reject("date: \(e.message)")
            }
            var lat: Double, lon: Double
            if columns[.coordinates] != nil {
                guard let text = cell(.coordinates) else { return reject("missing coordinates") }
                do { (lat, lon) = try CoordinateParsing.parsePair(text, decimalComma: decimalComma) } catch let e as FormatError {
                    return reject("coordinates: \(e.message)")
                }
            } else {
                guard let latText = cell(.lat) else { return reject("missing latitude") }
                guard let lonText = cell(.lon) else { return reject("missing longitude") }
                do { lat = try CoordinateParsing.parseAngle(latText, axis: .latitude, decimalComma: decimalComma) } catch let e as FormatError {
                    return reject("latitude: \(e.message)")
                }
                do { lon = try CoordinateParsing.parseAngle(lonText, axis: .longitude, decimalComma: decimalComma) } catch let e as FormatError {
                    return reject("longitude: \(e.message)")
                }
            }
            if abs(lat) > 90, abs(lon) <= 90, abs(lat) <= 180 { return reject("latitude and longitude look swapped") }
            do { try CoordinateParsing.validate(lat: lat, lon: lon) } catch let e as FormatError { return reject(e.message) }
            if let ok = isPlausible, !ok(lon, lat), ok(lat, lon) { return reject("latitude and longitude look swapped") }
            var quantity: Double?
            if let q = cell(.quantityKg) {
                do { quantity = try Self.parseQuantity(q, decimalComma: decimalComma) } catch let e as FormatError {
                    return reject("quantity: \(e.message)")
                }
            }
            var properties: [String: String] = [:]
            for (i, v) in values.enumerated() where i < header.count && !mappedColumns.contains(i) {
                let value = v.trimmedCell
                guard !value.isEmpty else { continue }
                let name = header[i].trimmedCell
                properties[name.isEmpty || properties[name] != nil ? "column_\(i + 1)" : name] = value
            }
            return .record(IncidentRecord(
                id: cell(.id), occurredAt: date, lon: lon, lat: lat, category: cell(.category), substance: cell(.substance),
                quantityKg: quantity, agency: cell(.agency), borderPost: cell(.borderPost), source: cell(.source),
                properties: properties,
                sourceKey: idKey ?? keyOrder.map { Self.sourceKey(order: $0, values: values) } ?? Self.sourceKey(names: keyNames, values: values),
                row: row))
        } catch {
            return reject("\(error)")  // parsers throw only FormatError; kept for exhaustiveness
        }
    }
}
