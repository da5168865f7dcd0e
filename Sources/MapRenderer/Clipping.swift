/// Clipping of projected parts to a rectangle before they become paths, so a tile never turns
/// the thousands of off-tile vertices of a country outline into path segments.
enum Clipping {
    /// Sutherland-Hodgman clip of a closed ring (interleaved x, y) to `r`. The result may have
    /// edges along the rectangle, which is harmless for fills (the rectangle is larger than the
    /// canvas by the stroke buffer). Returns fewer than 3 points when nothing remains.
    static func clipRing(_ xy: [Double], to r: (minX: Double, minY: Double, maxX: Double, maxY: Double)) -> [Double] {
        var input = xy
        var output: [Double] = []
        output.reserveCapacity(xy.count + 8)
        for edge in 0..<4 {
            output.removeAll(keepingCapacity: true)
            let n = input.count / 2
            guard n > 0 else { break }
            func inside(_ x: Double, _ y: Double) -> Bool {
                switch edge {
                case 0: x >= r.minX
                case 1: x <= r.maxX
                case 2: y >= r.minY
                default: y <= r.maxY
                }
            }
            func intersect(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> (Double, Double) {
                switch edge {
                case 0, 1:
                    let x = edge == 0 ? r.minX : r.maxX
                    return (x, ay + (by - ay) * (x - ax) / (bx - ax))
                default:
                    let y = edge == 2 ? r.minY : r.maxY
                    return (ax + (bx - ax) * (y - ay) / (by - ay), y)
                }
            }
            var px = input[2 * (n - 1)], py = input[2 * (n - 1) + 1]
            var pIn = inside(px, py)
            for i in 0..<n {
                let cx = input[2 * i], cy = input[2 * i + 1]
                let cIn = inside(cx, cy)
                if cIn {
                    if !pIn { let (x, y) = intersect(px, py, cx, cy); output.append(x); output.append(y) }
                    output.append(cx); output.append(cy)
                } else if pIn {
                    let (x, y) = intersect(px, py, cx, cy); output.append(x); output.append(y)
                }
                (px, py, pIn) = (cx, cy, cIn)
            }
            swap(&input, &output)
        }
        return input
    }

    /// Splits a line (interleaved x, y) into the pieces inside `r` (Liang-Barsky per segment).
    static func clipLine(_ xy: [Double], to r: (minX: Double, minY: Double, maxX: Double, maxY: Double)) -> [[Double]] {
        clipLineMeasured(xy, to: r).map(\.points)
    }

    /// `clipLine`, with each piece's distance from the start of the whole line to the start of
    /// the piece (in the line's units), so dash patterns can keep their phase across tiles.
    static func clipLineMeasured(_ xy: [Double], to r: (minX: Double, minY: Double, maxX: Double, maxY: Double))
        -> [(points: [Double], start: Double)] {
        var pieces: [(points: [Double], start: Double)] = []
        var current: [Double] = []
        var travelled = 0.0, currentStart = 0.0
        let n = xy.count / 2
        guard n >= 2 else { return [] }
        for i in 1..<n {
            let ax = xy[2 * (i - 1)], ay = xy[2 * (i - 1) + 1], bx = xy[2 * i], by = xy[2 * i + 1]
            var t0 = 0.0, t1 = 1.0
            let dx = bx - ax, dy = by - ay
            var visible = true
            for (p, q) in [(-dx, ax - r.minX), (dx, r.maxX - ax), (-dy, ay - r.minY), (dy, r.maxY - ay)] {
                if p == 0 {
                    if q < 0 { visible = false; break }
                } else {
                    let t = q / p
                    if p < 0 { if t > t1 { visible = false; break }; t0 = max(t0, t) }
                    else { if t < t0 { visible = false; break }; t1 = min(t1, t) }
                }
            }
            let length = (dx * dx + dy * dy).squareRoot()
            defer { travelled += length }
            guard visible else {
                if current.count >= 4 { pieces.append((current, currentStart)) }
                current = []
                continue
            }
            let sx = ax + t0 * dx, sy = ay + t0 * dy, ex = ax + t1 * dx, ey = ay + t1 * dy
            if current.isEmpty || t0 > 0 {
                if current.count >= 4 { pieces.append((current, currentStart)) }
                current = [sx, sy]
                currentStart = travelled + t0 * length
            }
            current.append(ex)
            current.append(ey)
            if t1 < 1 {
                pieces.append((current, currentStart))
                current = []
            }
        }
        if current.count >= 4 { pieces.append((current, currentStart)) }
        return pieces
    }
}
