import Foundation
import GeoCore

/// Network kernel density: incident density along the roads, with kernel distances measured
/// along the network.
///
/// Variant: the simple (un-split) network KDE of Xie & Yan ("Kernel density estimation of
/// traffic accidents in a network space", Computers, Environment and Urban Systems 32, 2008):
/// 1. every edge is cut into pieces (lixels) of `segmentLength` metres from its `from` node, the
///    last piece holding the remainder;
/// 2. each incident is snapped to its nearest edge (`EdgeSnapper`, at most `snapLimit` metres
///    away; farther incidents are left out and listed);
/// 3. from the snapped position a Dijkstra search bounded by the radius r gives the network
///    distance d to each lixel midpoint (through the edge's end nodes, or directly along the
///    incident's own edge); lengths are the graph's edge lengths, and one-way edges are
///    followed in their direction only (build the graph without one-way rules for an
///    undirected density);
/// 4. density at a midpoint = 1000 · Σ_i (15 / (16 r)) · (1 − (d_i / r)²)² over incidents with
///    d_i < r: the 1-D quartic (biweight) kernel, which integrates to 1 along a straight road, so
///    the value is incidents per km of road.
/// The kernel is not split at junctions (the "equal-split" kernels of Okabe et al. 2009 are
/// not implemented): near a junction of degree k each branch receives the full kernel, so one
/// incident's total mass there exceeds 1. Densities are comparable between places, not exact
/// counts.
public enum NetworkDensity {
    /// Computes the density of every lixel.
    /// - Parameters:
    ///   - graph: the road network.
    ///   - incidents: incident positions in the graph's coordinates (lon/lat or planar metres).
    ///   - segmentLength: lixel length, metres (default 1 km).
    ///   - radius: kernel radius r, metres (default 20 km).
    ///   - snapLimit: farthest an incident may lie from a road, metres (default 5 km).
    /// - Throws: `RouteAnalysisError.invalidParameter` for a non-positive length, radius or limit,
    ///   or more than 10 million lixels; `ProjectionError` for invalid lon/lat coordinates.
    public static func compute(graph: RoadGraph, incidents: [Coordinate], segmentLength: Double = 1_000,
                               radius: Double = 20_000, snapLimit: Double = 5_000) throws -> NetworkDensityResult {
        guard segmentLength.isFinite, segmentLength > 0, radius.isFinite, radius > 0, snapLimit.isFinite, snapLimit >= 0 else {
            throw RouteAnalysisError.invalidParameter("network density needs a positive segment length and radius and a snapping limit ≥ 0")
        }
        let pieceCounts = (0..<graph.edgeCount).map { max(1, Int((graph.edgeLength[$0] / segmentLength).rounded(.up))) }
        guard pieceCounts.reduce(0, +) <= 10_000_000 else {
            throw RouteAnalysisError.invalidParameter("segment length \(segmentLength) m gives more than 10 million road pieces")
        }
        var firstPiece = [0]
        for c in pieceCounts { firstPiece.append((firstPiece.last ?? 0) + c) }
        func mid(_ e: Int, _ k: Int) -> Double { (Double(k) * segmentLength + min(graph.edgeLength[e], Double(k + 1) * segmentLength)) / 2 }

        var density = [Double](repeating: 0, count: firstPiece.last ?? 0)
        var count = [Int](repeating: 0, count: density.count)
        let snapper = EdgeSnapper(graph: graph)
        var search = DijkstraSearch(graph: graph)
        var unsnapped: [Int] = []
        let scale = 1000 * 15 / (16 * radius)
        for (i, p) in incidents.enumerated() {
            guard let snap = try? snapper.snap(p, limitMeters: snapLimit, index: i) else { unsnapped.append(i); continue }
            let e0 = snap.edge, s = snap.fraction * graph.edgeLength[e0]
            var sources = [SearchEndpoint(node: Int(graph.edgeTo[e0]), cost: graph.edgeLength[e0] - s)]
            if !graph.edgeOneWay[e0] { sources.append(SearchEndpoint(node: Int(graph.edgeFrom[e0]), cost: s)) }
            var reached: [Int: Double] = [:]
            for n in search.settle(from: sources, weight: .length, limit: radius) { reached[n.node] = n.cost }
            // Candidate edges: those touching a reached node, and the incident's own edge.
            var edges: Set<Int> = [e0]
            for node in reached.keys {
                for k in Int(graph.outStart[node])..<Int(graph.outStart[node + 1]) { edges.insert(Int(graph.outArc[k]) >> 1) }
                for k in Int(graph.inStart[node])..<Int(graph.inStart[node + 1]) { edges.insert(Int(graph.inArc[k]) >> 1) }
            }
            for e in edges {
                let length = graph.edgeLength[e]
                let dFrom = reached[Int(graph.edgeFrom[e])], dTo = reached[Int(graph.edgeTo[e])]
                for k in 0..<pieceCounts[e] {
                    let m = mid(e, k)
                    var d = Double.infinity
                    if let dFrom { d = dFrom + m }                                   // enter at `from`, travel forward
                    if let dTo, !graph.edgeOneWay[e] { d = min(d, dTo + length - m) } // enter at `to`, travel back
                    if e == e0 { d = min(d, graph.edgeOneWay[e] ? (m >= s ? m - s : .infinity) : abs(m - s)) }
                    guard d < radius else { continue }
                    let u = d / radius
                    density[firstPiece[e] + k] += scale * (1 - u * u) * (1 - u * u)
                    count[firstPiece[e] + k] += 1
                }
            }
        }
        var lixels: [NetworkLixel] = []
        lixels.reserveCapacity(density.count)
        for e in 0..<graph.edgeCount {
            let cut = try EdgeCutter(graph: graph, edge: e)
            for k in 0..<pieceCounts[e] {
                let a = Double(k) * segmentLength, b = min(graph.edgeLength[e], Double(k + 1) * segmentLength)
                lixels.append(NetworkLixel(edge: e, index: k, fromMeters: a, toMeters: b, densityPerKm: density[firstPiece[e] + k],
                                           incidentCount: count[firstPiece[e] + k], line: cut.slice(from: a, to: b)))
            }
        }
        return NetworkDensityResult(lixels: lixels, unsnappedIncidents: unsnapped)
    }
}

/// Cuts an edge's polyline at distances measured in the edge's length units: vertex positions
/// are the geometry's own lengths (geodesic for lon/lat) scaled to the edge length.
struct EdgeCutter {
    let line: [Coordinate]
    let cumulative: [Double]

    init(graph: RoadGraph, edge e: Int) throws {
        let points = graph.geometry(ofEdge: e), length = graph.edgeLength[e]
        var c = [0.0]
        for (a, b) in zip(points, points.dropFirst()) { c.append((c.last ?? 0) + (try graph.distanceMeters(a, b))) }
        let total = c.last ?? 0
        // A zero-length polyline (all vertices equal) spreads the edge length evenly over its vertices.
        let steps = Double(max(1, points.count - 1))
        line = points
        cumulative = total > 0 ? c.map { $0 * length / total } : c.indices.map { length * Double($0) / steps }
    }

    func slice(from a: Double, to b: Double) -> [Coordinate] {
        SegmentMath.slice(line, cumulative: cumulative, from: a, to: b)
    }
}
