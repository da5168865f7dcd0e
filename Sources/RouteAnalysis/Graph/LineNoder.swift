import Foundation

/// Nodes a set of lon/lat polylines: merges vertices closer than a tolerance (grid hashing),
/// joins a vertex to another line's segment passing within the tolerance (the segment is split
/// at the projection), splits crossing segments at their intersection, and cuts every line at the
/// resulting nodes. Level-separated lines (bridges, tunnels) join others only at their two ends.
///
/// Distances are measured in a local equirectangular frame, 1 degree of latitude =
/// 111,195 m (mean Earth radius 6,371,008.8 m x pi/180) and a degree of longitude that times
/// cos(latitude): exact enough for a tolerance of metres. Candidate segment pairs come from a
/// uniform grid (cell about the mean segment extent); a pair is tested once, in the cell holding
/// the low corner of the overlap of their boxes. Internal to ``RoadGraph/build(from:options:)``.
struct LineNoder {
    static let metersPerDegree = 6_371_008.8 * Double.pi / 180

    /// Input vertices of all lines, concatenated; line `k` is `lineStart[k] ..< lineStart[k+1]`.
    var x: [Double] = []
    var y: [Double] = []
    var lineStart: [Int] = [0]
    var separated: [Bool] = []

    /// A cut piece of an input line: its node ids at both ends and its vertices.
    struct Piece {
        var line: Int
        var from: Int32
        var to: Int32
        var range: Range<Int>   // into `pieceX` / `pieceY`
    }

    struct Result {
        var nodeX: [Double] = []
        var nodeY: [Double] = []
        var pieces: [Piece] = []
        var pieceX: [Double] = []
        var pieceY: [Double] = []
    }

    mutating func addLine(_ xs: [Double], _ ys: [Double], separated sep: Bool) {
        x.append(contentsOf: xs); y.append(contentsOf: ys)
        lineStart.append(x.count)
        separated.append(sep)
    }

    var lineCount: Int { separated.count }

