import Foundation
import Testing
@testable import GeoFormats

/// The CSV fixtures and what Python's csv module (and make_fixtures.py) says reading them gives.
enum CSVFixtures {
    struct Record: Decodable { let row: Int; let fields: [String] }
    struct Incident: Decodable {
        let row: Int
        let id: String?
        let lat: Double
        let lon: Double
        let t: Double
        let quantity_kg: Double?
        let category: String?
        let substance: String?
        let agency: String?
        let border_post: String?
        let source: String?
        let properties: [String: String]
        let source_key: String
    }
    struct Rejection: Decodable { let row: Int; let reason: String }
    struct Expected: Decodable {
        let file: String
        let encoding: String
        let delimiter: String
        let records: [Record]
        let incidents: [Incident]
        let rejections: [Rejection]
    }

    /// Incident tables.
    static let names = ["incidents_excel_ru", "incidents_utf8_bom", "incidents_tab_cr"]
    /// All fixtures for the CSV reader: the incident tables and a seeded random stress file.
    static let readerNames = names + ["stress_random"]

    static func url(_ name: String) throws -> URL {
        let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return dir.appendingPathComponent("csv").appendingPathComponent(name)
    }

    static func expected(_ name: String) throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url(name + ".expected.json")))
    }
}
