/// Errors of route analysis, each naming what the caller can fix.
public enum RouteAnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The network has no edge to route on.
    case emptyNetwork(String)
    /// A query point is farther than the snapping limit from every edge.
    case pointTooFarFromNetwork(index: Int, distanceMeters: Double, limitMeters: Double)
    /// Two query points lie in different connected components.
    case disconnected(fromIndex: Int, toIndex: Int)
    /// An input value is out of range (name and reason).
    case invalidParameter(String)

    public var description: String {
        switch self {
        case .emptyNetwork(let why): "the road network has no usable edge: \(why)"
        case .pointTooFarFromNetwork(let i, let d, let limit):
            "point \(i + 1) is \(Int(d.rounded())) m from the nearest road, more than the \(Int(limit)) m snapping limit"
        case .disconnected(let a, let b):
            "points \(a + 1) and \(b + 1) lie in different connected parts of the road network: no route joins them"
        case .invalidParameter(let why): why
        }
    }
}
