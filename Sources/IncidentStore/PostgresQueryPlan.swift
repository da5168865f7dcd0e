import Foundation
import GeoCore
import PostgresNIO

/// The SQL of an `IncidentQuery` against the `PostgresSchema` tables, with the semantics of
/// `SQLiteQueryPlan`:
///
/// - `bbox` (and the bounding box of `area`): `geom && ST_MakeEnvelope(...)` through the GiST
///   index, plus the same conditions on the exact `lon`/`lat` (the index keeps boxes as 32-bit
///   floats rounded outwards, so it only narrows); edges are inside.
/// - `after`: `(occurred_at, id)` greater than the cursor's, as a row comparison.
/// - `from`/`to`: `occurred_at` at or after `from`, before `to`, compared in whole milliseconds
///   as stored; the lists become `= ANY($n)`.
/// - `area` itself is tested in Swift with GEOS on the rows SQL returns, so `limit` is then
///   applied in Swift too.
struct PostgresQueryPlan: Sendable {
    /// `FROM ... WHERE ...` (no ordering, no limit), with `$n` placeholders.
    let fromWhere: String
    let bindings: PostgresBindings
    /// The area to test each row against, or nil.
    let area: Geometry?
    /// The query's limit.
    let limit: Int?

    /// The select list of `PostgresRowDecoder`'s columns, in its order, with typed constants in place of the
    /// fields not in `columns` (NULL; `'{}'` for the properties, `''` for the identity).
    static func selectList(_ columns: IncidentColumns) -> String {
        func pick(_ c: IncidentColumns, _ name: String, _ otherwise: String) -> String {
            columns.contains(c) ? name : otherwise
        }
        return [pick(.identity, "i.id", "''::text"), "(extract(epoch FROM i.occurred_at) * 1000)::int8", "i.lon", "i.lat",
                pick(.category, "i.category", "NULL::text"), pick(.substance, "i.substance", "NULL::text"),
                pick(.quantityKg, "i.quantity_kg", "NULL::float8"), pick(.agency, "i.agency", "NULL::text"),
                pick(.borderPost, "i.border_post", "NULL::text"), pick(.source, "i.source", "NULL::text"),
                pick(.properties, "i.properties::text", "'{}'::text"), pick(.identity, "i.source_key", "''::text")]
            .joined(separator: ", ")
    }

    /// Plans `query`.
    /// - Throws: `QueryError.unsupportedArea` when `area` is not a Polygon or MultiPolygon;
    ///   `.invalidLimit` for a negative limit.
    init(_ query: IncidentQuery) throws {
        var conditions: [String] = []
        var b = PostgresBindings()
        func placeholder<V: PostgresThrowingDynamicTypeEncodable>(_ value: V) throws -> String {
            try b.append(value)
            return "$\(b.count)"
        }
        switch try query.searchExtent() {
        case .everywhere: break
        case .nowhere: conditions.append("false")
        case .box(let box):
            let (w, s, e, n) = (try placeholder(box.minX), try placeholder(box.minY), try placeholder(box.maxX), try placeholder(box.maxY))
            conditions.append("i.geom && ST_MakeEnvelope(\(w), \(s), \(e), \(n), 4326)")
            conditions.append("i.lon >= \(w) AND i.lon <= \(e) AND i.lat >= \(s) AND i.lat <= \(n)")
        }
        if let from = query.from {
            conditions.append("i.occurred_at >= timestamptz 'epoch' + \(try placeholder(Self.milliseconds(from))) * interval '1 millisecond'")
        }
        if let to = query.to {
            conditions.append("i.occurred_at < timestamptz 'epoch' + \(try placeholder(Self.milliseconds(to))) * interval '1 millisecond'")
        }
        if let c = query.after {
            // A row comparison, which the (occurred_at, id) index serves; ids sort as SQLite's (COLLATE "C").
            let at = "timestamptz 'epoch' + \(try placeholder(Self.milliseconds(c.occurredAt))) * interval '1 millisecond'"
            conditions.append("(i.occurred_at, i.id) > (\(at), \(try placeholder(c.id)))")
        }
        for (column, values) in [("category", query.categories), ("substance", query.substances),
                                 ("agency", query.agencies), ("border_post", query.borderPosts)] where !values.isEmpty {
            conditions.append("i.\(column) = ANY(\(try placeholder(values))::text[])")
        }
        fromWhere = "FROM incidents i" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        bindings = b
        area = query.area
        limit = query.limit
    }

    /// A `Date` as stored: whole milliseconds since 1970 (SQLite's rounding).
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// `sql`, which uses this plan's placeholders, with its bindings.
    func query(_ sql: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// The rows in `occurred_at`, `id` order with `columns` read (`selectList`), limited in SQL
    /// when no area test follows.
    func selectSQL(_ columns: IncidentColumns) -> String {
        var sql = "SELECT \(Self.selectList(columns)) \(fromWhere) ORDER BY i.occurred_at, i.id"
        if area == nil, let l = limit { sql += " LIMIT \(l)" }
        return sql
    }
}
