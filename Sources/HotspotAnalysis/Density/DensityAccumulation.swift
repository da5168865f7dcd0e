import Dispatch
import Foundation

/// The accumulation loop of `DensityEstimator`, specialised per kernel profile.
extension DensityEstimator {
    /// Rows per block: each point in a block's band is loaded once for all its rows.
    static let blockRows = 8

    /// Adds Σ (wᵢ·factor)·P(dᵢ²/h²) into `values` at the centres (centreXs[j], centreYs[r]).
    /// Centres must run west to east with a constant step (any grid's do); rows in any order.
    func accumulate<P: KernelProfile>(_ profile: P.Type, _ centreXs: [Double], _ centreYs: [Double],
                                      _ factor: Double, _ values: inout [Double]) {
        let width = centreXs.count, height = centreYs.count
        guard width > 0, height > 0, pointCount > 0 else { return }
        let h = bandwidth, h2 = h * h, invH2 = 1 / h2
        let step = width > 1 ? (centreXs[width - 1] - centreXs[0]) / Double(width - 1) : 1
        let x0 = centreXs[0], xEnd = centreXs[width - 1]
        let blocks = (height + Self.blockRows - 1) / Self.blockRows
        // Bucket columns that can reach the grid (a point reaches cells within h).
        let bxLo = Int(((x0 - h) / h).rounded(.down).clamped(-1e15, 1e15))
        let bxHi = Int(((xEnd + h) / h).rounded(.down).clamped(-1e15, 1e15))
        let hasBarriers = barriers != nil
        let count = pointCount
        // The widest span of one point: 2h / step + 1 columns, plus the widening of `span`.
        let scratchCount = Int(min(Double(width), (2 * h / abs(step)).rounded(.up) + 8))
        let segs = barriers?.segments ?? []

        values.withUnsafeMutableBufferPointer { out in
            xs.withUnsafeBufferPointer { px in
            ys.withUnsafeBufferPointer { py in
            ws.withUnsafeBufferPointer { pw in
            bucketY.withUnsafeBufferPointer { by in
            bucketX.withUnsafeBufferPointer { bx in
            centreXs.withUnsafeBufferPointer { cx in
            centreYs.withUnsafeBufferPointer { cy in
            barrierStart.withUnsafeBufferPointer { bStart in
            barrierList.withUnsafeBufferPointer { bList in
            segs.withUnsafeBufferPointer { sg in
                let v = AccumulationView(out: out, px: px, py: py, pw: pw, by: by, bx: bx, cx: cx, cy: cy,
                                         bStart: bStart, bList: bList, segs: sg)
                let threads = blocks >= 4 ? ProcessInfo.processInfo.activeProcessorCount : 1
                DispatchQueue.concurrentPerform(iterations: min(threads, blocks)) { thread in
                    let scratch = UnsafeMutablePointer<Double>.allocate(capacity: scratchCount)
                    defer { scratch.deallocate() }
                    var block = thread
                    while block < blocks {
                        defer { block += threads }
                        let r0 = block * Self.blockRows, r1 = min(height, r0 + Self.blockRows)
                        var yMin = v.cy[r0], yMax = v.cy[r0]
                        for r in r0..<r1 { yMin = min(yMin, v.cy[r]); yMax = max(yMax, v.cy[r]) }
                        let byLo = Int(((yMin - h) / h).rounded(.down).clamped(-1e15, 1e15))
                        let byHi = Int(((yMax + h) / h).rounded(.down).clamped(-1e15, 1e15))
                        var i = lowerBound(v.by, 0, count) { $0 < byLo }
                        while i < count, v.by[i] <= byHi {
                            let rowKey = v.by[i]
                            let runEnd = lowerBound(v.by, i, count) { $0 <= rowKey }
                            let a = lowerBound(v.bx, i, runEnd) { $0 < bxLo }
                            let b = lowerBound(v.bx, a, runEnd) { $0 <= bxHi }
                            for p in a..<b {
                                v.addPoint(P.self, p, rows: r0..<r1, width: width, x0: x0, step: step,
                                           h2: h2, invH2: invH2, factor: factor, hasBarriers: hasBarriers,
                                           scratch: scratch, scratchCount: scratchCount)
                            }
                            i = runEnd
                        }
                    }
                }
            }}}}}}}}}}
        }
    }
}

