import Foundation

/// Walks a path in device space — transform, implicit closing, curve flattening, culling —
/// feeding each line segment straight into a `CoverageAccumulator`. No edge list is built, so
/// memory does not grow with the number of vertices.
struct ScanConverter {
    /// Device coordinates are clamped to ±`limit` px per axis (infinities from an overflowing
    /// transform included). Differences and products of clamped values stay finite; only
    /// vertices beyond ±1e18 px, absurd for any drawing, are moved.
    static let limit = 1e18

    /// The region a fill touches: `clip` (snapped to whole pixels) ∩ pixmap ∩ the path's device
    /// bounds, or nil when empty or when the transformed bounds are not a number.
    static func region(of path: Path, transform: Transform, clip: Rect?, width: Int, height: Int)
        -> (x: Int, y: Int, width: Int, height: Int)? {
        let b = path.bounds
        let c0 = transform.apply(PathPoint(b.minX, b.minY)), c1 = transform.apply(PathPoint(b.maxX, b.minY))
        let c2 = transform.apply(PathPoint(b.minX, b.maxY)), c3 = transform.apply(PathPoint(b.maxX, b.maxY))
        for c in [c0, c1, c2, c3] where c.x.isNaN || c.y.isNaN { return nil }
        var x0 = min(min(c0.x, c1.x), min(c2.x, c3.x)), x1 = max(max(c0.x, c1.x), max(c2.x, c3.x))
        var y0 = min(min(c0.y, c1.y), min(c2.y, c3.y)), y1 = max(max(c0.y, c1.y), max(c2.y, c3.y))
        x0 = max(x0.rounded(.down), 0); y0 = max(y0.rounded(.down), 0)
        x1 = min(x1.rounded(.up), Double(width)); y1 = min(y1.rounded(.up), Double(height))
        if let c = clip {
            guard !c.minX.isNaN, !c.minY.isNaN, !c.maxX.isNaN, !c.maxY.isNaN else { return nil }
            x0 = max(x0, c.minX.rounded()); y0 = max(y0, c.minY.rounded())
            x1 = min(x1, c.maxX.rounded()); y1 = min(y1, c.maxY.rounded())
        }
        guard x0 < x1, y0 < y1 else { return nil }
        // All four now lie in 0...width / 0...height, so the conversions are exact.
        return (Int(x0), Int(y0), Int(x1 - x0), Int(y1 - y0))
    }

    /// Feeds every segment of `path` (mapped by `transform`, each subpath closed) into `acc`,
    /// whose region must already be set. Returns false, having fed a partial path, only when a
    /// transformed coordinate is NaN (inf − inf in the transform); the caller then discards.
    static func accumulate(_ path: Path, transform t: Transform, into acc: CoverageAccumulator,
                           tolerance: Double = CurveFlattening.tolerance) -> Bool {
        let ox = Double(acc.originX), oy = Double(acc.originY)
        let w = Double(acc.width), h = Double(acc.height)
        var ok = true
        // Device point relative to the region origin, clamped; flags NaN.
        @inline(__always) func map(_ p: PathPoint) -> PathPoint {
            var x = t.sx * p.x + t.kx * p.y + t.tx - ox
            var y = t.ky * p.x + t.sy * p.y + t.ty - oy
            if !(x.isFinite && y.isFinite) {
                if x.isNaN || y.isNaN { ok = false; x = 0; y = 0 }
            }
            x = min(limit, max(-limit, x)); y = min(limit, max(-limit, y))
            return PathPoint(x, y)
        }
        /// True when the control hull lies wholly where the curve cannot change any pixel except
        /// through its end points' winding: above, below, right of, or left of the region.
        @inline(__always) func culled(_ a: PathPoint, _ b: PathPoint, _ c: PathPoint, _ d: PathPoint) -> Bool {
            let minX = min(min(a.x, b.x), min(c.x, d.x)), maxX = max(max(a.x, b.x), max(c.x, d.x))
            let minY = min(min(a.y, b.y), min(c.y, d.y)), maxY = max(max(a.y, b.y), max(c.y, d.y))
            return maxY <= 0 || minY >= h || minX >= w || maxX <= 0
        }
        path.verbs.withUnsafeBufferPointer { verbs in
            path.points.withUnsafeBufferPointer { pts in
                var index = 0
                var current = map(PathPoint(0, 0)), start = current
                for verb in verbs {
                    switch verb {
                    case .move:
                        acc.addLine(current.x, current.y, start.x, start.y)
                        current = map(pts[index]); start = current
                    case .line:
                        let p = map(pts[index])
                        acc.addLine(current.x, current.y, p.x, p.y)
                        current = p
                    case .quad:
                        let c = map(pts[index]), p = map(pts[index + 1])
                        if culled(current, c, p, p) {
                            acc.addLine(current.x, current.y, p.x, p.y)
                        } else {
                            var from = current
                            CurveFlattening.flattenQuad(current, c, p, tolerance: tolerance) { q in
                                acc.addLine(from.x, from.y, q.x, q.y)
                                from = q
                            }
                        }
                        current = p
                    case .cubic:
                        let c1 = map(pts[index]), c2 = map(pts[index + 1]), p = map(pts[index + 2])
                        if culled(current, c1, c2, p) {
                            acc.addLine(current.x, current.y, p.x, p.y)
                        } else {
                            var from = current
                            CurveFlattening.flattenCubic(current, c1, c2, p, tolerance: tolerance) { q in
                                acc.addLine(from.x, from.y, q.x, q.y)
                                from = q
                            }
                        }
                        current = p
                    case .close:
                        acc.addLine(current.x, current.y, start.x, start.y)
                        current = start
                    }
                    index += verb.pointCount
                }
                acc.addLine(current.x, current.y, start.x, start.y)
            }
        }
        return ok
    }
}

/// The pthread key holding each thread's accumulator (retained; released by the key's
/// destructor when the thread exits), or nil if `pthread_key_create` failed.
/// A pthread key rather than `Thread.current.threadDictionary`: 700 ns per lookup there, a few
/// ns here, against 3 µs for a whole 10 px marker fill.
private let accumulatorKey: pthread_key_t? = {
    var key = pthread_key_t()
    // pthread_key_create: 0 on success, an errno value (EAGAIN, ENOMEM) otherwise.
    let status = pthread_key_create(&key) { raw in
        guard let raw = raw as UnsafeMutableRawPointer? else { return }
        Unmanaged<CoverageAccumulator>.fromOpaque(raw).release()
    }
    return status == 0 ? key : nil
}()

extension CoverageAccumulator {
    /// This thread's accumulator, created on first use and kept for the thread's lifetime so
    /// its buffers (at most one pixmap's size) are reused by every later fill. A fresh one
    /// (not kept) if the thread-local key could not be made.
    static var current: CoverageAccumulator {
        guard let key = accumulatorKey else { return CoverageAccumulator() }
        if let raw = pthread_getspecific(key) {
            return Unmanaged<CoverageAccumulator>.fromOpaque(raw).takeUnretainedValue()
        }
        let acc = CoverageAccumulator()
        // pthread_setspecific: 0 on success; on failure the accumulator is just not kept.
        let raw = Unmanaged.passRetained(acc).toOpaque()
        if pthread_setspecific(key, raw) != 0 { Unmanaged<CoverageAccumulator>.fromOpaque(raw).release() }
        return acc
    }
}
