import GeoCore

/// One edge of an explicit edge list, the input of ``RoadGraph/init(coordinates:nodes:edges:)``.
public struct RoadEdge: Sendable, Hashable {
    /// First node (index into the node list).
    public var from: Int
    /// Second node.
    public var to: Int
    /// Length in metres (finite, >= 0).
    public var lengthMeters: Double
    /// Travel time in seconds (finite, >= 0).
    public var timeSeconds: Double
    /// True when the edge may be travelled only from `from` to `to`. Default false.
    public var oneWay: Bool
    /// Road class name. Default "" (unclassified).
    public var roadClass: String
    /// Index of the source feature, or -1 (default).
    public var featureIndex: Int
    /// Polyline from the `from` node to the `to` node; nil (default) means the straight segment
    /// between the two nodes.
    public var geometry: [Coordinate]?

    /// Creates an edge; see the properties for units and defaults.
    public init(from: Int, to: Int, lengthMeters: Double, timeSeconds: Double, oneWay: Bool = false,
                roadClass: String = "", featureIndex: Int = -1, geometry: [Coordinate]? = nil) {
        self.from = from
        self.to = to
        self.lengthMeters = lengthMeters
        self.timeSeconds = timeSeconds
        self.oneWay = oneWay
        self.roadClass = roadClass
        self.featureIndex = featureIndex
        self.geometry = geometry
    }
}
