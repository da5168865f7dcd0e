import Foundation
import GeoCore
import Testing
import TestSupport
@testable import MapStyle

/// The situation-room filters select, on the real sample data, the same features as the
/// Mapnik reference style's rules (`../shared/reference/mapnik/situation-room.xml`, its scale
/// denominators converted to zooms: 52.4M -> z4, 26.2M -> z5, 13.1M -> z6, 6.55M -> z7,
/// 3.28M -> z8). Counts come from GDAL (`ogrinfo -sql`); attributes are read with `ogr2ogr`.
@Suite struct FilterOracleTests {
    struct Case: CustomStringConvertible, Sendable {
        var layer: String
        var zoom: Double
        var table: String
        var fields: [String]
        var whereClause: String
        var description: String { "\(layer) z\(StyleJSON.format(zoom)): \(whereClause)" }
    }

    static let places = ["pop", "capital"]
    static let cases: [Case] = [
        Case(layer: "places", zoom: 3, table: "ca_populated_places", fields: places, whereClause: "capital = 1 OR pop >= 1000000"),
        Case(layer: "places", zoom: 4, table: "ca_populated_places", fields: places, whereClause: "capital = 1 OR pop >= 1000000"),
        Case(layer: "places", zoom: 5, table: "ca_populated_places", fields: places, whereClause: "capital = 1 OR pop >= 250000"),
        Case(layer: "places", zoom: 6, table: "ca_populated_places", fields: places, whereClause: "capital = 1 OR pop >= 50000"),
        Case(layer: "places", zoom: 7.5, table: "ca_populated_places", fields: places, whereClause: "capital = 1 OR pop >= 10000"),
        Case(layer: "places", zoom: 8, table: "ca_populated_places", fields: places, whereClause: "capital = 1 OR pop >= 0"),
        // Labels are split: capitals and cities of a million first (before country names), then the rest.
        Case(layer: "capital-labels", zoom: 8, table: "ca_populated_places", fields: places, whereClause: "capital = 1 OR pop >= 1000000"),
        Case(layer: "place-labels", zoom: 8, table: "ca_populated_places", fields: places,
             whereClause: "(capital = 1 OR pop >= 10000) AND NOT (capital = 1 OR pop >= 1000000)"),
        Case(layer: "rivers-major", zoom: 3, table: "ca_rivers_gshhg", fields: ["level"], whereClause: "level <= 2"),
        Case(layer: "rivers-medium", zoom: 5, table: "ca_rivers_gshhg", fields: ["level"], whereClause: "level > 2 AND level <= 4"),
        Case(layer: "rivers-minor", zoom: 7, table: "ca_rivers_gshhg", fields: ["level"], whereClause: "level > 4"),
        Case(layer: "roads-major", zoom: 4, table: "ca_roads", fields: ["type"], whereClause: "type = 'Major Highway'"),
        Case(layer: "roads-other", zoom: 7, table: "ca_roads", fields: ["type"],
             whereClause: "type NOT IN ('Major Highway', 'Secondary Highway', 'Road')"),
        Case(layer: "disputed-boundaries", zoom: 5, table: "ca_admin0_boundary_lines_land", fields: ["FEATURECLA"],
             whereClause: "FEATURECLA LIKE 'Disputed%' OR FEATURECLA LIKE 'Indefinite%' OR FEATURECLA LIKE 'Indeterminant%' OR FEATURECLA LIKE 'Line of control%'"),
    ]

    static let shapefiles = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Shapefiles")

    static func run(_ arguments: [String]) throws -> String {
        let r = try Tool.run(arguments)
        guard r.status == 0 else { throw StyleError([StyleDiagnostic(path: "", message: "\(arguments) failed: \(r.stderr)")]) }
        return r.output
    }

    /// Rows of the selected fields (no commas or quotes occur in these fields).
    static func rows(_ table: String, _ fields: [String]) throws -> [[String: PropertyValue]] {
        let file = shapefiles.appendingPathComponent("\(table).shp").path
        let csv = try run(["ogr2ogr", "-f", "CSV", "/vsistdout/", file, "-select", fields.joined(separator: ",")])
        let lines = csv.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return [] }
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var row: [String: PropertyValue] = [:]
            for (name, cell) in zip(header, cells) {
                let text = cell.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                row[name] = text.isEmpty ? .null : Int64(text).map(PropertyValue.integer) ?? .string(text)
            }
            return row
        }
    }

    static func ogrCount(_ table: String, _ whereClause: String) throws -> Int? {
        let file = shapefiles.appendingPathComponent("\(table).shp").path
        let out = try run(["ogrinfo", "-q", "-sql", "SELECT COUNT(*) FROM \(table) WHERE \(whereClause)", file])
        guard let line = out.split(separator: "\n").first(where: { $0.contains("COUNT_*") && $0.contains("=") }) else { return nil }
        return Int(line.split(separator: "=").last?.trimmingCharacters(in: .whitespaces) ?? "")
    }

    @Test(arguments: cases)
    func situationRoomFilterMatchesMapnikRule(_ c: Case) throws {
        let style = try Style.load(contentsOf: StyleFilesTests.stylesDirectory.appendingPathComponent("situation-room.json")).style
        let layer = try #require(style.layer(id: c.layer))
        let visible = layer.isVisible(atZoom: c.zoom)
        let selected = try Self.rows(c.table, c.fields).filter {
            visible && layer.accepts(EvaluationContext(zoom: c.zoom, properties: $0))
        }.count
        let expected = try #require(try Self.ogrCount(c.table, c.whereClause), "ogrinfo gave no count")
        #expect(expected > 0)
        #expect(selected == expected, "\(c)")
    }
}
