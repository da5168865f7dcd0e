/// How ``RoadGraph/build(from:options:)`` turns a line layer into a graph.
///
/// Defaults fit Natural Earth roads (`type` field) and OpenStreetMap-like attributes
/// (`oneway`, `bridge`, `tunnel`). Field names are matched exactly; values are compared as text,
/// case-insensitively, after trimming.
public struct RoadNetworkOptions: Sendable, Hashable {
    /// Vertices closer than this, in metres, become one node; a line end this close to another
    /// line is joined to it (the other line is split there). Default 1 m: Natural Earth and
    /// OpenStreetMap lines that meet share vertices exactly or within centimetres, while distinct
    /// roads are rarely closer than a few metres. Must be >= 0 (0: exact matches only).
    public var snapToleranceMeters: Double
    /// Split lines where they cross between vertices (at-grade intersections). Default true.
    public var nodeCrossings: Bool
    /// Field holding the road class (speed table key). Default "type" (Natural Earth).
    public var classField: String?
    /// Speeds by class. Default ``RoadSpeedTable/naturalEarth``.
    public var speeds: RoadSpeedTable
    /// Field of the one-way flag; nil for none. Default "oneway".
    public var oneWayField: String?
    /// Values meaning "one-way in digitised direction". Default yes, true, 1, ft, f.
    public var oneWayForwardValues: Set<String>
    /// Values meaning "one-way against digitised direction". Default -1, reverse, tf, t.
    public var oneWayReverseValues: Set<String>
    /// Fields whose listed values mark a bridge or tunnel: such a line joins others only at its
    /// two ends, never where it crosses them or shares an interior vertex with them.
    /// Default `bridge` and `tunnel` with values yes, true, 1, t.
    public var levelFields: [String: Set<String>]

    /// Creates options; see the properties for defaults.
    public init(snapToleranceMeters: Double = 1, nodeCrossings: Bool = true, classField: String? = "type",
                speeds: RoadSpeedTable = .naturalEarth, oneWayField: String? = "oneway",
                oneWayForwardValues: Set<String> = ["yes", "true", "1", "ft", "f"],
                oneWayReverseValues: Set<String> = ["-1", "reverse", "tf", "t"],
                levelFields: [String: Set<String>] = ["bridge": ["yes", "true", "1", "t"], "tunnel": ["yes", "true", "1", "t"]]) {
        self.snapToleranceMeters = snapToleranceMeters
        self.nodeCrossings = nodeCrossings
        self.classField = classField
        self.speeds = speeds
        self.oneWayField = oneWayField
        self.oneWayForwardValues = oneWayForwardValues
        self.oneWayReverseValues = oneWayReverseValues
        self.levelFields = levelFields
    }
}
