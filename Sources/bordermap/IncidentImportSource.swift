import ArgumentParser
import Foundation
import GeoCore
import GeoFormats
import IncidentStore

/// The file formats `bordermap import` reads.
enum IncidentImportFormat: String, CaseIterable, ExpressibleByArgument {
    case csv, xlsx, geojson, shp

    /// The format a file's extension names: `.csv` `.txt` `.tsv`, `.xlsx`, `.geojson` `.json`, `.shp`.
    /// - Throws: `ValidationError` for any other extension.
    init(path: String) throws {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv", "txt", "tsv": self = .csv
        case "xlsx": self = .xlsx
        case "geojson", "json": self = .geojson
        case "shp": self = .shp
        case let ext:
            throw ValidationError("\(path): cannot tell the format from '.\(ext)'; give --format csv, xlsx, geojson or shp")
        }
    }
}

/// One file opened for import, whatever its format: rows come out as records or rejections
/// together with the cells written to the rejects file.
final class IncidentImportSource {
    /// The rejects file's first column: `row` for tables, `feature` for layers.
    let numberLabel: String
    /// The cells' header in the rejects file.
    let header: [String]
    /// The progress total: file bytes for CSV, bytes of the sheet's XML for XLSX, features for layers.
    let total: Int
    /// The unit of `total` and `done`, for the progress line.
    var unit: String { csv != nil ? "bytes" : xlsx != nil ? "bytes of sheet XML" : "features" }
    /// Progress so far, in the unit of `total`.
    private(set) var done = 0
    /// Whether records are keyed by their id column (`--id-column`) rather than by content.
    var keyByID: Bool { csv?.table.keyByID ?? xlsx?.table.keyByID ?? features?.table.keyByID ?? false }
    /// Warnings of the reader (shapefile repairs).
    var warnings: [String] { shapefile?.warnings ?? [] }
    private var csv: IncidentTableReader?
    private var xlsx: XLSXIncidentReader?
    private var shapefile: ShapefileReader?
    private var collection: FeatureCollection?
    private var features: IncidentFeatureTable?

    /// Opens `path` in `format` and resolves its header.
    /// - Throws: `FormatError` for unreadable files or headers without date or coordinates;
    ///   `ProjectionError` for an unusable `.prj`.
    /// `(lon, lat) -> Bool`: whether a point is plausible (on land); spreadsheet rows whose
    /// coordinates fail it but pass it swapped are rejected as swapped.
    private let isPlausible: (@Sendable (Double, Double) -> Bool)?

    init(path: String, format: IncidentImportFormat, mapping: IncidentColumnMapping, sheet: XLSXSheet,
         isPlausible: (@Sendable (Double, Double) -> Bool)? = nil) throws {
        self.isPlausible = isPlausible
        switch format {
        case .csv:
            let reader = try IncidentTableReader(path: path, mapping: mapping)
            csv = reader
            numberLabel = "row"
            header = reader.table.header
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            total = size ?? 0
        case .xlsx:
            let reader = try XLSXIncidentReader(path: path, sheet: sheet, mapping: mapping)
            xlsx = reader
            numberLabel = "row"
            header = reader.table.header
            total = reader.xlsx.sheetByteCount
        case .geojson:
            let fc = try GeoJSONReader.read(contentsOf: URL(fileURLWithPath: path))
            let table = try IncidentFeatureTable(fields: fc.fields, crsText: fc.crs, mapping: mapping, shapefileNames: false, file: path)
            collection = fc
            features = table
            numberLabel = "feature"
            header = table.table.header
            total = fc.features.count
        case .shp:
            let reader = try ShapefileReader(path: path)
            let table = try IncidentFeatureTable(fields: reader.fields, crsText: reader.crs, mapping: mapping, shapefileNames: true, file: path)
            shapefile = reader
            features = table
            numberLabel = "feature"
            header = table.table.header
            total = reader.recordCount
        }
    }

    /// The next row's outcome and cells, or nil at the end.
    /// - Throws: `FormatError` when the file itself is broken.
    func next() throws -> (row: IncidentTableRow, cells: [String])? {
        guard let row = try nextRow() else {
            done = total  // the reading is complete, whatever the estimate said
            return nil
        }
        return row
    }

    private func nextRow() throws -> (row: IncidentTableRow, cells: [String])? {
        if let csv {
            guard let r = try csv.csv.next() else { return nil }
            // Bytes consumed, estimated from the cells (one delimiter or line break per cell).
            done = min(total, done + r.fields.reduce(r.fields.count) { $0 + $1.utf8.count })
            return (csv.table.convert(r.fields, row: r.row, hasInvalidText: r.hasInvalidText, isPlausible: isPlausible), r.fields)
        }
        if let xlsx {
            guard let r = try xlsx.xlsx.next() else { return nil }
            done = xlsx.xlsx.sheetBytesRead
            return (xlsx.table.convert(r.cells, row: r.row, isPlausible: isPlausible), r.cells)
        }
        guard let features else { return nil }
        let feature: Feature
        if let shapefile {
            guard let f = try shapefile.next() else { return nil }
            feature = f
        } else {
            guard let collection, done < collection.features.count else { return nil }
            feature = collection.features[done]
        }
        done += 1
        return features.convert(feature, number: done)
    }
}
