import GeoCore

/// A routable road network held as flat columns: no object per node or edge, so a national
/// network of a million edges takes about 100 bytes per edge plus its geometry vertices.
///
/// Nodes are numbered `0..<nodeCount` with coordinates in ``nodeX``/``nodeY`` (longitude/latitude
/// in degrees when ``coordinates`` is `.lonLat`, or planar metres when `.planar`). Edges are
/// numbered `0..<edgeCount`; edge `e` joins ``edgeFrom``[e] to ``edgeTo``[e] and carries its length
/// in metres, its travel time in seconds, a one-way flag (travel only from `from` to `to`), a road
/// class (index into ``classNames``), the index of the source feature it came from (-1 when built
/// from explicit lists) and a polyline (``geometry(ofEdge:)``, from the `from` node to the `to` node).
///
/// Adjacency is compressed sparse rows (CSR) of *arcs*. An arc is a directed use of an edge:
/// `arc = 2 * edge` runs `from -> to`, `arc = 2 * edge + 1` runs `to -> from` (present only when
/// the edge is not one-way). Outgoing arcs of node `n` are `outArc[outStart[n] ..< outStart[n+1]]`
/// with their head nodes in `outHead`; incoming arcs are `inArc[inStart[n] ..< inStart[n+1]]` with
/// their tail nodes in `inTail` (used by backward searches).
///
/// Build one with ``init(coordinates:nodes:edges:)`` (explicit lists) or
/// ``RoadGraph/build(from:options:)`` (a line layer). Immutable; `Sendable`.
public struct RoadGraph: Sendable {
    /// What node and geometry coordinates mean.
    public enum Coordinates: UInt8, Sendable, Hashable {
        /// Longitude, latitude in degrees (WGS 84); distances are geodesic.
        case lonLat = 0
        /// Planar x, y in metres; distances are Euclidean.
        case planar = 1
    }

    /// What node and geometry coordinates mean.
    public let coordinates: Coordinates
    /// Node x (longitude in degrees, or easting in metres).
    public let nodeX: [Double]
    /// Node y (latitude in degrees, or northing in metres).
    public let nodeY: [Double]
    /// First node of each edge.
    public let edgeFrom: [Int32]
    /// Second node of each edge.
    public let edgeTo: [Int32]
    /// Edge length in metres.
    public let edgeLength: [Double]
    /// Edge travel time in seconds.
    public let edgeTime: [Double]
    /// True when the edge may be travelled only from `edgeFrom` to `edgeTo`.
    public let edgeOneWay: [Bool]
    /// Road class of each edge: an index into ``classNames``.
    public let edgeClass: [UInt16]
    /// Road class names (for example Natural Earth's "Major Highway"); index 0 is always present.
    public let classNames: [String]
    /// Index of the source feature of each edge, or -1.
    public let edgeFeature: [Int32]
    /// Geometry of edge `e` is vertices `geometryStart[e] ..< geometryStart[e+1]` of
    /// ``geometryX``/``geometryY``, running from the `from` node to the `to` node (at least 2).
    public let geometryStart: [Int]
    /// Geometry vertex x.
    public let geometryX: [Double]
    /// Geometry vertex y.
    public let geometryY: [Double]
    /// CSR row starts of outgoing arcs (`nodeCount + 1` entries).
    public let outStart: [Int32]
    /// Outgoing arcs (`2 * edge` forward, `2 * edge + 1` reversed).
    public let outArc: [Int32]
    /// Head node of each outgoing arc, parallel to ``outArc``.
    public let outHead: [Int32]
    /// CSR row starts of incoming arcs (`nodeCount + 1` entries).
    public let inStart: [Int32]
    /// Incoming arcs.
    public let inArc: [Int32]
    /// Tail node of each incoming arc, parallel to ``inArc``.
    public let inTail: [Int32]
    /// Weakly connected component of each node (edges taken as undirected), numbered by
    /// decreasing size: component 0 is the largest.
    public let nodeComponent: [Int32]
    /// Node count of each component, largest first.
    public let componentSizes: [Int]

    /// Number of nodes.
    public var nodeCount: Int { nodeX.count }
    /// Number of edges (each edge is one road piece, one- or two-way).
    public var edgeCount: Int { edgeFrom.count }

    /// The coordinate of node `n`.
    public func node(_ n: Int) -> Coordinate { Coordinate(nodeX[n], nodeY[n]) }

    /// The polyline of edge `e`, from its `from` node to its `to` node.
    public func geometry(ofEdge e: Int) -> [Coordinate] {
        (geometryStart[e] ..< geometryStart[e + 1]).map { Coordinate(geometryX[$0], geometryY[$0]) }
    }

    /// The road class name of edge `e`.
    public func className(ofEdge e: Int) -> String { classNames[Int(edgeClass[e])] }

    /// Tail and head nodes of an arc (`2 * edge` runs from -> to, `2 * edge + 1` to -> from).
    @inline(__always)
    public func endpoints(ofArc arc: Int) -> (tail: Int, head: Int) {
        let e = arc >> 1
        return arc & 1 == 0 ? (Int(edgeFrom[e]), Int(edgeTo[e])) : (Int(edgeTo[e]), Int(edgeFrom[e]))
    }

    /// The cost column of a weight: ``edgeLength`` or ``edgeTime`` (no copy).
    public func costs(_ weight: RouteWeight) -> [Double] {
        switch weight {
        case .length: edgeLength
        case .time: edgeTime
        }
    }
}