    func run(tolerance tol: Double, nodeCrossings: Bool) -> Result {
        let nv = x.count
        var lineOf = [Int32](repeating: 0, count: nv)
        for k in 0 ..< lineCount { for v in lineStart[k] ..< lineStart[k + 1] { lineOf[v] = Int32(k) } }
        let maxLat = y.reduce(0) { max($0, abs($1)) }
        let lonScaleMin = max(cos(min(maxLat, 89.9) * .pi / 180), 1e-3)

        // 1. vertex clusters
        var cluster = [Int32](repeating: -1, count: nv)
        var cx: [Double] = [], cy: [Double] = []
        let useGrid = tol >= 0.01
        let cellLat = useGrid ? tol / Self.metersPerDegree : 1
        let cellLon = cellLat / lonScaleMin
        var head: [Int64: Int32] = [:]
        var next: [Int32] = []
        var exact: [SIMD2<Double>: Int32] = [:]
        func near(_ a: Int, _ c: Int) -> Bool {
            let dy = (y[a] - cy[c]) * Self.metersPerDegree
            let dx = (x[a] - cx[c]) * Self.metersPerDegree * cos(y[a] * .pi / 180)
            return dx * dx + dy * dy <= tol * tol
        }
        for v in 0 ..< nv {
            let k = Int(lineOf[v])
            let interior = v != lineStart[k] && v != lineStart[k + 1] - 1
            if separated[k] && interior {
                cluster[v] = Int32(cx.count); cx.append(x[v]); cy.append(y[v]); next.append(-1)
                continue
            }
            if !useGrid {
                let key = SIMD2(x[v], y[v])
                if let c = exact[key] { cluster[v] = c; continue }
                exact[key] = Int32(cx.count)
                cluster[v] = Int32(cx.count); cx.append(x[v]); cy.append(y[v]); next.append(-1)
                continue
            }
            let ix = Int64((x[v] / cellLon).rounded(.down)), iy = Int64((y[v] / cellLat).rounded(.down))
            var found: Int32 = -1
            search: for ddx in -1 ... 1 {
                for ddy in -1 ... 1 {
                    var c = head[((ix + Int64(ddx)) << 32) ^ ((iy + Int64(ddy)) & 0xFFFF_FFFF)] ?? -1
                    while c >= 0 {
                        if near(v, Int(c)) { found = c; break search }
                        c = next[Int(c)]
                    }
                }
            }
            if found < 0 {
                found = Int32(cx.count); cx.append(x[v]); cy.append(y[v])
                let key = (ix << 32) ^ (iy & 0xFFFF_FFFF)
                next.append(head[key] ?? -1)
                head[key] = found
            }
            cluster[v] = found
        }

        // 2. splits from near-passing vertices and crossings
        var splitSeg: [Int32] = [], splitT: [Double] = [], splitCluster: [Int32] = []
        if tol > 0 || nodeCrossings {
            findSplits(tol: tol, nodeCrossings: nodeCrossings, lineOf: lineOf, cluster: cluster, cx: &cx, cy: &cy,
                       splitSeg: &splitSeg, splitT: &splitT, splitCluster: &splitCluster)
        }
        var order = Array(0 ..< splitSeg.count)
        order.sort { splitSeg[$0] != splitSeg[$1] ? splitSeg[$0] < splitSeg[$1] : splitT[$0] < splitT[$1] }

        // 3. point sequences per line, node detection, cutting
        var seqStart = [Int](repeating: 0, count: lineCount + 1)
        var seqCluster: [Int32] = [], seqX: [Double] = [], seqY: [Double] = []
        var uses = [Int32](repeating: 0, count: cx.count)
        var isNode = [Bool](repeating: false, count: cx.count)
        var s = 0
        for k in 0 ..< lineCount {
            seqStart[k] = seqCluster.count
            for v in lineStart[k] ..< lineStart[k + 1] {
                if seqCluster.count > seqStart[k], seqCluster.last == cluster[v] { continue }
                seqCluster.append(cluster[v]); seqX.append(x[v]); seqY.append(y[v]); uses[Int(cluster[v])] += 1
                while s < order.count && Int(splitSeg[order[s]]) < v { s += 1 }
                while s < order.count && Int(splitSeg[order[s]]) == v {
                    let c = splitCluster[order[s]]
                    isNode[Int(c)] = true
                    if seqCluster.last != c {
                        seqCluster.append(c); seqX.append(cx[Int(c)]); seqY.append(cy[Int(c)]); uses[Int(c)] += 1
                    }
                    s += 1
                }
            }
            // a split at the very end may repeat the last vertex's cluster: collapse
            if seqCluster.count - seqStart[k] >= 2, seqCluster[seqCluster.count - 1] == seqCluster[seqCluster.count - 2] {
                seqCluster.removeLast(); seqX.removeLast(); seqY.removeLast()
            }
            if seqCluster.count > seqStart[k] {
                isNode[Int(seqCluster[seqStart[k]])] = true
                isNode[Int(seqCluster[seqCluster.count - 1])] = true
            }
        }
        seqStart[lineCount] = seqCluster.count
        for c in 0 ..< cx.count where uses[c] >= 2 { isNode[c] = true }

        var out = Result()
        var nodeId = [Int32](repeating: -1, count: cx.count)
        func node(_ c: Int32) -> Int32 {
            if nodeId[Int(c)] < 0 {
                nodeId[Int(c)] = Int32(out.nodeX.count)
                out.nodeX.append(cx[Int(c)]); out.nodeY.append(cy[Int(c)])
            }
            return nodeId[Int(c)]
        }
        for k in 0 ..< lineCount {
            let a = seqStart[k], b = seqStart[k + 1]
            if b - a < 2 { continue }
            var startIdx = a
            for i in a + 1 ..< b where isNode[Int(seqCluster[i])] {
                let from = node(seqCluster[startIdx]), to = node(seqCluster[i])
                let p0 = out.pieceX.count
                out.pieceX.append(cx[Int(seqCluster[startIdx])]); out.pieceY.append(cy[Int(seqCluster[startIdx])])
                if i - startIdx > 1 {
                    out.pieceX.append(contentsOf: seqX[(startIdx + 1) ..< i]); out.pieceY.append(contentsOf: seqY[(startIdx + 1) ..< i])
                }
                out.pieceX.append(cx[Int(seqCluster[i])]); out.pieceY.append(cy[Int(seqCluster[i])])
                out.pieces.append(Piece(line: k, from: from, to: to, range: p0 ..< out.pieceX.count))
                startIdx = i
            }
        }
        return out
    }
}
