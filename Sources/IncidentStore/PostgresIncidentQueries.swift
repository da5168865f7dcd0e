import Foundation
import GeoCore
import GeoTopology
import PostgresNIO

extension PostgresIncidentStore {
    /// Invalid queries are reported with the same errors as by the SQLite store.
    public typealias QueryError = SQLiteIncidentStore.QueryError

    /// Streams the incidents `query` selects in `occurredAt`, `id` order: one statement (a
    /// consistent snapshot) whose rows PostgresNIO delivers with back-pressure, so memory stays
    /// constant whatever the number of rows.
    /// - Throws: `QueryError` for an invalid query, `StoreError`, `TopologyError` when GEOS
    ///   cannot prepare the area, or what `body` throws (which stops the iteration).
    public func forEach(matching query: IncidentQuery, _ body: @Sendable (Incident) throws -> Void) async throws {
        try await forEach(matching: query, columns: .all, body)
    }

    /// `forEach(matching:_:)` reading only `columns` (constants in place of the others).
    /// - Throws: as `forEach(matching:_:)`.
    public func forEach(matching query: IncidentQuery, columns: IncidentColumns,
                        _ body: @Sendable (Incident) throws -> Void) async throws {
        let plan = try PostgresQueryPlan(query)
        if plan.limit == 0 { return }
        try await waitUntilReady()
        let area = try plan.area.map(PreparedGeometry.init)
        let rows: PostgresRowSequence
        do { rows = try await client.query(plan.query(plan.selectSQL(columns)), logger: logger) } catch {
            throw StoreError.wrap(error, doing: "querying incidents")
        }
        let decoder = PostgresRowDecoder()
        var delivered = 0
        do {
            for try await row in rows {
                let incident = try decoder.incident(row)
                if let area, !(try area.covers(x: incident.lon, y: incident.lat)) { continue }
                try body(incident)
                delivered += 1
                if let limit = plan.limit, delivered >= limit { break }
            }
        } catch let error as PSQLError {
            throw StoreError.wrap(error, doing: "reading incidents")
        }
    }

    /// How many incidents `query` selects: `count(*)` in SQL, or counted while streaming
    /// coordinates when the query has an area.
    /// - Throws: as `forEach`.
    public func count(matching query: IncidentQuery) async throws -> Int {
        let plan = try PostgresQueryPlan(query)
        if plan.limit == 0 { return 0 }
        try await waitUntilReady()
        if plan.area == nil {
            let sql = plan.limit.map { "SELECT count(*) FROM (SELECT 1 \(plan.fromWhere) LIMIT \($0)) s" }
                ?? "SELECT count(*) \(plan.fromWhere)"
            var n = 0
            try await rows(plan.query(sql)) { n = Int(try $0.decode(Int64.self)); return true }
            return n
        }
        var n = 0
        try await streamInArea(plan, column: nil) { _ in n += 1 }
        return n
    }

    /// How many incidents `query` selects per value of `field` (NULL and empty text both under
    /// ""): `GROUP BY` in SQL, or counted while streaming when the query has an area.
    /// - Throws: as `forEach`.
    public func count(matching query: IncidentQuery, groupedBy field: IncidentGroupField) async throws -> [String: Int] {
        let plan = try PostgresQueryPlan(query)
        if plan.limit == 0 { return [:] }
        try await waitUntilReady()
        let column = field.rawValue  // the raw values are the column names
        var counts: [String: Int] = [:]
        if plan.area == nil {
            let source = plan.limit.map {
                "FROM (SELECT i.\(column) AS g \(plan.fromWhere) ORDER BY i.occurred_at, i.id LIMIT \($0)) s"
            } ?? "FROM (SELECT i.\(column) AS g \(plan.fromWhere)) s"
            try await rows(plan.query("SELECT COALESCE(g, ''), count(*) \(source) GROUP BY 1")) {
                let (value, n) = try $0.decode((String, Int64).self)
                counts[value, default: 0] += Int(n)
                return true
            }
        } else {
            try await streamInArea(plan, column: column) { counts[$0 ?? "", default: 0] += 1 }
        }
        return counts
    }

    /// Calls `body` with `column`'s value (nil when `column` is nil or the value NULL) for each
    /// row of an area query, up to its limit.
    private func streamInArea(_ plan: PostgresQueryPlan, column: String?, _ body: (String?) -> Void) async throws {
        guard let areaGeometry = plan.area else { return }
        let area = try PreparedGeometry(areaGeometry)
        let value = column.map { "i.\($0)" } ?? "NULL::text"
        let order = plan.limit == nil ? "" : " ORDER BY i.occurred_at, i.id"
        var n = 0
        try await rows(plan.query("SELECT i.lon, i.lat, \(value) \(plan.fromWhere)\(order)")) { row in
            let (x, y, v) = try row.decode((Double, Double, String?).self)
            guard try area.covers(x: x, y: y) else { return true }
            body(v)
            n += 1
            return plan.limit.map { n < $0 } ?? true
        }
    }

    /// Runs `query` and hands each row to `body` until it returns false, translating
    /// PostgresNIO's errors.
    private func rows(_ query: PostgresQuery, _ body: (PostgresRow) throws -> Bool) async throws {
        do {
            for try await row in try await client.query(query, logger: logger) {
                if try !body(row) { break }
            }
        } catch let error as PSQLError {
            throw StoreError.wrap(error, doing: "counting incidents")
        }
    }
}