/// Raw views of the estimator's arrays and the output, shared by the row-block workers; each
/// block writes only its own rows, and the arrays outlive the parallel loop.
private struct AccumulationView: @unchecked Sendable {
    let out: UnsafeMutableBufferPointer<Double>
    let px: UnsafeBufferPointer<Double>, py: UnsafeBufferPointer<Double>, pw: UnsafeBufferPointer<Double>
    let by: UnsafeBufferPointer<Int>, bx: UnsafeBufferPointer<Int>
    let cx: UnsafeBufferPointer<Double>, cy: UnsafeBufferPointer<Double>
    let bStart: UnsafeBufferPointer<Int32>, bList: UnsafeBufferPointer<Int32>, segs: UnsafeBufferPointer<Double>

    /// Adds point p's kernel to rows `rows`. x = dx²/h² is computed once per column of the
    /// point's widest span into `scratch`; per row one square root finds the row's span and the
    /// profile runs over it. Spans are widened by a cell or two each side (truncation instead
    /// of floor/ceil); the profile itself is 0 at d ≥ h, so the span's rounding cannot change
    /// the result.
    @inline(__always)
    func addPoint<P: KernelProfile>(_ profile: P.Type, _ p: Int, rows: Range<Int>, width: Int, x0: Double, step: Double,
                                    h2: Double, invH2: Double, factor: Double, hasBarriers: Bool,
                                    scratch: UnsafeMutablePointer<Double>, scratchCount: Int) {
        let x = px[p], y = py[p], wf = pw[p] * factor
        var nearest = Double.infinity
        for r in rows { let dy = cy[r] - y; nearest = min(nearest, dy * dy) }
        guard nearest < h2 else { return }
        let (jLo, jHi) = span(x, (h2 - nearest).squareRoot(), 0, width - 1, x0, 1 / step)
        guard jLo <= jHi, jHi - jLo < scratchCount else { return }
        for j in jLo...jHi {
            let dx = cx[j] - x
            scratch[j - jLo] = dx * dx * invH2
        }
        let list = hasBarriers ? UnsafeBufferPointer(rebasing: bList[Int(bStart[p])..<Int(bStart[p + 1])])
                               : UnsafeBufferPointer(rebasing: bList[0..<0])
        let invStep = 1 / step
        for r in rows {
            let dy = cy[r] - y, dy2 = dy * dy
            guard dy2 < h2 else { continue }
            let (lo, hi) = span(x, (h2 - dy2).squareRoot(), jLo, jHi, x0, invStep)
            guard lo <= hi else { continue }
            let yy = dy2 * invH2, a = 1 - yy
            // The output has width × height > 0 values, so its base address exists.
            let row = out.baseAddress.unsafelyUnwrapped + r * width
            let xs = scratch - jLo
            if list.isEmpty {
                for j in lo...hi { row[j] += wf * P.value(x: xs[j], y: yy, a: a) }
            } else {
                for j in lo...hi {
                    let term = wf * P.value(x: xs[j], y: yy, a: a)
                    if term != 0, !DensityBarriers.blocked(x, y, cx[j], cy[r], list, segs) { row[j] += term }
                }
            }
        }
    }

    /// Columns lo...hi (clamped to minJ...maxJ) holding every centre within x ± half, with at
    /// least one spare column each side: Int() truncates toward 0, so Int(v) − 1 ≤ floor(v) and
    /// Int(w) + 1 ≥ ceil(w) for either sign, while the centres inside satisfy floor(v) < j < ceil(w).
    @inline(__always)
    func span(_ x: Double, _ half: Double, _ minJ: Int, _ maxJ: Int, _ x0: Double, _ invStep: Double) -> (Int, Int) {
        let v = min(1e15, max(-1e15, (x - half - x0) * invStep))
        let w = min(1e15, max(-1e15, (x + half - x0) * invStep))
        return (max(minJ, Int(v) - 1), min(maxJ, Int(w) + 1))
    }
}

/// The first index in lo..<hi where `before` is false (`before` must be true then false).
@inline(__always)
private func lowerBound(_ a: UnsafeBufferPointer<Int>, _ lo: Int, _ hi: Int, _ before: (Int) -> Bool) -> Int {
    var lo = lo, hi = hi
    while lo < hi {
        let mid = (lo + hi) / 2
        if before(a[mid]) { lo = mid + 1 } else { hi = mid }
    }
    return lo
}

extension Double {
    func clamped(_ lo: Double, _ hi: Double) -> Double { Swift.min(hi, Swift.max(lo, self)) }
}
