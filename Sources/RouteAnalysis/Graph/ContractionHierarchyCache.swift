import Foundation

/// Contraction hierarchies cached beside the road graph cache (``RoadGraphCache``), so the
/// server and a second CLI run skip the preprocessing (tens of seconds on 100,000 nodes).
///
/// File: `<source name>.roadgraph-<key>.ch-<weight>.bin` beside the source, `key` being the
/// graph's ``RoadGraphCache/key(source:options:)``. Format (little-endian): magic `BMCH`,
/// ``formatVersion`` as UInt32, weight name length (UInt8) and UTF-8 name, the graph
/// fingerprint (UInt64, see ``fingerprint(of:weight:)``), node count, hierarchy edge count,
/// upward and downward entry counts (Int64 each), the arrays (rank, upStart, upHead, upCost,
/// upEdge, downStart, downTail, downCost, downEdge, edgeTail, edgeHead, edgeArc, edgeFirst,
/// edgeSecond) and last a checksum (UInt64) of everything before it.
///
/// Never trusted: on load the version, weight, fingerprint and checksum must match and every
/// index must be in range (ranks a permutation, shortcuts made of earlier edges, arcs joining
/// their edge's nodes); anything else rebuilds the hierarchy and rewrites the file.
public enum ContractionHierarchyCache {
    /// Version of the file format; files of other versions are rebuilt.
    public static let formatVersion: UInt32 = 1

    /// Where the hierarchy for `weight` of the graph cached under `key` lives.
    public static func url(beside source: URL, key: String, weight: RouteWeight) -> URL {
        source.deletingLastPathComponent()
            .appendingPathComponent(source.lastPathComponent + ".roadgraph-\(key).ch-\(weight.rawValue).bin")
    }

    /// The cached hierarchy when its file is present and valid for `graph`, else a new one,
    /// written to the file (a failed write is ignored: a read-only folder still routes).
    /// - Returns: the hierarchy and whether it was read from the file.
    public static func loadOrBuild(graph: RoadGraph, weight: RouteWeight, beside source: URL,
                                   key: String) -> (hierarchy: ContractionHierarchy, loaded: Bool) {
        let file = url(beside: source, key: key, weight: weight)
        if let data = try? Data(contentsOf: file),
           let h = try? ContractionHierarchy(serialized: data, graph: graph, weight: weight) {
            return (h, true)
        }
        let h = ContractionHierarchy(graph: graph, weight: weight)
        try? h.serialized().write(to: file, options: .atomic)
        return (h, false)
    }

    /// A 64-bit digest of what a hierarchy depends on: node count, edge ends, one-way flags and
    /// the weight's costs (bit patterns), mixed word by word (FNV-1a style multiply, then the
    /// splitmix64 finaliser).
    public static func fingerprint(of g: RoadGraph, weight: RouteWeight) -> UInt64 {
        var h = Digest()
        h.mix(UInt64(g.nodeCount)); h.mix(UInt64(g.edgeCount))
        let w = g.costs(weight)
        for e in 0 ..< g.edgeCount {
            h.mix(UInt64(UInt32(bitPattern: g.edgeFrom[e])) << 32 | UInt64(UInt32(bitPattern: g.edgeTo[e])))
            h.mix(w[e].bitPattern ^ (g.edgeOneWay[e] ? 1 : 0))
        }
        return h.value
    }
}

/// Word-wise FNV-1a-style digest with a splitmix64 finaliser (not cryptographic: it detects
/// truncation, bit rot and mismatched inputs, not tampering).
struct Digest {
    private var state: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func mix(_ word: UInt64) {
        state = (state ^ word) &* 0x0000_0100_0000_01B3
        state ^= state >> 29
    }

    mutating func mix(bytes: UnsafeRawBufferPointer) {
        var i = 0
        while i + 8 <= bytes.count { mix(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)); i += 8 }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count { tail |= UInt64(bytes[i]) << shift; shift += 8; i += 1 }
        mix(tail ^ UInt64(bytes.count) << 56)
    }

    var value: UInt64 {
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
