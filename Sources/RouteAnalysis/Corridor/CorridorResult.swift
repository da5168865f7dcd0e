import GeoCore

/// How a route is cut into the pieces incidents are counted in.
public enum CorridorSegmentation: Sendable, Hashable {
    /// Pieces of equal length in metres from the route's start; the last piece is shorter.
    case every(meters: Double)
    /// Pieces between the given distances along the route in metres (for example the ends of
    /// the network edges a route follows); 0 and the route length are added, and values outside
    /// (0, length) are ignored.
    case breaks([Double])
    /// Pieces cut where the route passes the given lon/lat points (each located at the nearest
    /// route point; points more than 1 m from the route are ignored). `perEdge(of:in:)` uses
    /// it with the nodes between a network route's edges.
    case atPoints([Coordinate])

    /// One piece per network edge of `route`: cuts at the graph nodes of the route's edges.
    public static func perEdge(of route: Route, in graph: RoadGraph) -> CorridorSegmentation {
        var nodes: [Coordinate] = []
        for e in route.edges {
            nodes.append(graph.node(Int(graph.edgeFrom[e])))
            nodes.append(graph.node(Int(graph.edgeTo[e])))
        }
        return .atPoints(nodes)
    }
}

/// An incident inside the corridor.
public struct CorridorIncident: Sendable, Hashable {
    /// Index of the incident in the input array.
    public let index: Int
    /// Distance along the route from its start to the incident's nearest route point, metres.
    public let distanceAlongMeters: Double
    /// Distance from the incident to the route, metres.
    public let offsetMeters: Double
    /// Index of the route piece (`CorridorResult.segments`) the incident is counted in.
    public let segment: Int
}

/// One piece of the route with its incident count.
public struct CorridorSegment: Sendable, Hashable {
    /// Position of the piece along the route, from 0.
    public let index: Int
    /// Start distance along the route, metres.
    public let fromMeters: Double
    /// End distance along the route, metres.
    public let toMeters: Double
    /// Incidents within the buffer whose nearest route point lies on this piece.
    public let incidentCount: Int
    /// The piece in longitude/latitude (WGS 84).
    public let line: LineString

    /// Length of the piece, metres.
    public var lengthMeters: Double { toMeters - fromMeters }
    /// Incidents per kilometre of route: `incidentCount / (lengthMeters / 1000)`; 0 for an empty piece.
    public var incidentsPerKm: Double { lengthMeters > 0 ? Double(incidentCount) / (lengthMeters / 1000) : 0 }

    /// The piece as a feature: `segment`, `from_km`, `to_km`, `length_km`, `incidents`, `per_km`.
    public var feature: Feature {
        Feature(id: .integer(Int64(index + 1)), geometry: .lineString(line), properties: [
            "segment": .integer(Int64(index)), "from_km": .double(fromMeters / 1000), "to_km": .double(toMeters / 1000),
            "length_km": .double(lengthMeters / 1000), "incidents": .integer(Int64(incidentCount)),
            "per_km": .double(incidentsPerKm),
        ])
    }
}

/// A point where the route crosses a boundary line.
public struct CorridorBoundaryCrossing: Sendable, Hashable {
    /// Distance along the route, metres.
    public let distanceAlongMeters: Double
    /// The crossing point, longitude/latitude.
    public let coordinate: Coordinate
    /// Index of the boundary line in the input array.
    public let boundaryIndex: Int
}

/// One stretch of the route inside one province (polygon), in order of passage.
public struct CorridorProvincePassage: Sendable, Hashable {
    /// The province's name (from the name field; "" when absent).
    public let name: String
    /// Index of the province in the input array.
    public let provinceIndex: Int
    /// Distance along the route where the route enters the province, metres.
    public let entryMeters: Double
    /// Distance along the route where it leaves, metres.
    public let exitMeters: Double
}

/// What `CorridorAnalysis.analyse` found along a route.
public struct CorridorResult: Sendable, Hashable {
    /// The metric CRS the analysis ran in (PROJ definition text).
    public let crs: String
    /// Route length in that CRS, metres.
    public let routeLengthMeters: Double
    /// Incidents within the buffer, ordered by distance along the route.
    public let incidents: [CorridorIncident]
    /// The route pieces with their counts, in order.
    public let segments: [CorridorSegment]
    /// Boundary crossings, ordered by distance along the route.
    public let crossings: [CorridorBoundaryCrossing]
    /// Province passages, ordered by entry distance.
    public let provinces: [CorridorProvincePassage]

    /// Incidents per kilometre over the whole route.
    public var incidentsPerKm: Double { routeLengthMeters > 0 ? Double(incidents.count) / (routeLengthMeters / 1000) : 0 }
}
