import Foundation
import GeoCore
import GeoFormats
import TestSupport
import Testing
@testable import IncidentStore

/// `IncidentStoring.geoJSONFeatures`: the text SQLite writes from its rows (stored properties
/// copied through when canonical) and the protocol's decoding default are the text
/// `GeoJSONWriter` writes for the same incidents as `Feature`s, page by page; GDAL reads it.
@Suite struct IncidentGeoJSONTests {
    /// The feature `GeoJSONWriter` is given for an incident (as the tile server built it before
    /// the stream wrote text itself): fields, then the free properties; a field wins over a
    /// free property of the same name.
    static func feature(_ i: Incident) -> Feature {
        var p: [String: PropertyValue] = [:]
        for (k, v) in i.properties { p[k] = .string(v) }
        p["id"] = .string(i.id)
        p["occurred_at"] = .string(DateParsing.iso8601(i.occurredAt))
        p["category"] = i.category.map(PropertyValue.string) ?? .null
        p["substance"] = i.substance.map(PropertyValue.string) ?? .null
        p["quantity_kg"] = i.quantityKg.map(PropertyValue.double) ?? .null
        p["agency"] = i.agency.map(PropertyValue.string) ?? .null
        p["border_post"] = i.borderPost.map(PropertyValue.string) ?? .null
        p["source"] = i.source.map(PropertyValue.string) ?? .null
        return Feature(id: .string(i.id), geometry: .point(Point(x: i.lon, y: i.lat)), properties: p)
    }

    /// Records with every kind of property: Cyrillic keys and values, quotes, backslashes,
    /// newlines and other control characters, a key named like a field, no properties at all.
    static func records() -> [IncidentRecord] {
        var records = SQLiteTestSupport.records(1_200, seed: 77)
        for (n, i) in records.indices.enumerated() where n % 3 == 0 {
            records[i].properties["anchor"] = "Dostyk \u{1}\u{1f}\t\"/\\"
            records[i].properties["country"] = "Қазақстан"
            if n % 9 == 0 { records[i].properties["category"] = "shadowed by the field" }
        }
        return records
    }

    /// The collection of `store`'s pages of `pageSize`, as the server joins them.
    static func collection(_ store: some IncidentStoring, pageSize: Int) async throws -> [UInt8] {
        var out: [UInt8] = []
        GeoJSONText.appendCollectionStart(name: "incidents", to: &out)
        var query = IncidentQuery(limit: pageSize)
        var pages = 0
        while true {
            let page = try await store.geoJSONFeatures(matching: query)
            if page.count > 0, pages > 0 { out += GeoJSONText.featureSeparator }
            out += page.text
            pages += 1
            guard page.count == pageSize, let last = page.last else { break }
            query.after = last
        }
        out += GeoJSONText.collectionEnd
        return out
    }

    @Test(arguments: StoreBackend.tested)
    func pagesAreTheTextOfTheGeoJSONWriter(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        _ = try await store.insert(Self.records())
        let incidents = try await SQLiteTestSupport.all(store)
        #expect(incidents.count == 1_200)
        var expected: [UInt8] = []
        var writer = GeoJSONWriter(options: .init(decimals: 7)) { expected += Array($0) }
        try writer.begin(name: "incidents", fields: IncidentGeoJSON.fields)
        for i in incidents { try writer.write(Self.feature(i)) }
        try writer.end()
        let paged = try await Self.collection(store, pageSize: 500)
        #expect(paged.count == expected.count)
        let at = paged.indices.first { $0 >= expected.count || paged[$0] != expected[$0] } ?? paged.count
        #expect(paged == expected, "first difference at byte \(at): \(String(decoding: paged[max(0, at - 80)..<min(paged.count, at + 80)], as: UTF8.self))")
        if let sqlite = store as? SQLiteIncidentStore {
            // The decoding default on the same rows: the same text.
            let decoded = try await Self.collection(DecodingStore(base: sqlite), pageSize: 700)
            #expect(decoded == expected)
        }
        await store.close()
    }

    @Test func gdalReadsEveryFeatureAndTheFreeProperties() async throws {
        let store = try SQLiteIncidentStore(path: try SQLiteTestSupport.tempDatabase())
        _ = try await store.insert(Self.records())
        let file = URL(fileURLWithPath: store.path).deletingLastPathComponent().appendingPathComponent("incidents.geojson")
        try Data(try await Self.collection(store, pageSize: 250)).write(to: file)
        let info = try Tool.run(["ogrinfo", "-ro", "-so", "-al", file.path])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.output.contains("Feature Count: 1200"), "\(info.output)")
        for field in ["quantity_kg: Real", "anchor: String", "country: String", "примечание: String"] {
            #expect(info.output.contains(field), "\(field) in \(info.output)")
        }
        // Values as GDAL reads them: the escapes of the copied-through text decode to the stored text.
        let csv = try Tool.run(["ogr2ogr", "-f", "CSV", "/vsistdout/", file.path, "-sql",
                                "SELECT anchor, country FROM incidents WHERE anchor IS NOT NULL"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.output.contains("\"Dostyk \u{1}\u{1f}\t\"\"/\\\""), "\(csv.output.prefix(300))")
        #expect(csv.output.contains("Қазақстан"), "\(csv.output.prefix(300))")
    }

    @Test func aLimitAndAnAreaAreKept() async throws {
        let store = try SQLiteIncidentStore(path: try SQLiteTestSupport.tempDatabase())
        _ = try await store.insert(Self.records())
        let area = Geometry.polygon(Polygon(exterior: LinearRing([Coordinate(65, 37), Coordinate(75, 37), Coordinate(70, 44), Coordinate(65, 37)])))
        let query = IncidentQuery(area: area, limit: 40)
        let page = try await store.geoJSONFeatures(matching: query)
        let ids = try await SQLiteTestSupport.all(store, query).map(\.id)
        #expect(ids.count == 40 && page.count == 40)
        #expect(page.last?.id == ids.last)
        let doc = try JSONSerialization.jsonObject(with: Data(("[" + String(decoding: page.text, as: UTF8.self) + "]").utf8)) as? [[String: Any]]
        #expect(doc?.compactMap { $0["id"] as? String } == ids)
    }
}

/// A SQLite store without its own `geoJSONFeatures`: the protocol's decoding default runs.
private struct DecodingStore: IncidentStoring {
    let base: SQLiteIncidentStore
    func insert(_ records: [IncidentRecord]) async throws -> InsertSummary { try await base.insert(records) }
    func forEach(matching query: IncidentQuery, _ body: @Sendable (Incident) throws -> Void) async throws {
        try await base.forEach(matching: query, body)
    }
    func forEach(matching query: IncidentQuery, columns: IncidentColumns, _ body: @Sendable (Incident) throws -> Void) async throws {
        try await base.forEach(matching: query, columns: columns, body)
    }
    func count(matching query: IncidentQuery, groupedBy field: IncidentGroupField) async throws -> [String: Int] {
        try await base.count(matching: query, groupedBy: field)
    }
    func count(matching query: IncidentQuery) async throws -> Int { try await base.count(matching: query) }
    func dataVersion() async throws -> Int64 { try await base.dataVersion() }
}
