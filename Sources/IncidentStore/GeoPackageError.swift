/// Why `GeoPackageWriter` could not write a layer. SQLite failures themselves are thrown as
/// GRDB's `DatabaseError` (SQLite's result code and message); CRS failures as GeoProjection's
/// `ProjectionError`.
public enum GeoPackageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The table or a column name is empty, or two columns have the same name ignoring case
    /// (SQLite column names are case-insensitive). The offending name is given.
    case invalidName(String, reason: String)
    /// A property value cannot be stored in its column's type: feature index (0-based), field
    /// name, declared column type, and the value as text.
    case valueMismatch(feature: Int, field: String, columnType: String, value: String)
    /// A coordinate is NaN or infinite (feature index). GeoPackage envelopes and the R-tree index
    /// need finite values.
    case nonFiniteCoordinate(feature: Int)
    /// A geometry does not fit the declared geometry column (feature index, declared type with
    /// z/m flags, the geometry's type).
    case geometryMismatch(feature: Int, column: String, geometry: String)
    /// `GeoPackageLayerWriter` was used after `finish()` or after an error ended its transaction.
    case writerClosed
    /// The output file could not be replaced (path, the system's message).
    case fileSystem(path: String, message: String)

    public var description: String {
        switch self {
        case .invalidName(let name, let reason): "GeoPackage name \"\(name)\": \(reason)"
        case .valueMismatch(let feature, let field, let type, let value):
            "feature \(feature): field \(field) is \(type) but the value is \"\(value)\""
        case .nonFiniteCoordinate(let feature): "feature \(feature): a coordinate is NaN or infinite"
        case .geometryMismatch(let feature, let column, let geometry):
            "feature \(feature): a \(geometry) does not fit the geometry column (\(column))"
        case .writerClosed: "the GeoPackage layer writer is already finished or failed"
        case .fileSystem(let path, let message): "\(path): \(message)"
        }
    }
}
