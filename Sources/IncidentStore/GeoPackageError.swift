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
    /// The output file could not be replaced (path, the system's message).
    case fileSystem(path: String, message: String)

    public var description: String {
        switch self {
        case .invalidName(let name, let reason): "GeoPackage name \"\(name)\": \(reason)"
        case .valueMismatch(let feature, let field, let type, let value):
            "feature \(feature): field \(field) is \(type) but the value is \"\(value)\""
        case .nonFiniteCoordinate(let feature): "feature \(feature): a coordinate is NaN or infinite"
        case .fileSystem(let path, let message): "\(path): \(message)"
        }
    }
}
