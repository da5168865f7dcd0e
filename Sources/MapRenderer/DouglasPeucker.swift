/// Douglas-Peucker line simplification (D. Douglas and T. Peucker, "Algorithms for the reduction
/// of the number of points required to represent a digitized line or its caricature",
/// Cartographica 10(2), 1973) on interleaved x, y coordinates, with an explicit stack so that
/// long lines cannot overflow the call stack. Keeps the first and last points.
enum DouglasPeucker {
    static func simplify(_ xy: [Double], tolerance: Double) -> [Double] {
        let n = xy.count / 2
        guard n > 2 else { return xy }
        var keep = [Bool](repeating: false, count: n)
        keep[0] = true
        keep[n - 1] = true
        let tol2 = tolerance * tolerance
        var stack: [(Int, Int)] = [(0, n - 1)]
        xy.withUnsafeBufferPointer { p in
            while let (first, last) = stack.popLast() {
                guard last > first + 1 else { continue }
                let ax = p[2 * first], ay = p[2 * first + 1]
                let dx = p[2 * last] - ax, dy = p[2 * last + 1] - ay
                let len2 = dx * dx + dy * dy
                var worst = -1.0, worstIndex = first
                for i in (first + 1)..<last {
                    let px = p[2 * i] - ax, py = p[2 * i + 1] - ay
                    let d2: Double
                    if len2 == 0 {
                        d2 = px * px + py * py
                    } else {
                        // Distance to the segment, not the infinite line, so closed rings
                        // (first == last) and spikes are handled.
                        let t = max(0, min(1, (px * dx + py * dy) / len2))
                        let ex = px - t * dx, ey = py - t * dy
                        d2 = ex * ex + ey * ey
                    }
                    if d2 > worst {
                        worst = d2
                        worstIndex = i
                    }
                }
                if worst > tol2 {
                    keep[worstIndex] = true
                    stack.append((first, worstIndex))
                    stack.append((worstIndex, last))
                }
            }
        }
        var out: [Double] = []
        out.reserveCapacity(n)
        for i in 0..<n where keep[i] {
            out.append(xy[2 * i])
            out.append(xy[2 * i + 1])
        }
        return out
    }
}
