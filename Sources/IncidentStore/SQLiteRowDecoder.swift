import Foundation
import GeoCore
import GRDB

/// Converts between incidents and `incidents` rows: times as REAL unix seconds rounded to the
/// millisecond, `properties` as a JSON object of strings. Not thread-safe (one per read).
struct SQLiteRowDecoder {
    private let json = JSONDecoder()

    /// A `Date` as stored: unix seconds rounded to the millisecond.
    static func storedSeconds(_ date: Date) -> Double {
        (date.timeIntervalSince1970 * 1000).rounded() / 1000
    }

    /// The incident of a row selected with `SQLiteQueryPlan.selectList`.
    /// - Throws: `SQLiteIncidentStore.QueryError.corruptRow` when `properties` is not a JSON
    ///   object of strings.
    func incident(_ row: Row) throws -> Incident {
        let text: String = row[10] ?? "{}"
        var properties: [String: String] = [:]
        if text != "{}" {
            do { properties = try json.decode([String: String].self, from: Data(text.utf8)) } catch {
                throw SQLiteIncidentStore.QueryError.corruptRow(id: row[0] ?? "?", "properties are not a JSON object of strings: \(error)")
            }
        }
        return Incident(id: row[0], occurredAt: Date(timeIntervalSince1970: row[1]), lon: row[2], lat: row[3],
                        category: row[4], substance: row[5], quantityKg: row[6], agency: row[7], borderPost: row[8],
                        source: row[9], properties: properties, sourceKey: row[11])
    }

    /// `properties` as a JSON object with keys sorted (`{}` when empty); RFC 8259 escapes.
    static func encode(_ properties: [String: String]) -> String {
        if properties.isEmpty { return "{}" }
        var out = "{"
        for (n, key) in properties.keys.sorted().enumerated() {
            if n > 0 { out += "," }
            appendQuoted(key, to: &out)
            out += ":"
            appendQuoted(properties[key] ?? "", to: &out)
        }
        return out + "}"
    }

    private static func appendQuoted(_ s: String, to out: inout String) { out += JSONText.quoted(s) }
}
