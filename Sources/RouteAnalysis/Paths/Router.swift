import GeoCore
import GeoTopology

/// Routes between points on a ``RoadGraph``: snapping to the nearest edge (``EdgeSnapper``),
/// least-cost legs through via points, closures and avoided areas, and alternatives.
///
/// Each leg is answered by the ``ContractionHierarchy`` of the request's weight when one was built
/// and nothing is closed; otherwise by bidirectional A* (``BidirectionalSearch`` with the weight's
/// ``GoalBound``) on the graph with closed edges skipped (hierarchies cannot drop edges; answers
/// are the same exact costs either way). Search work arrays are reused between queries (a small
/// lock-protected pool shared by copies of the router), so a query allocates no node-sized arrays.
/// A snapped point enters the graph at both ends of its edge with the partial edge costs
/// (`fraction * cost` towards the `from` node when the edge may be travelled that way,
/// `(1 - fraction) * cost` towards the `to` node), and two points on one edge may also be joined
/// directly along it.
///
/// Alternatives (penalty method): for each leg, after each leg path found, the costs of its
/// edges are multiplied by 1.4 and the search is repeated; a new leg path is kept when at most
/// 80 % of its length is shared with each one already kept; at most `2k + 3` searches per leg.
/// With one leg these are the alternatives. With via points the candidates are the routes that
/// take the i-th alternative on every leg that has one (best path elsewhere), i = 1...k, and the
/// routes that change one leg only; by increasing cost, a candidate is kept when at most 80 % of
/// its length is shared with each route already kept, up to `k`.
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
    /// A* lower bounds by weight (both weights).
    public let bounds: [RouteWeight: GoalBound]
    let pool: RouterSearchPool

    /// Prepares a router; builds a contraction hierarchy for each weight listed (default none:
    /// bidirectional Dijkstra answers every query).
    public init(graph: RoadGraph, hierarchies weights: Set<RouteWeight> = []) {
        let snapper = EdgeSnapper(graph: graph)
        var h: [RouteWeight: ContractionHierarchy] = [:]
        for w in weights { h[w] = ContractionHierarchy(graph: graph, weight: w) }
        self.init(graph: graph, snapper: snapper, prepared: h)
    }

    /// Prepares a router with hierarchies already built or loaded (for example by
    /// ``ContractionHierarchyCache/loadOrBuild(graph:weight:beside:key:)``); a hierarchy made for
    /// another graph (different node or edge count) or filed under the wrong weight is dropped.
    public init(graph: RoadGraph, hierarchies prepared: [RouteWeight: ContractionHierarchy]) {
        self.init(graph: graph, snapper: EdgeSnapper(graph: graph), prepared: prepared)
    }

    init(graph: RoadGraph, snapper: EdgeSnapper, prepared: [RouteWeight: ContractionHierarchy]) {
        self.graph = graph
        self.snapper = snapper
        hierarchies = prepared.filter { w, h in
            h.weight == w && h.graph.nodeCount == graph.nodeCount && h.graph.edgeCount == graph.edgeCount
        }
        var b: [RouteWeight: GoalBound] = [:]
        for w in RouteWeight.allCases { b[w] = GoalBound(graph: graph, weight: w) }
        bounds = b
        pool = RouterSearchPool(graph: graph, hierarchies: hierarchies)
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
        return try pool.withSearches { searches in
            try route(snaps, request: request, closed: closed, searches: &searches)
        }
    }

    /// The legs and alternatives once the points are snapped; nil-free: throws like ``route(_:)``.
    func route(_ snaps: [SnappedPoint], request: RouteRequest, closed: EdgeSet?,
               searches: inout RouterSearches) throws -> [Route] {
        let weight = request.weight
        let costs = graph.costs(weight)
        let useHierarchy = closed == nil && searches.hierarchy[weight] != nil
        var legs: [RouteLeg] = []
        for i in 0 ..< snaps.count - 1 {
            let (sources, targets) = endpoints(snaps[i], snaps[i + 1], costs: costs)
            let found = useHierarchy ? searches.hierarchy[weight]?.path(from: sources, to: targets)
                : searches.bidirectional.path(from: sources, to: targets, costs: costs, closed: closed, bound: bounds[weight])
            guard let leg = makeLeg(snaps[i], snaps[i + 1], found: found, costs: costs) else {
                throw RouteAnalysisError.disconnected(fromIndex: i, toIndex: i + 1)
            }
            legs.append(leg)
        }
        let best = makeRoute(legs, snaps, weight)
        guard request.alternatives > 0 else { return [best] }
        let perLeg = (0 ..< legs.count).map { i in
            legAlternatives(to: legs[i], from: snaps[i], to: snaps[i + 1], weight: weight, closed: closed,
                            count: request.alternatives, search: &searches.bidirectional)
        }
        return [best] + combine(best: best, perLeg: perLeg, snaps: snaps, count: request.alternatives)
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
