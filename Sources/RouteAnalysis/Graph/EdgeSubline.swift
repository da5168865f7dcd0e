import GeoCore

extension RoadGraph {
    /// The part of edge `e` between two shares of its length (`0 <= from <= to <= 1`, from the
    /// `from` node), as a polyline; shares are measured with ``distanceMeters(_:_:)`` per segment.
    /// - Throws: geodesic errors for invalid coordinates.
    public func subline(ofEdge e: Int, from f0: Double, to f1: Double) throws -> [Coordinate] {
        let g = geometry(ofEdge: e)
        var cumulative = [0.0]
        for i in 1 ..< g.count { cumulative.append(cumulative[i - 1] + (try distanceMeters(g[i - 1], g[i]))) }
        let total = cumulative[cumulative.count - 1]
        if total == 0 { return [g[0], g[g.count - 1]] }
        func point(at share: Double) -> (Coordinate, Int) {
            let target = max(0, min(1, share)) * total
            var i = 1
            while i < g.count - 1 && cumulative[i] < target { i += 1 }
            let span = cumulative[i] - cumulative[i - 1]
            let t = span > 0 ? (target - cumulative[i - 1]) / span : 0
            return (Coordinate(g[i - 1].x + t * (g[i].x - g[i - 1].x), g[i - 1].y + t * (g[i].y - g[i - 1].y)), i)
        }
        let (a, ia) = point(at: min(f0, f1)), (b, ib) = point(at: max(f0, f1))
        var out = [a]
        if ib > ia { out += g[ia ..< ib] }
        out.append(b)
        return out
    }
}
