import Foundation
import Testing
@testable import GeoFormats

@Suite("XLSX incidents")
struct XLSXIncidentReaderTests {
    /// What make_fixtures.py says each row of sheet "Incidents" must give (from its source values).
    struct Expected: Decodable {
        let row: Int
        let rejected: Bool?
        let id: String?
        let occurredAt: String?
        let lat: Double?
        let lon: Double?
        let category: String?
        let substance: String?
        let quantityKg: Double?
        let borderPost: String?
        let properties: [String: String]?
    }

    @Test("the English sheet gives the incidents and rejections the generator wrote")
    func english() throws {
        let path = try XLSXFixtures.url("incidents.xlsx").path
        let expected = try JSONDecoder().decode([Expected].self, from: Data(contentsOf: XLSXFixtures.url("incidents_records.json")))
        let reader = try XLSXIncidentReader(path: path)
        #expect(reader.headerRow == 1)
        let (records, rejections) = try reader.readAll()
        #expect(records.map(\.row) == expected.filter { $0.rejected != true }.map(\.row))
        #expect(rejections.map(\.row) == expected.filter { $0.rejected == true }.map(\.row), "\(rejections)")
        #expect(rejections.allSatisfy { $0.file == path })
        for (r, e) in zip(records, expected.filter { $0.rejected != true }) {
            #expect(DateParsing.iso8601(r.occurredAt) == e.occurredAt, "row \(r.row)")
            #expect(r.lat == e.lat && r.lon == e.lon, "row \(r.row)")
            #expect(r.id == e.id && r.category == e.category && r.substance == e.substance, "row \(r.row)")
            #expect(r.quantityKg == e.quantityKg && r.borderPost == e.borderPost, "row \(r.row)")
            #expect(r.properties == e.properties, "row \(r.row): \(r.properties)")
        }
        let reasons = Dictionary(uniqueKeysWithValues: rejections.map { ($0.row, $0.reason) })
        #expect(reasons[7]?.contains("latitude") == true, "\(reasons)")
        #expect(reasons[8] == "missing date")
        #expect(reasons[12]?.contains("11 fields") == true)
    }

    @Test("the Russian sheet, chosen by name, converts dates, numbers and decimal-comma text")
    func russian() throws {
        let path = try XLSXFixtures.url("incidents.xlsx").path
        let (records, rejections) = try XLSXIncidentReader(path: path, sheet: .named("Инциденты"), utcOffsetSeconds: 5 * 3600).readAll()
        #expect(rejections.isEmpty, "\(rejections)")
        #expect(records.map(\.row) == [2, 3, 4])
        #expect(records.map { DateParsing.iso8601($0.occurredAt) } == ["2024-01-15T04:45:00Z", "2024-02-28T19:00:00Z", "2024-03-15T19:00:00Z"])
        #expect(records.map(\.lat) == [41.2995, 38.5598, 41.3])
        #expect(records.map(\.quantityKg) == [0.75, nil, 1.5])
        #expect(records.map(\.category) == ["изъятие", "задержание", "изъятие"])
    }

    @Test("the same row read from XLSX and from CSV gets the same source key")
    func sourceKeyMatchesCSV() throws {
        let xlsx = try XLSXIncidentReader(path: XLSXFixtures.url("date1904.xlsx").path)
        let first = try #require(try xlsx.readAll().records.first)
        let csv = try IncidentTableReader(data: Data("date,lat,lon,elapsed\n2024-03-05T06:00:00,41.5,69.5,30:15:00\n".utf8))
        let fromCSV = try #require(try csv.readAll().records.first)
        #expect(DateParsing.iso8601(first.occurredAt) == "2024-03-05T06:00:00Z")
        #expect(first.sourceKey == fromCSV.sourceKey)
    }

    @Test("a sheet without date or coordinate columns is refused at its header row")
    func badHeader() throws {
        do {
            _ = try XLSXIncidentReader(path: XLSXFixtures.url("types.xlsx").path)
            Issue.record("expected an error")
        } catch let e as FormatError {
            #expect(e.location == "sheet 'Types' row 1", "\(e)")
        }
    }
}
