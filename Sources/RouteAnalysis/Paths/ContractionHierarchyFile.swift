import Foundation

extension ContractionHierarchy {
    /// The hierarchy in the file format of ``ContractionHierarchyCache``.
    public func serialized() -> Data {
        var d = Data("BMCH".utf8)
        func put<T>(_ v: T) { withUnsafeBytes(of: v) { d.append(contentsOf: $0) } }
        func put<T>(_ a: [T]) { a.withUnsafeBytes { d.append(contentsOf: $0) } }
        put(ContractionHierarchyCache.formatVersion)
        let name = Array(weight.rawValue.utf8)
        put(UInt8(name.count)); d.append(contentsOf: name)
        put(ContractionHierarchyCache.fingerprint(of: graph, weight: weight))
        put(Int64(rank.count)); put(Int64(edgeArc.count)); put(Int64(upHead.count)); put(Int64(downTail.count))
        put(rank); put(upStart); put(upHead); put(upCost); put(upEdge)
        put(downStart); put(downTail); put(downCost); put(downEdge)
        put(edgeTail); put(edgeHead); put(edgeArc); put(edgeFirst); put(edgeSecond)
        var digest = Digest()
        d.withUnsafeBytes { digest.mix(bytes: $0) }
        put(digest.value)
        return d
    }

    /// Reads ``serialized()`` output for `graph` and `weight`, verifying it (see
    /// ``ContractionHierarchyCache``).
    /// - Throws: ``RouteAnalysisError/invalidParameter(_:)`` naming what did not match (other
    ///   version, weight or graph, checksum, an index out of range); rebuild the hierarchy then.
    public init(serialized data: Data, graph: RoadGraph, weight: RouteWeight) throws {
        func bad(_ why: String) -> RouteAnalysisError {
            .invalidParameter("contraction hierarchy cache rejected (\(why)); rebuild it")
        }
        guard data.count >= 12 else { throw bad("truncated") }
        let body = data.prefix(data.count - 8)
        var digest = Digest()
        body.withUnsafeBytes { digest.mix(bytes: $0) }
        let stored = data.suffix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        guard stored == digest.value else { throw bad("checksum") }
        var r = BinaryCursor(body, truncated: bad("truncated"))
        guard try r.take(4) == Data("BMCH".utf8) else { throw bad("not a hierarchy file") }
        guard try r.scalar(UInt32.self) == ContractionHierarchyCache.formatVersion else { throw bad("format version") }
        let nameLength = Int(try r.scalar(UInt8.self))
        guard String(decoding: try r.take(nameLength), as: UTF8.self) == weight.rawValue else { throw bad("weight") }
        guard try r.scalar(UInt64.self) == ContractionHierarchyCache.fingerprint(of: graph, weight: weight) else { throw bad("other graph") }
        let n = Int(try r.scalar(Int64.self)), h = Int(try r.scalar(Int64.self))
        let ups = Int(try r.scalar(Int64.self)), downs = Int(try r.scalar(Int64.self))
        guard n == graph.nodeCount, h >= 0, h < Int(Int32.max), ups >= 0, downs >= 0, ups <= h, downs <= h
        else { throw bad("counts") }
        let rank = try r.array(Int32.self, n)
        let upStart = try r.array(Int32.self, n + 1), upHead = try r.array(Int32.self, ups)
        let upCost = try r.array(Double.self, ups), upEdge = try r.array(Int32.self, ups)
        let downStart = try r.array(Int32.self, n + 1), downTail = try r.array(Int32.self, downs)
        let downCost = try r.array(Double.self, downs), downEdge = try r.array(Int32.self, downs)
        let edgeTail = try r.array(Int32.self, h), edgeHead = try r.array(Int32.self, h), edgeArc = try r.array(Int32.self, h)
        let edgeFirst = try r.array(Int32.self, h), edgeSecond = try r.array(Int32.self, h)
        guard r.isAtEnd else { throw bad("trailing bytes") }
        // structure: a rank permutation, CSR rows in range, hierarchy edges well formed
        var seenRank = [Bool](repeating: false, count: n)
        for r in rank {
            guard r >= 0, Int(r) < n, !seenRank[Int(r)] else { throw bad("rank") }
            seenRank[Int(r)] = true
        }
        func checkRows(_ start: [Int32], _ other: [Int32], _ cost: [Double], _ edge: [Int32]) throws {
            guard start.first == 0, Int(start[n]) == other.count,
                  zip(start, start.dropFirst()).allSatisfy({ $0 <= $1 }),
                  other.allSatisfy({ $0 >= 0 && Int($0) < n }), cost.allSatisfy({ $0 >= 0 && $0.isFinite }),
                  edge.allSatisfy({ $0 >= 0 && Int($0) < h })
            else { throw bad("adjacency") }
        }
        try checkRows(upStart, upHead, upCost, upEdge)
        try checkRows(downStart, downTail, downCost, downEdge)
        for e in 0 ..< h {
            guard edgeTail[e] >= 0, Int(edgeTail[e]) < n, edgeHead[e] >= 0, Int(edgeHead[e]) < n else { throw bad("edge ends") }
            let arc = Int(edgeArc[e])
            if arc >= 0 {
                guard arc < 2 * graph.edgeCount,
                      graph.endpoints(ofArc: arc) == (Int(edgeTail[e]), Int(edgeHead[e])) else { throw bad("arc") }
            } else {
                let f = Int(edgeFirst[e]), s = Int(edgeSecond[e])
                guard arc == -1, f >= 0, f < e, s >= 0, s < e, edgeTail[f] == edgeTail[e], edgeHead[f] == edgeTail[s],
                      edgeHead[s] == edgeHead[e] else { throw bad("shortcut") }
            }
        }
        self.init(graph: graph, weight: weight, rank: rank, upStart: upStart, upHead: upHead, upCost: upCost, upEdge: upEdge,
                  downStart: downStart, downTail: downTail, downCost: downCost, downEdge: downEdge, edgeTail: edgeTail,
                  edgeHead: edgeHead, edgeArc: edgeArc, edgeFirst: edgeFirst, edgeSecond: edgeSecond)
    }
}
