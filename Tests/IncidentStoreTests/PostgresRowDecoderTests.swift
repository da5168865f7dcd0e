import Foundation
import Testing
import TestSupport
@testable import IncidentStore

/// The PostgreSQL row stream's `properties`, read with the project's JSON parser: values that
/// psql writes with every JSON escape come back as PostgreSQL itself reads them
/// (`jsonb_each_text`), and properties that are not an object of strings are a corrupt row.
@Suite(.enabled(if: PostgresTestServer.isInstalled, "needs postgresql-15 and postgresql-15-postgis-3 (see the warning printed)"))
struct PostgresRowDecoderTests {
    @Test func propertiesComeBackAsPostgreSQLReadsThem() async throws {
        let server = try PostgresTestServer.server()
        let db = try server.createDatabase()
        let store = try await PostgresIncidentStore.open(server.url(db))
        _ = try await store.insert(SQLiteTestSupport.records(3, seed: 31))
        try server.psql(db, #"""
            UPDATE incidents SET properties = '{"a": "\u00e9\t\"q\" \\ \/ \b\f\r\n \u0001", "ключ": "значение", "emoji": "\ud83d\ude00", "": ""}'
            WHERE id = (SELECT min(id) FROM incidents)
            """#)
        let expected = try server.psql(db, """
            SELECT string_agg(encode(convert_to(key, 'UTF8'), 'hex') || '=' || encode(convert_to(value, 'UTF8'), 'hex'), ',' ORDER BY key)
            FROM incidents, jsonb_each_text(properties) WHERE id = (SELECT min(id) FROM incidents)
            """)
        let incidents = try await SQLiteTestSupport.all(store)
        let first = try #require(incidents.min { $0.id < $1.id })
        #expect(first.properties.count == 4)
        func hex(_ s: String) -> String { s.utf8.map { String(format: "%02x", $0) }.joined() }
        let got = first.properties.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .map { "\(hex($0))=\(hex(first.properties[$0] ?? ""))" }.joined(separator: ",")
        #expect(got == expected)
        #expect(first.properties["emoji"] == "😀" && first.properties["ключ"] == "значение")
        await store.shutdown()
    }

    @Test(arguments: [#"{"a": 1}"#, #"{"a": {"b": "c"}}"#, #"["a"]"#, #"{"a": null}"#])
    func propertiesThatAreNotAnObjectOfStringsAreACorruptRow(_ json: String) async throws {
        let server = try PostgresTestServer.server()
        let db = try server.createDatabase()
        let store = try await PostgresIncidentStore.open(server.url(db))
        _ = try await store.insert(SQLiteTestSupport.records(2, seed: 32))
        let id = try server.psql(db, "SELECT min(id) FROM incidents")
        try server.psql(db, "UPDATE incidents SET properties = '\(json)' WHERE id = '\(id)'")
        do {
            try await store.forEach(matching: .all) { _ in }
            Issue.record("\(json) was read")
        } catch let error as PostgresIncidentStore.QueryError {
            if case .corruptRow(let rowID, let reason) = error {
                #expect(rowID == id && reason.hasPrefix("properties are not a JSON object of strings"), "\(error)")
            } else {
                Issue.record("\(error)")
            }
        }
        // Reading without the properties does not look at them.
        try await store.forEach(matching: .all, columns: [.identity]) { _ in }
        await store.shutdown()
    }
}
