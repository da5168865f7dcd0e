import Foundation
import GeoCore
import GeoProjection
import GeoTopology

/// What ``Router/reach(_:)`` is asked: areas reachable from one point within cost breaks.
public struct ReachRequest: Sendable, Hashable {
    /// How areas of successive breaks relate.
    public enum Style: String, Sendable, Hashable {
        /// Each area holds everything within its break (nested; ArcGIS service areas "disks").
        case disks
        /// Each area holds only what lies between the previous break and its own ("rings").
        case rings
    }

    /// The start (a border post), in the graph's coordinates.
    public var origin: Coordinate
    /// Cost breaks in the weight's unit (seconds for `.time`, metres for `.length`), > 0.
    public var breaks: [Double]
    /// `.time` (drive-time areas, default) or `.length` (network distance areas).
    public var weight: RouteWeight
    /// Buffer around reached road pieces, metres. Default 250 m: areas follow the roads instead of
    /// filling the land between them (ArcGIS's "trim" distance plays the same role).
    public var bufferMeters: Double
    /// Nested disks (default) or rings.
    public var style: Style
    /// Edge ids closed for this request.
    public var closedEdges: [Int]
    /// Largest accepted distance from the origin to the network, metres (default 10 km).
    public var maxSnapMeters: Double

    /// Creates a request; see the properties for defaults.
    public init(origin: Coordinate, breaks: [Double], weight: RouteWeight = .time, bufferMeters: Double = 250,
                style: Style = .disks, closedEdges: [Int] = [], maxSnapMeters: Double = 10_000) {
        self.origin = origin
        self.breaks = breaks
        self.weight = weight
        self.bufferMeters = bufferMeters
        self.style = style
        self.closedEdges = closedEdges
        self.maxSnapMeters = maxSnapMeters
    }
}

/// One reach area: the polygon of a break.
public struct ReachArea: Sendable, Hashable {
    /// The break, in `unit`.
    public var breakValue: Double
    /// "s" for seconds (time) or "m" for metres (length).
    public var unit: String
    /// Polygon or MultiPolygon in the graph's coordinates (lon/lat), empty when nothing is reached.
    public var geometry: Geometry
    /// Nodes reached within the break (for rings: also those of smaller breaks).
    public var reachedNodes: [Int]

    /// GeoJSON-ready feature with `break`, `unit`, and `break_min` (time) or `break_km` (length).
    public var feature: Feature {
        var p: [String: PropertyValue] = ["break": .double(breakValue), "unit": .string(unit)]
        if unit == "s" { p["break_min"] = .double(breakValue / 60) } else { p["break_km"] = .double(breakValue / 1000) }
        return Feature(geometry: geometry, properties: p)
    }
}

