import Foundation

extension LineNoder {
    /// Finds where segments must be split: a vertex within `tol` of another segment's interior
    /// (split there with the vertex's cluster), and, when `nodeCrossings`, two segments crossing
    /// farther than `tol` from all four end vertices (split both with a new cluster). Segments
    /// of level-separated lines take no part. Appends to the split arrays; may add clusters.
    func findSplits(tol: Double, nodeCrossings: Bool, lineOf: [Int32], cluster: [Int32], cx: inout [Double], cy: inout [Double],
                    splitSeg: inout [Int32], splitT: inout [Double], splitCluster: inout [Int32]) {
        // segments: s = index of their first vertex
        var segs: [Int32] = []
        var extent = 0.0
        for k in 0 ..< lineCount where !separated[k] {
            for v in lineStart[k] ..< lineStart[k + 1] - 1 {
                segs.append(Int32(v))
                extent += max(abs(x[v + 1] - x[v]), abs(y[v + 1] - y[v]))
            }
        }
        if segs.count < 2 { return }
        let pad = tol / Self.metersPerDegree * 1.01 / max(cos(min(y.reduce(0) { max($0, abs($1)) }, 89.9) * .pi / 180), 1e-3)
        let cell = max(extent / Double(segs.count) * 2, pad * 4, 1e-9)
        func box(_ v: Int) -> (Double, Double, Double, Double) {
            (min(x[v], x[v + 1]) - pad, min(y[v], y[v + 1]) - pad, max(x[v], x[v + 1]) + pad, max(y[v], y[v + 1]) + pad)
        }
        func cellOf(_ a: Double) -> Int64 { Int64((a / cell).rounded(.down)) }
        // (cell key, segment) entries sorted by key: a CSR grid without a dictionary of arrays
        var keys: [Int64] = [], members: [Int32] = []
        for s in segs {
            let b = box(Int(s))
            for ix in cellOf(b.0) ... cellOf(b.2) {
                for iy in cellOf(b.1) ... cellOf(b.3) {
                    keys.append((ix << 32) ^ (iy & 0xFFFF_FFFF)); members.append(s)
                }
            }
        }
        var idx = Array(0 ..< keys.count)
        idx.sort { keys[$0] < keys[$1] }
        var start = 0
        while start < idx.count {
            var end = start + 1
            while end < idx.count && keys[idx[end]] == keys[idx[start]] { end += 1 }
            if end - start >= 2 {
                let key = keys[idx[start]]
                for i in start ..< end - 1 {
                    for j in i + 1 ..< end {
                        let a = Int(members[idx[i]]), b = Int(members[idx[j]])
                        let ba = box(a), bb = box(b)
                        // overlap test, then "test once": only in the cell of the overlap's low corner
                        let lx = max(ba.0, bb.0), ly = max(ba.1, bb.1)
                        if lx > min(ba.2, bb.2) || ly > min(ba.3, bb.3) { continue }
                        if ((cellOf(lx) << 32) ^ (cellOf(ly) & 0xFFFF_FFFF)) != key { continue }
                        testPair(a, b, tol: tol, nodeCrossings: nodeCrossings, lineOf: lineOf, cluster: cluster,
                                 cx: &cx, cy: &cy, splitSeg: &splitSeg, splitT: &splitT, splitCluster: &splitCluster)
                    }
                }
            }
            start = end
        }
    }

    private func testPair(_ a: Int, _ b: Int, tol: Double, nodeCrossings: Bool, lineOf: [Int32], cluster: [Int32],
                          cx: inout [Double], cy: inout [Double],
                          splitSeg: inout [Int32], splitT: inout [Double], splitCluster: inout [Int32]) {
        let ca0 = cluster[a], ca1 = cluster[a + 1], cb0 = cluster[b], cb1 = cluster[b + 1]
        if ca0 == cb0 || ca0 == cb1 || ca1 == cb0 || ca1 == cb1 { return }
        // local metric frame around a's first vertex
        let kx = Self.metersPerDegree * cos(y[a] * .pi / 180), ky = Self.metersPerDegree
        func p(_ v: Int) -> SIMD2<Double> { SIMD2((x[v] - x[a]) * kx, (y[v] - y[a]) * ky) }
        let p0 = p(a), p1 = p(a + 1), q0 = p(b), q1 = p(b + 1)
        var snapped = false
        // vertex near the other segment's interior
        func project(_ pt: SIMD2<Double>, _ s0: SIMD2<Double>, _ s1: SIMD2<Double>) -> (t: Double, d: Double) {
            let r = s1 - s0
            let len2 = (r * r).sum()
            if len2 == 0 { return (0, .infinity) }
            let t = max(0, min(1, ((pt - s0) * r).sum() / len2))
            let q = s0 + t * r - pt
            return (t, (q * q).sum().squareRoot())
        }
        func interior(_ t: Double, _ s0: SIMD2<Double>, _ s1: SIMD2<Double>) -> Bool {
            let len = ((s1 - s0) * (s1 - s0)).sum().squareRoot()
            return t * len > tol && (1 - t) * len > tol
        }
        if tol > 0 {
            for (pt, c, s0, s1, seg) in [(p0, ca0, q0, q1, b), (p1, ca1, q0, q1, b), (q0, cb0, p0, p1, a), (q1, cb1, p0, p1, a)] {
                let (t, d) = project(pt, s0, s1)
                if d <= tol && interior(t, s0, s1) {
                    splitSeg.append(Int32(seg)); splitT.append(t); splitCluster.append(c)
                    snapped = true
                }
            }
        }
        if snapped || !nodeCrossings { return }
        let r = p1 - p0, s = q1 - q0
        let denom = r.x * s.y - r.y * s.x
        if denom == 0 { return }
        let w = q0 - p0
        let t = (w.x * s.y - w.y * s.x) / denom
        let u = (w.x * r.y - w.y * r.x) / denom
        guard t > 0, t < 1, u > 0, u < 1, interior(t, p0, p1), interior(u, q0, q1) else { return }
        let c = Int32(cx.count)
        cx.append(x[a] + t * (x[a + 1] - x[a])); cy.append(y[a] + t * (y[a + 1] - y[a]))
        splitSeg.append(Int32(a)); splitT.append(t); splitCluster.append(c)
        splitSeg.append(Int32(b)); splitT.append(u); splitCluster.append(c)
    }
}
