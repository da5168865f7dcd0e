import Foundation
import GeoCore
import GeoFormats
import GeoProjection

/// Turns the point features of a GeoJSON file or shapefile into incident rows through the same
/// `IncidentTable` the CSV and XLSX imports use: the property names form the header (matched to
/// incident fields in English and Russian), the property values become string cells (so dates,
/// numbers and categories parse exactly as in a spreadsheet), and the point's longitude and
/// latitude, reprojected to WGS 84 when the layer declares another CRS, fill two leading
/// columns mapped to `lon` and `lat`. A property called `lat` or `широта` is therefore kept in
/// `properties`; the geometry decides where the incident is.
///
/// Each record's `sourceKey` is `IncidentTable.sourceKey` of its cells (geometry included), so
/// re-importing an unchanged layer stores nothing twice (or the id column's, with
/// `IncidentColumnMapping.keyByID`). Features without a geometry, or with
/// anything but a point (or a multipoint of one point), are rejected with their 1-based number.
public struct IncidentFeatureTable {
    /// Header of the two geometry columns; they come first so that a property of the same
    /// normalised name cannot shadow them.
    public static let lonColumn = "lon (geometry)", latColumn = "lat (geometry)"

    public let table: IncidentTable
    /// Property names in header order (after the two geometry columns).
    public let propertyNames: [String]
    let transformer: Transformer?
    public let file: String

    /// Resolves the header of a layer.
    /// - Parameters:
    ///   - fields: the layer's attribute fields.
    ///   - crsText: the declared CRS (`.prj` WKT, `EPSG:4326`), nil for WGS 84 longitude/latitude.
    ///   - mapping: columns named by the user (`--map`); `lon` and `lat` always come from the geometry.
    ///   - shapefileNames: whether names may be cut to 10 bytes (`occurred_a` for `occurred_at`).
    /// - Throws: `FormatError` when no property supplies the date; `ProjectionError` for an unusable CRS.
    public init(fields: [Field], crsText: String?, mapping: IncidentColumnMapping, shapefileNames: Bool, file: String) throws {
        self.file = file
        propertyNames = fields.map(\.name)
        var columns = mapping.columns
        if shapefileNames {
            for name in propertyNames where name.utf8.count == 10 && IncidentField(header: name) == nil {
                let key = IncidentField.normalise(name)
                let candidates = IncidentField.allCases.filter { f in f.headerNames.contains { $0.count > key.count && $0.hasPrefix(key) } }
                if candidates.count == 1, columns[candidates[0]] == nil { columns[candidates[0]] = name }
            }
        }
        columns[.lon] = Self.lonColumn
        columns[.lat] = Self.latColumn
        columns[.coordinates] = nil
        var resolved = mapping  // keeps `keyByID`
        resolved.columns = columns
        table = try IncidentTable(header: [Self.lonColumn, Self.latColumn] + propertyNames,
                                  mapping: resolved, file: file, decimalComma: true)
        if let crsText {
            let source = try CRS(crsText), wgs84 = try CRS.wgs84
            transformer = try source.isEquivalent(to: wgs84) ? nil : Transformer(from: source, to: wgs84)
        } else {
            transformer = nil
        }
    }

    /// The outcome for feature `number` (1-based) and its cells (for the rejects file).
    public func convert(_ feature: Feature, number: Int) -> (row: IncidentTableRow, cells: [String]) {
        let properties = propertyNames.map { Self.text(feature.properties[$0] ?? .null) }
        func reject(_ reason: String, _ lonLat: [String] = ["", ""]) -> (IncidentTableRow, [String]) {
            (.rejected(RowRejection(file: file, row: number, reason: reason)), lonLat + properties)
        }
        let coordinate: Coordinate
        switch feature.geometry {
        case nil:
            return reject("feature has no geometry")
        case .point(let p)?:
            coordinate = p.coordinate
        case .multiPoint(let m)? where m.points.count == 1:
            coordinate = m.points[0].coordinate
        case let g?:
            return reject("geometry is a \(g.typeName); only points can be imported as incidents")
        }
        var lonLat = coordinate
        if let transformer {
            do { lonLat = try transformer.transform(Coordinate(x: coordinate.x, y: coordinate.y)) } catch {
                return reject("cannot transform (\(Self.number(coordinate.x)), \(Self.number(coordinate.y))) to WGS 84: \(error)")
            }
        }
        let cells = [Self.number(lonLat.x), Self.number(lonLat.y)] + properties
        return (table.convert(cells, row: number), cells)
    }

    /// A property value as a table cell: numbers without exponents, dates as `YYYY-MM-DD`.
    public static func text(_ value: PropertyValue) -> String {
        switch value {
        case .double(let d): number(d)
        default: value.description
        }
    }

    /// Decimal text with `.` and no exponent (the shortest round-trip digits when possible).
    public static func number(_ d: Double) -> String {
        guard d.isFinite else { return "" }
        let s = "\(d)"
        if !s.contains("e") { return s.hasSuffix(".0") ? String(s.dropLast(2)) : s }
        var fixed = String(format: "%.17f", d)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        if fixed.hasSuffix(".") { fixed.removeLast() }
        return fixed
    }
}
