import Foundation
import GeoFormats
import PostgresNIO

/// Reads incidents from rows selected with `PostgresQueryPlan.selectList`: times arrive as
/// integer milliseconds (so they come back exactly as SQLite's rounded seconds do) and
/// `properties` as JSON text, read with `JSONStringObject` (Foundation's `JSONDecoder` took
/// most of the time per row). Not thread-safe (one per query).
struct PostgresRowDecoder {

    /// The incident of one row.
    /// - Throws: `QueryError.corruptRow` when `properties` is not a JSON object of strings,
    ///   `PostgresDecodingError` when a column has an unexpected type.
    func incident(_ row: PostgresRow) throws -> Incident {
        let (id, ms, lon, lat, category, substance, quantity, agency, post, source, properties, key) = try row.decode(
            (String, Int64, Double, Double, String?, String?, Double?, String?, String?, String?, String, String).self)
        var decoded: [String: String] = [:]
        if properties != "{}" {
            do { decoded = try JSONStringObject.parse(properties) } catch {
                throw PostgresIncidentStore.QueryError.corruptRow(id: id, "properties are not a JSON object of strings: \(error)")
            }
        }
        return Incident(id: id, occurredAt: Date(timeIntervalSince1970: Double(ms) / 1000), lon: lon, lat: lat,
                        category: category, substance: substance, quantityKg: quantity, agency: agency, borderPost: post,
                        source: source, properties: decoded, sourceKey: key)
    }
}
