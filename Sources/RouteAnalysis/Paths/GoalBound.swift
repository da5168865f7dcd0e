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
    /// Node points, interleaved (one cache line fragment per node).
    let points: [Point]

    /// A node's point in metres.
    struct Point: Sendable {
        var x: Double, y: Double, z: Double
    }

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
        points = (0 ..< n).map { Point(x: x[$0], y: y[$0], z: z[$0]) }
    }

    /// Lower bound on the least cost between nodes `u` and `v` (either direction).
    @inline(__always)
    public func estimate(_ u: Int, _ v: Int) -> Double {
        let a = points[u], b = points[v]
        let dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z
        return factor * (dx * dx + dy * dy + dz * dz).squareRoot()
    }
}

/// A* potential of one search side: a lower bound on the cost to reach the side's goal set
/// (`toward`, endpoints with their remaining costs), optionally averaged with the bound from the
/// opposite set (`away`) as `(toward - away) / 2`, which keeps the forward and backward
/// potentials summing to zero so that the bidirectional stopping rule stays exact.
struct SearchPotential: Sendable {
    /// An endpoint's point and cost.
    struct Goal: Sendable {
        var x: Double, y: Double, z: Double, cost: Double
    }

    let active: Bool
    let factor: Double
    let points: [GoalBound.Point]
    let toward: [Goal], away: [Goal]
    let averaged: Bool

    static let zero = SearchPotential(bound: nil)

    init(bound: GoalBound?, toward: [SearchEndpoint] = [], away: [SearchEndpoint] = [], averaged: Bool = false) {
        active = bound != nil && !toward.isEmpty && (!averaged || !away.isEmpty)
        factor = bound?.factor ?? 0
        points = bound?.points ?? []
        func goals(_ list: [SearchEndpoint]) -> [Goal] {
            guard let b = bound else { return [] }
            return list.map { Goal(x: b.points[$0.node].x, y: b.points[$0.node].y, z: b.points[$0.node].z, cost: $0.cost) }
        }
        self.toward = goals(toward)
        self.away = goals(away)
        self.averaged = averaged
    }

    @inline(__always)
    static func nearest(_ goals: [Goal], _ x: Double, _ y: Double, _ z: Double, _ f: Double) -> Double {
        var best = Double.infinity
        for g in goals {
            let dx = g.x - x, dy = g.y - y, dz = g.z - z
            best = min(best, g.cost + f * (dx * dx + dy * dy + dz * dz).squareRoot())
        }
        return best
    }

    @inline(__always)
    func value(_ v: Int) -> Double {
        guard active else { return 0 }
        let p = points[v]
        let x = p.x, y = p.y, z = p.z
        let t = Self.nearest(toward, x, y, z, factor)
        return averaged ? 0.5 * (t - Self.nearest(away, x, y, z, factor)) : t
    }
}
