import Foundation
import RouteAnalysis
import TestSupport
import Testing

/// ContractionHierarchyCache: a hierarchy is built once, read back the second time with identical
/// answers (which equal plain Dijkstra), and corrupt, truncated or stale files are rejected and rebuilt.
@Suite struct ContractionCacheTests {
    static func folder() throws -> (dir: URL, source: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ch-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let source = dir.appendingPathComponent("roads.shp")
        try Data("stand-in source".utf8).write(to: source)
        return (dir, source)
    }

    @Test(arguments: RouteWeight.allCases)
    func builtOnceThenLoadedWithIdenticalAnswers(weight: RouteWeight) throws {
        let g = try SmallReferenceGraph.graph()
        let (dir, source) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = ContractionHierarchyCache.loadOrBuild(graph: g, weight: weight, beside: source, key: "k1")
        #expect(!first.loaded)
        let file = ContractionHierarchyCache.url(beside: source, key: "k1", weight: weight)
        #expect(FileManager.default.fileExists(atPath: file.path))
        let second = ContractionHierarchyCache.loadOrBuild(graph: g, weight: weight, beside: source, key: "k1")
        #expect(second.loaded)
        var built = HierarchySearch(hierarchy: first.hierarchy), loaded = HierarchySearch(hierarchy: second.hierarchy)
        var dj = DijkstraSearch(graph: g)
        for (s, t) in SyntheticGridNetwork.odPairs(count: 200, nodeCount: g.nodeCount, seed: 0xCAC4E) {
            let a = try? built.shortestPath(from: s, to: t), b = try? loaded.shortestPath(from: s, to: t)
            let d = try? dj.shortestPath(from: s, to: t, weight: weight)
            #expect(a == b, "\(s)->\(t)")
            if let b, let d { #expect(abs(b.cost - d.cost) <= 1e-9 * max(d.cost, 1)) } else { #expect(b == nil && d == nil) }
        }
    }

    @Test func corruptTruncatedAndStaleFilesAreRejectedAndRebuilt() throws {
        let g = try SmallReferenceGraph.graph()
        let (dir, source) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let h = ContractionHierarchyCache.loadOrBuild(graph: g, weight: .length, beside: source, key: "k").hierarchy
        let file = ContractionHierarchyCache.url(beside: source, key: "k", weight: .length)
        let good = try Data(contentsOf: file)
        // one flipped bit in the middle: the checksum no longer matches
        var flipped = good
        flipped[flipped.startIndex + flipped.count / 2] ^= 0x10
        #expect(throws: RouteAnalysisError.self) { try ContractionHierarchy(serialized: flipped, graph: g, weight: .length) }
        try flipped.write(to: file)
        #expect(!ContractionHierarchyCache.loadOrBuild(graph: g, weight: .length, beside: source, key: "k").loaded)
        #expect(try Data(contentsOf: file) == good, "rebuilt file replaces the corrupt one")
        // truncated
        #expect(throws: RouteAnalysisError.self) { try ContractionHierarchy(serialized: good.prefix(good.count / 3), graph: g, weight: .length) }
        // stale: the other weight, or a graph with other costs
        #expect(throws: RouteAnalysisError.self) { try ContractionHierarchy(serialized: good, graph: g, weight: .time) }
        #expect(throws: RouteAnalysisError.self) {
            try ContractionHierarchy(serialized: h.serialized(), graph: RoadGraph(coordinates: .planar,
                nodes: (0 ..< g.nodeCount).map { g.node($0) },
                edges: (0 ..< g.edgeCount).map { RoadEdge(from: Int(g.edgeFrom[$0]), to: Int(g.edgeTo[$0]),
                                                           lengthMeters: g.edgeLength[$0] + 1, timeSeconds: g.edgeTime[$0]) }),
                weight: .length)
        }
        #expect(try ContractionHierarchy(serialized: good, graph: g, weight: .length).shortcutCount == h.shortcutCount)
    }
}
