import GeoCore

/// Planar geometry of straight segments and polylines, in the units of the coordinates.
enum SegmentMath {
    /// The parameter t in [0, 1] of the point of segment a–b nearest to p.
    static func projection(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let len2 = dx * dx + dy * dy
        guard len2 > 0 else { return 0 }
        return min(1, max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2))
    }

    /// The point at parameter t of segment a–b.
    static func point(_ a: Coordinate, _ b: Coordinate, _ t: Double) -> Coordinate {
        Coordinate(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
    }

    /// Euclidean distance between two points.
    static func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
    }

    /// Distance from p to segment a–b.
    static func distance(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Double {
        distance(p, point(a, b, projection(p, a, b)))
    }

    /// Cumulative lengths of a polyline: `result[i]` is the length from vertex 0 to vertex i.
    static func cumulativeLengths(_ line: [Coordinate]) -> [Double] {
        var out = [0.0]
        out.reserveCapacity(line.count)
        for i in 1..<max(1, line.count) { out.append(out[i - 1] + distance(line[i - 1], line[i])) }
        return out
    }

    /// The nearest position on a polyline to p: distance from p, distance along the line, the
    /// segment index and the point itself. Nil for a line of fewer than two vertices.
    static func locate(_ p: Coordinate, on line: [Coordinate], cumulative: [Double])
        -> (offset: Double, along: Double, segment: Int, point: Coordinate)? {
        guard line.count >= 2 else { return nil }
        var best: (offset: Double, along: Double, segment: Int, point: Coordinate)?
        for i in 1..<line.count {
            let t = projection(p, line[i - 1], line[i])
            let q = point(line[i - 1], line[i], t)
            let d = distance(p, q)
            if d < (best?.offset ?? .infinity) {
                best = (d, cumulative[i - 1] + t * (cumulative[i] - cumulative[i - 1]), i - 1, q)
            }
        }
        return best
    }

    /// The part of a polyline between distances `from` and `to` along it (from < to).
    static func slice(_ line: [Coordinate], cumulative: [Double], from: Double, to: Double) -> [Coordinate] {
        guard line.count >= 2 else { return line }
        var out: [Coordinate] = [pointAt(line, cumulative: cumulative, distance: from)]
        for i in line.indices where cumulative[i] > from && cumulative[i] < to { out.append(line[i]) }
        out.append(pointAt(line, cumulative: cumulative, distance: to))
        return out
    }

    /// The point at distance `d` along a polyline (clamped to its ends).
    static func pointAt(_ line: [Coordinate], cumulative: [Double], distance d: Double) -> Coordinate {
        guard let last = line.last, line.count >= 2 else { return line.first ?? Coordinate(0, 0) }
        if d <= 0 { return line[0] }
        guard let total = cumulative.last, d < total else { return last }
        var lo = 0, hi = line.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if cumulative[mid] <= d { lo = mid } else { hi = mid }
        }
        let span = cumulative[hi] - cumulative[lo]
        return point(line[lo], line[hi], span > 0 ? (d - cumulative[lo]) / span : 0)
    }
}
