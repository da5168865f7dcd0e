/// What a path minimises.
public enum RouteWeight: String, Sendable, Hashable, CaseIterable {
    /// Shortest: the sum of edge lengths in metres.
    case length
    /// Fastest: the sum of edge travel times in seconds.
    case time
}
