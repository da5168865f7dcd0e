import GeoCore
import GeoTopology

/// Routes between points on a ``RoadGraph``: snapping to the nearest edge (``EdgeSnapper``),
/// least-cost legs through via points, closures and avoided areas, and alternatives.
///
/// Each leg is answered by the ``ContractionHierarchy`` of the request's weight when one was built
/// and nothing is closed; otherwise by ``BidirectionalSearch`` on the graph with closed edges
/// skipped (hierarchies cannot drop edges; answers are the same exact costs either way).
/// A snapped point enters the graph at both ends of its edge with the partial edge costs
/// (`fraction * cost` towards the `from` node when the edge may be travelled that way,
/// `(1 - fraction) * cost` towards the `to` node), and two points on one edge may also be joined
/// directly along it.
///
/// Alternatives (penalty method, two-point requests): after each route found, the costs of its
/// edges are multiplied by 1.4 and the search is repeated; a new route is kept when at most 80 %
/// of its length is shared with each route already kept; at most `2k + 3` searches.
public struct Router: Sendable {
    /// Cost factor applied to the edges of routes found, when searching for alternatives.
    public static let alternativePenalty = 1.4
    /// Largest share of an alternative's length that may overlap a route already kept.
    public static let alternativeMaxShared = 0.8

    /// The graph.
    public let graph: RoadGraph
    /// The nearest-edge index.
    public let snapper: EdgeSnapper
    /// Hierarchies by weight (possibly none).
    public let hierarchies: [RouteWeight: ContractionHierarchy]

    /// Prepares a router; builds a contraction hierarchy for each weight listed (default none:
    /// bidirectional Dijkstra answers every query).
    public init(graph: RoadGraph, hierarchies weights: Set<RouteWeight> = []) {
        self.graph = graph
        snapper = EdgeSnapper(graph: graph)
        var h: [RouteWeight: ContractionHierarchy] = [:]
        for w in weights { h[w] = ContractionHierarchy(graph: graph, weight: w) }
        hierarchies = h
    }

    /// Edges whose geometry intersects any of `areas` (polygons in the graph's coordinates).
    /// - Throws: GEOS errors from GeoTopology for invalid areas.
    public func edgesIntersecting(_ areas: [Geometry]) throws -> [Int] {
        var out = Set<Int>()
        for area in areas {
            guard let box = area.boundingBox else { continue }
            let prepared = try PreparedGeometry(area)
            for e in snapper.tree.query(box) where !out.contains(e) {
                if try prepared.intersects(.lineString(LineString(graph.geometry(ofEdge: e)))) { out.insert(e) }
            }
        }
        return out.sorted()
    }

    /// Routes through the request's points: the best route first, then any alternatives.
    /// - Throws: ``RouteAnalysisError/invalidParameter(_:)`` for fewer than 2 points or a negative
    ///   alternative count; ``RouteAnalysisError/pointTooFarFromNetwork(index:distanceMeters:limitMeters:)``;
    ///   ``RouteAnalysisError/disconnected(fromIndex:toIndex:)`` when consecutive points cannot be joined
    ///   (different components, one-way streets, or closures).
    public func route(_ request: RouteRequest) throws -> [Route] {
        guard request.points.count >= 2 else {
            throw RouteAnalysisError.invalidParameter("a route needs at least 2 points, got \(request.points.count)")
        }
        guard request.alternatives >= 0, request.alternatives <= 10 else {
            throw RouteAnalysisError.invalidParameter("alternatives must be 0...10, got \(request.alternatives)")
        }
        var closedList = request.closedEdges.filter { $0 >= 0 && $0 < graph.edgeCount }
        if !request.avoidAreas.isEmpty { closedList += try edgesIntersecting(request.avoidAreas) }
        let closed: EdgeSet? = closedList.isEmpty ? nil : EdgeSet(edgeCount: graph.edgeCount, edges: closedList)
        let snaps = try request.points.enumerated().map { i, p in
            try snapper.snap(p, limitMeters: request.maxSnapMeters, closed: closed, index: i)
        }
        for i in 0 ..< snaps.count - 1 {
            let a = graph.nodeComponent[Int(graph.edgeFrom[snaps[i].edge])]
            let b = graph.nodeComponent[Int(graph.edgeFrom[snaps[i + 1].edge])]
            if a != b { throw RouteAnalysisError.disconnected(fromIndex: i, toIndex: i + 1) }
        }
        var bidirectional = BidirectionalSearch(graph: graph)
        var hierarchy = closed == nil ? hierarchies[request.weight].map { HierarchySearch(hierarchy: $0) } : nil
        var legs: [RouteLeg] = []
        for i in 0 ..< snaps.count - 1 {
            let (sources, targets) = endpoints(snaps[i], snaps[i + 1], costs: graph.costs(request.weight))
            let found = hierarchy != nil ? hierarchy?.path(from: sources, to: targets)
                : bidirectional.path(from: sources, to: targets, weight: request.weight, closed: closed)
            guard let leg = makeLeg(snaps[i], snaps[i + 1], found: found, costs: graph.costs(request.weight)) else {
                throw RouteAnalysisError.disconnected(fromIndex: i, toIndex: i + 1)
            }
            legs.append(leg)
        }
        var routes = [makeRoute(legs, snaps, request.weight)]
        if request.alternatives > 0 && snaps.count == 2 {
            routes += alternatives(to: routes[0], snaps: snaps, weight: request.weight, closed: closed,
                                   count: request.alternatives, search: &bidirectional)
        }
        return routes
    }

    func makeRoute(_ legs: [RouteLeg], _ snaps: [SnappedPoint], _ weight: RouteWeight) -> Route {
        Route(weight: weight, lengthMeters: legs.reduce(0) { $0 + $1.lengthMeters },
              durationSeconds: legs.reduce(0) { $0 + $1.durationSeconds }, legs: legs, snaps: snaps)
    }

    /// Entry and exit nodes of a leg with their partial edge costs.
    func endpoints(_ a: SnappedPoint, _ b: SnappedPoint, costs w: [Double]) -> ([SearchEndpoint], [SearchEndpoint]) {
        let ea = a.edge, eb = b.edge
        var sources = [SearchEndpoint(node: Int(graph.edgeTo[ea]), cost: (1 - a.fraction) * w[ea])]
        if !graph.edgeOneWay[ea] { sources.append(SearchEndpoint(node: Int(graph.edgeFrom[ea]), cost: a.fraction * w[ea])) }
        var targets = [SearchEndpoint(node: Int(graph.edgeFrom[eb]), cost: b.fraction * w[eb])]
        if !graph.edgeOneWay[eb] { targets.append(SearchEndpoint(node: Int(graph.edgeTo[eb]), cost: (1 - b.fraction) * w[eb])) }
        return (sources, targets)
    }
}
