import Foundation
import GRDB
import GeoCore

/// One attribute column of a GeoPackage feature table: its name, its GeoPackage data type
/// (OGC 12-128r18 Table 1) and the conversion of property values to stored SQLite values.
struct GeoPackageColumn: Sendable, Hashable {
    /// The GeoPackage data types this writer declares.
    enum Kind: String, Sendable, Hashable {
        /// UTF-8 text.
        case text = "TEXT"
        /// 64-bit signed integer (GDAL: Integer64).
        case integer = "INTEGER"
        /// 64-bit IEEE float.
        case real = "REAL"
        /// 0 or 1 (GDAL: Integer(Boolean)).
        case boolean = "BOOLEAN"
        /// `YYYY-MM-DD` text.
        case date = "DATE"
        /// `YYYY-MM-DDTHH:MM:SS.SSSZ` text, UTC.
        case dateTime = "DATETIME"
    }

    let name: String
    let kind: Kind

    /// The column for `field`; string and date fields named in `dateTimeFields` become DATETIME.
    init(_ field: Field, dateTimeFields: Set<String>) {
        name = field.name
        if dateTimeFields.contains(field.name), field.type == .string || field.type == .date {
            kind = .dateTime
            return
        }
        switch field.type {
        case .string: kind = .text
        case .integer: kind = .integer
        case .real: kind = .real
        case .boolean: kind = .boolean
        case .date: kind = .date
        }
    }

    /// The stored value of `value`. Lossless conversions are made (an integer in a REAL column,
    /// an integral double in an INTEGER column, 0/1 in a BOOLEAN column, ISO text in DATE and
    /// DATETIME columns, unix seconds in a DATETIME column, anything as its text in a TEXT
    /// column); `.null` is NULL.
    /// - Throws: `GeoPackageError.valueMismatch` for anything else.
    func databaseValue(_ value: PropertyValue, feature: Int) throws -> DatabaseValue {
        func mismatch() -> GeoPackageError {
            .valueMismatch(feature: feature, field: name, columnType: kind.rawValue, value: value.description)
        }
        switch (kind, value) {
        case (_, .null): return .null
        case (.text, .string(let s)): return s.databaseValue
        case (.text, _): return value.description.databaseValue
        case (.integer, .integer(let i)): return i.databaseValue
        case (.integer, .bool(let b)): return (b ? 1 : 0).databaseValue
        case (.integer, .double(let d)):
            guard let i = Int64(exactly: d) else { throw mismatch() }
            return i.databaseValue
        case (.integer, .string(let s)):
            guard let i = Int64(s.trimmingCharacters(in: .whitespaces)) else { throw mismatch() }
            return i.databaseValue
        case (.real, .double(let d)): return d.databaseValue
        case (.real, .integer(let i)): return Double(i).databaseValue
        case (.real, .string(let s)):
            guard let d = Double(s.trimmingCharacters(in: .whitespaces)) else { throw mismatch() }
            return d.databaseValue
        case (.boolean, .bool(let b)): return (b ? 1 : 0).databaseValue
        case (.boolean, .integer(let i)) where i == 0 || i == 1: return i.databaseValue
        case (.date, .date(let d)): return d.description.databaseValue
        case (.date, .string(let s)):
            guard let d = CalendarDate(iso: s.trimmingCharacters(in: .whitespaces)), s.count <= 10 else { throw mismatch() }
            return d.description.databaseValue
        case (.dateTime, .string(let s)):
            guard let t = GeoPackageDateTime.text(iso: s) else { throw mismatch() }
            return t.databaseValue
        case (.dateTime, .date(let d)):
            return GeoPackageDateTime.text(milliseconds: Int64(d.daysSinceEpoch) * 86_400_000)
                .databaseValue
        case (.dateTime, .integer(let i)):
            guard let t = GeoPackageDateTime.text(unixSeconds: Double(i)) else { throw mismatch() }
            return t.databaseValue
        case (.dateTime, .double(let d)):
            guard let t = GeoPackageDateTime.text(unixSeconds: d) else { throw mismatch() }
            return t.databaseValue
        default: throw mismatch()
        }
    }
}
