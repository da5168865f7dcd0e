import Foundation
import GeoCore

/// What ``Router/route(_:)`` is asked.
public struct RouteRequest: Sendable, Hashable {
    /// Start, via points in order, end (at least 2), in the graph's coordinates (lon/lat).
    public var points: [Coordinate]
    /// `.time` (fastest, default) or `.length` (shortest).
    public var weight: RouteWeight
    /// Extra alternative routes wanted (two-point requests only; default 0). See ``Router``.
    public var alternatives: Int
    /// Edge ids closed for this request (closed roads, crossings).
    public var closedEdges: [Int]
    /// Polygons to avoid: every edge whose geometry intersects one is closed for this request.
    public var avoidAreas: [Geometry]
    /// Largest accepted distance from a point to the network, metres. Default 10 km (Natural
    /// Earth roads are generalised at 1:10m; border posts can sit kilometres off the drawn road).
    public var maxSnapMeters: Double

    /// Creates a request; see the properties for defaults.
    public init(points: [Coordinate], weight: RouteWeight = .time, alternatives: Int = 0, closedEdges: [Int] = [],
                avoidAreas: [Geometry] = [], maxSnapMeters: Double = 10_000) {
        self.points = points
        self.weight = weight
        self.alternatives = alternatives
        self.closedEdges = closedEdges
        self.avoidAreas = avoidAreas
        self.maxSnapMeters = maxSnapMeters
    }
}

/// One leg of a route, between two consecutive request points.
public struct RouteLeg: Sendable, Hashable {
    /// Length in metres, partial first and last edges included.
    public var lengthMeters: Double
    /// Travel time in seconds.
    public var durationSeconds: Double
    /// Edges traversed in order (the snapped edges first and last when any part of them is used).
    public var edges: [Int]
    /// The leg's line, from the snapped start to the snapped end.
    public var geometry: [Coordinate]
}

/// A route through the request points.
public struct Route: Sendable, Hashable {
    /// What was minimised.
    public var weight: RouteWeight
    /// Total length in metres.
    public var lengthMeters: Double
    /// Total travel time in seconds.
    public var durationSeconds: Double
    /// The legs, one per consecutive pair of points.
    public var legs: [RouteLeg]
    /// Where each request point was placed on the network, with its distance.
    public var snaps: [SnappedPoint]
    /// The whole line (legs joined), from the first snapped point to the last.
    public var geometry: [Coordinate] {
        var out: [Coordinate] = []
        for leg in legs { for c in leg.geometry where out.last != c { out.append(c) } }
        return out
    }
    /// Edges traversed in order over all legs.
    public var edges: [Int] { legs.flatMap(\.edges) }

    /// Source feature index of each traversed edge, in order (-1 for edges without one).
    public func featureIndices(in graph: RoadGraph) -> [Int] { edges.map { Int(graph.edgeFeature[$0]) } }

    /// The route as a GeoJSON-ready feature: a LineString with `length_m`, `duration_s`,
    /// `length_km`, `duration_min`, `profile` ("fastest"/"shortest"), `legs`, and
    /// `snap_distances_m` (comma-separated, metres, one per point).
    public var feature: Feature {
        Feature(geometry: .lineString(LineString(geometry)), properties: [
            "length_m": .double(lengthMeters), "duration_s": .double(durationSeconds),
            "length_km": .double(lengthMeters / 1000), "duration_min": .double(durationSeconds / 60),
            "profile": .string(weight == .time ? "fastest" : "shortest"), "legs": .integer(Int64(legs.count)),
            "snap_distances_m": .string(snaps.map { String(format: "%.1f", $0.distanceMeters) }.joined(separator: ",")),
        ])
    }
}
