import GeoCore
import GRDB

/// The SQL of an `IncidentQuery` against the `SQLiteSchema` tables.
///
/// - `bbox` (and the bounding box of `area`) goes through the R*Tree: a join of
///   `incidents_rtree` on `seq` with the box conditions, plus the same conditions on the exact
///   `lon`/`lat` (the R*Tree stores 32-bit floats rounded outwards, so it only narrows).
/// - `from`/`to` and the `after` cursor use the `(occurred_at, id)` index; the lists become `IN (...)`.
/// - `area` itself is tested in Swift on the rows SQL returns (`areaIndex`), so `limit` is then
///   applied in Swift too.
struct SQLiteQueryPlan: Sendable {
    /// `FROM ... WHERE ...` (no ordering, no limit).
    let fromWhere: String
    let arguments: StatementArguments
    /// The area to test each row against, or nil.
    let area: Geometry?
    /// The query's limit.
    let limit: Int?

    /// The select list of `SQLiteRowDecoder`'s columns, in its order, with constants in place of the fields not
    /// in `columns` (NULL; `'{}'` for the properties, `''` for the identity).
    static func selectList(_ columns: IncidentColumns) -> String {
        func pick(_ c: IncidentColumns, _ name: String, _ otherwise: String = "NULL") -> String {
            columns.contains(c) ? "i.\(name)" : otherwise
        }
        return [pick(.identity, "id", "''"), "i.occurred_at", "i.lon", "i.lat", pick(.category, "category"),
                pick(.substance, "substance"), pick(.quantityKg, "quantity_kg"), pick(.agency, "agency"),
                pick(.borderPost, "border_post"), pick(.source, "source"), pick(.properties, "properties", "'{}'"),
                pick(.identity, "source_key", "''")].joined(separator: ", ")
    }

    /// Plans `query`.
    /// - Throws: `SQLiteIncidentStore.QueryError.unsupportedArea` when `area` is not a Polygon or
    ///   MultiPolygon; `.invalidLimit` for a negative limit.
    init(_ query: IncidentQuery) throws {
        var conditions: [String] = []
        var args: [DatabaseValueConvertible?] = []
        var from = "incidents i"
        switch try query.searchExtent() {
        case .everywhere: break
        case .nowhere: conditions.append("0")
        case .box(let b):
            from += " JOIN incidents_rtree r ON r.id = i.seq"
            conditions.append("r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ?")
            conditions.append("i.lon >= ? AND i.lon <= ? AND i.lat >= ? AND i.lat <= ?")
            args += [b.minX, b.maxX, b.minY, b.maxY, b.minX, b.maxX, b.minY, b.maxY]
        }
        if let f = query.from {
            conditions.append("i.occurred_at >= ?")
            args.append(SQLiteRowDecoder.storedSeconds(f))
        }
        if let t = query.to {
            conditions.append("i.occurred_at < ?")
            args.append(SQLiteRowDecoder.storedSeconds(t))
        }
        if let c = query.after {
            // A row value comparison: SQLite walks the (occurred_at, id) index from the cursor.
            conditions.append("(i.occurred_at, i.id) > (?, ?)")
            args += [SQLiteRowDecoder.storedSeconds(c.occurredAt), c.id]
        }
        for (column, values) in [("category", query.categories), ("substance", query.substances),
                                 ("agency", query.agencies), ("border_post", query.borderPosts)] where !values.isEmpty {
            conditions.append("i.\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))")
            args += values.map { $0 as DatabaseValueConvertible? }
        }
        fromWhere = "FROM \(from)" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        arguments = StatementArguments(args)
        area = query.area
        limit = query.limit
    }

    /// The rows in `occurred_at`, `id` order with `columns` read (`selectList`), limited in SQL
    /// when no area test follows.
    func selectSQL(_ columns: IncidentColumns) -> String {
        var sql = "SELECT \(Self.selectList(columns)) \(fromWhere) ORDER BY i.occurred_at, i.id"
        if area == nil, let l = limit { sql += " LIMIT \(l)" }
        return sql
    }
}
