import Foundation
import GeoCore
import GeoTopology
import GRDB

extension SQLiteIncidentStore {
    /// Streams the incidents `query` selects in `occurredAt`, `id` order through a GRDB row
    /// cursor inside one read transaction (a consistent snapshot; memory stays constant).
    /// - Throws: `QueryError` for an invalid query, `DatabaseError`, `TopologyError` when GEOS
    ///   cannot prepare the area, or what `body` throws (which stops the iteration).
    public func forEach(matching query: IncidentQuery, _ body: @Sendable (Incident) throws -> Void) async throws {
        try await forEach(matching: query, columns: .all, body)
    }

    /// `forEach(matching:_:)` reading only `columns` (constants in place of the others).
    /// - Throws: as `forEach(matching:_:)`.
    public func forEach(matching query: IncidentQuery, columns: IncidentColumns,
                        _ body: @Sendable (Incident) throws -> Void) async throws {
        let plan = try SQLiteQueryPlan(query)
        if plan.limit == 0 { return }
        try await reader.read { db in
            let decoder = SQLiteRowDecoder()
            let area = try plan.area.map(PreparedGeometry.init)
            let rows = try Row.fetchCursor(db, sql: plan.selectSQL(columns), arguments: plan.arguments)
            var delivered = 0
            while let row = try rows.next() {
                if let area, !(try area.covers(x: row[2], y: row[3])) { continue }
                try body(decoder.incident(row))
                delivered += 1
                if let limit = plan.limit, delivered >= limit { break }
            }
        }
    }

    /// How many incidents `query` selects: `COUNT(*)` in SQL, or counted while streaming
    /// coordinates when the query has an area.
    /// - Throws: as `forEach`.
    public func count(matching query: IncidentQuery) async throws -> Int {
        let plan = try SQLiteQueryPlan(query)
        if plan.limit == 0 { return 0 }
        return try await reader.read { db in
            if plan.area == nil {
                let sql = plan.limit.map { "SELECT COUNT(*) FROM (SELECT 1 \(plan.fromWhere) LIMIT \($0))" }
                    ?? "SELECT COUNT(*) \(plan.fromWhere)"
                return try Int.fetchOne(db, sql: sql, arguments: plan.arguments) ?? 0
            }
            var n = 0
            try Self.streamInArea(plan, column: nil, db: db) { _ in n += 1 }
            return n
        }
    }

    /// How many incidents `query` selects per value of `field` (NULL and empty text both under
    /// ""): `GROUP BY` in SQL, or counted while streaming when the query has an area.
    /// - Throws: as `forEach`.
    public func count(matching query: IncidentQuery, groupedBy field: IncidentGroupField) async throws -> [String: Int] {
        let plan = try SQLiteQueryPlan(query)
        if plan.limit == 0 { return [:] }
        let column = field.rawValue  // the raw values are the column names
        return try await reader.read { db in
            var counts: [String: Int] = [:]
            if plan.area == nil {
                let source = plan.limit.map {
                    "FROM (SELECT i.\(column) AS g \(plan.fromWhere) ORDER BY i.occurred_at, i.id LIMIT \($0))"
                } ?? "FROM (SELECT i.\(column) AS g \(plan.fromWhere))"
                let rows = try Row.fetchCursor(db, sql: "SELECT COALESCE(g, ''), COUNT(*) \(source) GROUP BY 1", arguments: plan.arguments)
                while let row = try rows.next() { counts[row[0], default: 0] += row[1] as Int }
            } else {
                try Self.streamInArea(plan, column: column, db: db) { counts[$0 ?? "", default: 0] += 1 }
            }
            return counts
        }
    }

    /// Calls `body` with `column`'s value (nil when `column` is nil or the value NULL) for each
    /// row of an area query, up to its limit.
    private static func streamInArea(_ plan: SQLiteQueryPlan, column: String?, db: Database,
                                     _ body: (String?) -> Void) throws {
        guard let areaGeometry = plan.area else { return }
        let area = try PreparedGeometry(areaGeometry)
        let value = column.map { "i.\($0)" } ?? "NULL"
        let order = plan.limit == nil ? "" : " ORDER BY i.occurred_at, i.id"
        let rows = try Row.fetchCursor(db, sql: "SELECT i.lon, i.lat, \(value) \(plan.fromWhere)\(order)", arguments: plan.arguments)
        var n = 0
        while let row = try rows.next() {
            guard try area.covers(x: row[0], y: row[1]) else { continue }
            body(row[2])
            n += 1
            if let limit = plan.limit, n >= limit { break }
        }
    }
}
