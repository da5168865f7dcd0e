import Foundation

/// An admissible, consistent lower bound on the least cost between two nodes of a ``RoadGraph``
/// for one weight, used as the A* potential by ``DijkstraSearch`` and ``BidirectionalSearch``.
///
/// Every node gets a point in 3-D space: planar graphs use `(x, y, 0)` in metres; lon/lat graphs
/// put the node on a sphere of radius b = 6,356,752.314245 m (the WGS 84 semi-minor axis, NIMA
/// TR8350.2) at its *reduced* latitude β (`tan β = (b/a) tan φ`, a = 6,378,137 m), the point
/// `b (cos β cos λ, cos β sin λ, sin β)`. `d(u, v)` is the straight (chord) distance between the
/// points. The bound is `factor × d(u, v)` with
/// `factor = (1 - 1e-9) × min over edges e with d(e) > 0 of cost(e) / d(from(e), to(e))`.
///
/// Why it never overestimates: any path's cost is the sum of its edge costs, each at least
/// `factor × d` of its end nodes, and `d` obeys the triangle inequality (it is a Euclidean
/// distance), so the sum is at least `factor × d(source, target)`. The same argument gives
/// consistency (`bound(u, t) <= cost(u, v) + bound(v, t)`). The proof uses only the data, so it
/// holds for any weight, one-way edges and closed edges (closing edges only raises the minimum);
/// the sphere of radius b merely makes the bound tight for geodesic lengths (mapping the WGS 84
/// ellipsoid onto that sphere by reduced latitude shrinks no distance by more than b/a, and the
/// chord is within 0.5 % of the arc below 2,000 km). The factor `1 - 1e-9` absorbs rounding.
public struct GoalBound: Sendable {
    /// The weight the bound is for.
    public let weight: RouteWeight
    /// Cost per metre of chord distance (0 when some edge joins two distinct points at no cost:
    /// the bound is then 0 and A* degenerates to Dijkstra, still exact).
    public let factor: Double
    let px: [Double]
    let py: [Double]
    let pz: [Double]

    /// WGS 84 semi-major axis a, metres (NIMA TR8350.2).
    public static let wgs84A = 6_378_137.0
    /// WGS 84 semi-minor axis b, metres (NIMA TR8350.2; a (1 - f), f = 1/298.257223563).
    public static let wgs84B = 6_356_752.314245

    /// Computes node points and the factor for `weight` (linear in nodes and edges).
    public init(graph g: RoadGraph, weight: RouteWeight) {
        let n = g.nodeCount
        var x = [Double](repeating: 0, count: n), y = x, z = x
        switch g.coordinates {
        case .planar:
            x = g.nodeX; y = g.nodeY
        case .lonLat:
            let a = Self.wgs84A, b = Self.wgs84B
            for v in 0 ..< n {
                let lambda = g.nodeX[v] * .pi / 180, phi = g.nodeY[v] * .pi / 180
                let beta = atan2(b * sin(phi), a * cos(phi))
                x[v] = b * cos(beta) * cos(lambda); y[v] = b * cos(beta) * sin(lambda); z[v] = b * sin(beta)
            }
        }
        let w = g.costs(weight)
        var f = Double.infinity
        for e in 0 ..< g.edgeCount {
            let u = Int(g.edgeFrom[e]), v = Int(g.edgeTo[e])
            let dx = x[u] - x[v], dy = y[u] - y[v], dz = z[u] - z[v]
            let d = (dx * dx + dy * dy + dz * dz).squareRoot()
            if d > 0 { f = min(f, w[e] / d) }
        }
        if !f.isFinite || f < 0 { f = 0 }
        self.weight = weight
        factor = f * (1 - 1e-9)
        px = x; py = y; pz = z
    }

    /// Lower bound on the least cost between nodes `u` and `v` (either direction).
    @inline(__always)
    public func estimate(_ u: Int, _ v: Int) -> Double {
        let dx = px[u] - px[v], dy = py[u] - py[v], dz = pz[u] - pz[v]
        return factor * (dx * dx + dy * dy + dz * dz).squareRoot()
    }
}

/// A* potential of one search side: a lower bound on the cost to reach the side's goal set
/// (`toward`, endpoints with their remaining costs), optionally averaged with the bound from the
/// opposite set (`away`) as `(toward - away) / 2`, which keeps the forward and backward
/// potentials summing to zero so that the bidirectional stopping rule stays exact.
struct SearchPotential: Sendable {
    var bound: GoalBound?
    var toward: [SearchEndpoint] = []
    var away: [SearchEndpoint] = []
    var averaged = false

    static let zero = SearchPotential(bound: nil)

    @inline(__always)
    func value(_ v: Int) -> Double {
        guard let bound else { return 0 }
        var t = Double.infinity
        for e in toward { t = min(t, e.cost + bound.estimate(v, e.node)) }
        if !averaged { return t }
        var s = Double.infinity
        for e in away { s = min(s, e.cost + bound.estimate(v, e.node)) }
        return 0.5 * (t - s)
    }
}