extension Router {
    /// Drive-time or distance areas from one point, one per break, largest last.
    ///
    /// The origin is snapped to the nearest edge; a Dijkstra search bounded by the largest break
    /// gives each node's least cost; for each break, every edge is cut to the parts reachable from
    /// its reached ends (an edge end reached at cost c reaches `(break - c) / edge cost` of the edge,
    /// travel directions respected), plus the reachable part of the origin's own edge. These pieces
    /// are buffered by `bufferMeters` and unioned by GEOS (GeoTopology). Lon/lat graphs are
    /// buffered in an azimuthal equidistant projection centred on the origin (PROJ `aeqd`, distances
    /// from the origin true; scale error under 0.2 % within 400 km) and projected back.
    /// - Throws: ``RouteAnalysisError/invalidParameter(_:)`` for empty, non-positive or unsorted
    ///   breaks or a negative buffer; snapping errors; PROJ and GEOS errors.
    public func reach(_ request: ReachRequest) throws -> [ReachArea] {
        let breaks = request.breaks
        guard !breaks.isEmpty, breaks.allSatisfy({ $0 > 0 && $0.isFinite }), breaks == breaks.sorted(),
              Set(breaks).count == breaks.count else {
            throw RouteAnalysisError.invalidParameter("reach breaks must be positive, finite and increasing, got \(breaks)")
        }
        guard request.bufferMeters.isFinite, request.bufferMeters > 0 else {
            throw RouteAnalysisError.invalidParameter("reach buffer must be > 0 m, got \(request.bufferMeters)")
        }
        let g = graph
        let closed: EdgeSet? = request.closedEdges.isEmpty ? nil : EdgeSet(edgeCount: g.edgeCount, edges: request.closedEdges)
        let snap = try snapper.snap(request.origin, limitMeters: request.maxSnapMeters, closed: closed, index: 0)
        let w = g.costs(request.weight)
        let e0 = snap.edge
        var sources = [SearchEndpoint(node: Int(g.edgeTo[e0]), cost: (1 - snap.fraction) * w[e0])]
        if !g.edgeOneWay[e0] { sources.append(SearchEndpoint(node: Int(g.edgeFrom[e0]), cost: snap.fraction * w[e0])) }
        var search = DijkstraSearch(graph: g)
        let settled = search.settle(from: sources, weight: request.weight, limit: breaks[breaks.count - 1], closed: closed)
        var cost = [Int32: Double]()
        for s in settled { cost[Int32(s.node)] = s.cost }
        let project = try ReachProjection(graph: g, origin: snap.location)
        var areas: [ReachArea] = []
        var previous: Geometry?
        for b in breaks {
            var pieces: [LineString] = []
            var edgesSeen = Set<Int>()
            for s in settled where s.cost <= b {
                for k in Int(g.outStart[s.node]) ..< Int(g.outStart[s.node + 1]) {
                    let e = Int(g.outArc[k]) >> 1
                    if edgesSeen.contains(e) || closed?.contains(e) == true { continue }
                    edgesSeen.insert(e)
                    pieces += try reachablePieces(ofEdge: e, costs: w, cost: cost, limit: b)
                }
            }
            // the origin's own edge, from the snapped point
            let along = w[e0] > 0 ? b / w[e0] : 1
            pieces.append(LineString(try g.subline(ofEdge: e0, from: snap.fraction, to: min(1, snap.fraction + along))))
            if !g.edgeOneWay[e0] {
                pieces.append(LineString(try g.subline(ofEdge: e0, from: max(0, snap.fraction - along), to: snap.fraction)))
            }
            let lines = try project.forward(.multiLineString(MultiLineString(pieces)))
            let full = try lines.buffer(distance: request.bufferMeters)
            var disk = full
            if request.style == .rings, let previous { disk = try full.difference(previous) }
            previous = full
            areas.append(ReachArea(breakValue: b, unit: request.weight == .time ? "s" : "m",
                                   geometry: try project.inverse(disk),
                                   reachedNodes: settled.lazy.filter { $0.cost <= b }.map(\.node)))
        }
        return areas
    }

    /// Parts of edge `e` reachable within `limit` from its reached ends (directions respected).
    func reachablePieces(ofEdge e: Int, costs w: [Double], cost: [Int32: Double], limit: Double) throws -> [LineString] {
        let g = graph
        let cu = cost[g.edgeFrom[e]] ?? .infinity
        let cv = g.edgeOneWay[e] ? .infinity : (cost[g.edgeTo[e]] ?? .infinity)
        let we = w[e]
        let fromU = cu <= limit ? (we > 0 ? min(1, (limit - cu) / we) : 1) : 0
        let fromV = cv <= limit ? (we > 0 ? min(1, (limit - cv) / we) : 1) : 0
        if fromU + fromV >= 1 { return [LineString(g.geometry(ofEdge: e))] }
        var out: [LineString] = []
        if fromU > 0 { out.append(LineString(try g.subline(ofEdge: e, from: 0, to: fromU))) }
        if fromV > 0 { out.append(LineString(try g.subline(ofEdge: e, from: 1 - fromV, to: 1))) }
        return out
    }
}

/// Metric frame for buffering: identity for planar graphs, `aeqd` centred on the origin for
/// lon/lat graphs.
struct ReachProjection {
    let transformer: Transformer?

    init(graph: RoadGraph, origin: Coordinate) throws {
        if graph.coordinates == .planar { transformer = nil; return }
        let text = String(format: "+proj=aeqd +lat_0=%.8f +lon_0=%.8f +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs",
                          origin.y, origin.x)
        transformer = try Transformer(from: try CRS.wgs84, to: try CRS(text))
    }

    func forward(_ g: Geometry) throws -> Geometry {
        guard let transformer else { return g }
        return try g.transformed(by: transformer)
    }

    func inverse(_ g: Geometry) throws -> Geometry {
        guard let transformer else { return g }
        return try g.mapCoordinates { try transformer.transform($0, direction: .inverse) }
    }
}
