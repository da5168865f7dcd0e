import GeoCore

/// One piece ("lixel") of a road edge with its network kernel density.
public struct NetworkLixel: Sendable, Hashable {
    /// The graph edge.
    public let edge: Int
    /// Position of the piece on its edge, from 0 at the edge's `from` node.
    public let index: Int
    /// Start of the piece along the edge from its `from` node, metres (edge length units).
    public let fromMeters: Double
    /// End of the piece along the edge, metres.
    public let toMeters: Double
    /// Density at the piece's midpoint, incidents per km of road (see `NetworkDensity`).
    public let densityPerKm: Double
    /// Incidents whose network distance to the midpoint is less than the radius.
    public let incidentCount: Int
    /// The piece's polyline in the graph's coordinates (lon/lat for `.lonLat` graphs).
    public let line: [Coordinate]

    /// Length of the piece, metres.
    public var lengthMeters: Double { toMeters - fromMeters }

    /// The piece as a LineString feature with `edge`, `segment`, `length_m`, `density_per_km`,
    /// `incident_count_within_radius`.
    public var feature: Feature {
        Feature(geometry: .lineString(LineString(line)), properties: [
            "edge": .integer(Int64(edge)), "segment": .integer(Int64(index)), "length_m": .double(lengthMeters),
            "density_per_km": .double(densityPerKm), "incident_count_within_radius": .integer(Int64(incidentCount)),
        ])
    }
}

/// The result of `NetworkDensity.compute`.
public struct NetworkDensityResult: Sendable, Hashable {
    /// Every piece of every edge, by edge then position.
    public let lixels: [NetworkLixel]
    /// Indices of incidents farther than the snapping limit from every edge (left out).
    public let unsnappedIncidents: [Int]

    /// The pieces as features (for GeoJSON).
    public var features: [Feature] { lixels.map(\.feature) }
}
