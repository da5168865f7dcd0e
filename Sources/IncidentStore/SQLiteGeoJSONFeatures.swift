import Foundation
import GeoFormats
import GeoTopology
import GRDB
import GRDBSQLite

extension SQLiteIncidentStore {
    /// The incidents `query` selects as GeoJSON text, written from SQLite's column buffers:
    /// no `Incident`, no `String` per column, and the stored `properties` copied through when
    /// they are canonical (`StoredPropertiesText`), decoded and re-written otherwise. The same
    /// text as the protocol's default (which decodes every row), in one read transaction.
    /// - Throws: as `forEach(matching:_:)`; `QueryError.corruptRow` for properties that are not
    ///   a JSON object of strings.
    public func geoJSONFeatures(matching query: IncidentQuery) async throws -> IncidentGeoJSONPage {
        let plan = try SQLiteQueryPlan(query)
        if plan.limit == 0 { return IncidentGeoJSONPage() }
        return try await reader.read { db in
            let area = try plan.area.map(PreparedGeometry.init)
            let statement = try db.makeStatement(sql: plan.selectSQL(.all))
            try statement.setArguments(plan.arguments)
            let s = statement.sqliteStatement
            var page = IncidentGeoJSONPage()
            page.text.reserveCapacity(min(plan.limit ?? 4096, 1 << 16) * 320)
            var lastID: [UInt8] = [], lastTime = 0.0
            while true {
                let code = sqlite3_step(s)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                        sql: statement.sql)
                }
                let row = SQLiteGeoJSONRow(statement: s)
                if let area, !(try area.covers(x: row.lon, y: row.lat)) { continue }
                if page.count > 0 { page.text.append(contentsOf: GeoJSONText.featureSeparator) }
                try IncidentGeoJSON.append(row, to: &page.text)
                page.count += 1
                lastID.removeAll(keepingCapacity: true)
                lastID.append(contentsOf: row.text(0))
                lastTime = row.occurredAtSeconds
                if let limit = plan.limit, page.count >= limit { break }
            }
            if page.count > 0 {
                page.last = IncidentCursor(occurredAt: Date(timeIntervalSince1970: lastTime), id: String(decoding: lastID, as: UTF8.self))
            }
            return page
        }
    }
}

/// The current row of a statement selecting `SQLiteQueryPlan.selectList(.all)`, read with
/// SQLite's C API (`sqlite3_column_*`); valid until the statement steps again.
private struct SQLiteGeoJSONRow: IncidentGeoJSONRow {
    let statement: OpaquePointer

    /// Column `index`'s text (empty for NULL), pointing into SQLite's buffer.
    func text(_ index: Int32) -> UnsafeBufferPointer<UInt8> {
        // sqlite3_column_text first, then sqlite3_column_bytes: the order SQLite documents.
        guard let p = sqlite3_column_text(statement, index) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(statement, index)))
    }

    func appendText(_ field: IncidentTextField, to out: inout [UInt8]) {
        let index: Int32
        switch field {
        case .id: index = 0
        case .category: index = 4
        case .substance: index = 5
        case .agency: index = 7
        case .borderPost: index = 8
        case .source: index = 9
        }
        if sqlite3_column_type(statement, index) == SQLITE_NULL {
            out.append(contentsOf: "null".utf8)
        } else {
            GeoJSONText.appendString(utf8: text(index), to: &out)
        }
    }

    var occurredAtSeconds: Double { sqlite3_column_double(statement, 1) }
    var lon: Double { sqlite3_column_double(statement, 2) }
    var lat: Double { sqlite3_column_double(statement, 3) }
    var quantityKg: Double? { sqlite3_column_type(statement, 6) == SQLITE_NULL ? nil : sqlite3_column_double(statement, 6) }
    var idText: String { String(decoding: text(0), as: UTF8.self) }

    func appendFreeProperties(to out: inout [UInt8]) throws {
        guard sqlite3_column_type(statement, 10) != SQLITE_NULL else { return }
        let stored = text(10)
        if let members = StoredPropertiesText.canonicalMembers(stored) {
            if members.isEmpty { return }
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: stored[members])
            return
        }
        let properties: [String: String]
        do { properties = try JSONDecoder().decode([String: String].self, from: Data(buffer: stored)) } catch {
            throw SQLiteIncidentStore.QueryError.corruptRow(id: idText, "properties are not a JSON object of strings: \(error)")
        }
        IncidentGeoJSON.appendFreeProperties(properties, to: &out)
    }
}
