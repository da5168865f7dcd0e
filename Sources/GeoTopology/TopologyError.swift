/// An error from a GEOS operation, carrying GEOS's own words where it gave any.
///
/// `operation` names the GEOS call (for example `GEOSIntersection_r`) and `message` is the last
/// error message GEOS reported on the context (for example
/// `"IllegalArgumentException: Invalid number of points in LinearRing found 3 - must be 0 or >= 4"`).
public struct TopologyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The GEOS function (or conversion step) that failed.
    public var operation: String
    /// GEOS's error message, or a description written here when GEOS gave none.
    public var message: String

    /// Creates an error for `operation` with `message`.
    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    /// `operation: message`, for logs.
    public var description: String { "\(operation): \(message)" }
}
