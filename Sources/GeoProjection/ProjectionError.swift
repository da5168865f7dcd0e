/// An error from PROJ or from this module's own checks. Every case carries PROJ's own message
/// (from `proj_context_errno_string`) where PROJ produced one.
public enum ProjectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// PROJ could not create a context (out of memory).
    case contextUnavailable
    /// `proj.db` was not found on PROJ's search path (`PROJ_DATA`, or paths set explicitly).
    case databaseNotFound(searchPaths: [String], message: String)
    /// The text is not a CRS PROJ knows: unknown EPSG code, malformed WKT or PROJ string.
    case invalidCRS(definition: String, message: String)
    /// The CRS exists but the requested export or query failed.
    case exportFailed(what: String, message: String)
    /// No coordinate operation could be built between the two CRSs.
    case noTransformation(source: String, target: String, message: String)
    /// The point at `index` (0-based, the first failing one) could not be transformed.
    case transformFailed(index: Int, x: Double, y: Double, message: String)
    /// `x` and `y` arrays of different lengths were passed.
    case lengthMismatch(x: Int, y: Int)
    /// A geodesic computation failed (non-finite input or PROJ error).
    case geodesicFailed(message: String)

    /// A one-line message including PROJ's own words.
    public var description: String {
        switch self {
        case .contextUnavailable:
            return "PROJ: cannot create a context"
        case let .databaseNotFound(paths, message):
            let where_ = paths.isEmpty ? "PROJ's default search path (PROJ_DATA)" : paths.joined(separator: ":")
            return "PROJ: proj.db not found in \(where_): \(message)"
        case let .invalidCRS(definition, message):
            return "PROJ: invalid CRS '\(definition.prefix(120))': \(message)"
        case let .exportFailed(what, message):
            return "PROJ: cannot get \(what): \(message)"
        case let .noTransformation(source, target, message):
            return "PROJ: no transformation from \(source) to \(target): \(message)"
        case let .transformFailed(index, x, y, message):
            return "PROJ: point \(index) (\(x), \(y)) cannot be transformed: \(message)"
        case let .lengthMismatch(x, y):
            return "x has \(x) values but y has \(y)"
        case let .geodesicFailed(message):
            return "geodesic: \(message)"
        }
    }
}
