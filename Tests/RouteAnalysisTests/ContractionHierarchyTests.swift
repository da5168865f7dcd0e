import Foundation
import RouteAnalysis
import Testing

@Suite struct ContractionHierarchyTests {
    @Test(arguments: RouteWeight.allCases)
    func bidirectionalAndHierarchyMatchReferenceODCosts(weight: RouteWeight) throws {
        let g = try SmallReferenceGraph.graph()
        var bi = BidirectionalSearch(graph: g)
        let ch = ContractionHierarchy(graph: g, weight: weight)
        var hs = HierarchySearch(hierarchy: ch)
        for od in try SmallReferenceGraph.odPairs() {
            let expected = weight == .length ? od.length : od.time
            let b = try bi.shortestPath(from: od.origin, to: od.dest, weight: weight)
            #expect(abs(b.cost - expected) <= 1e-9 * expected, "bidirectional \(od.origin)->\(od.dest)")
            let h = try hs.shortestPath(from: od.origin, to: od.dest)
            #expect(abs(h.cost - expected) <= 1e-9 * expected, "hierarchy \(od.origin)->\(od.dest)")
            // the unpacked arcs form a connected walk whose summed cost is the answer
            let nodes = h.nodes(in: g)
            #expect(nodes.first == od.origin && nodes.last == od.dest)
            var v = od.origin
            for a in h.arcs {
                let ends = g.endpoints(ofArc: a)
                #expect(ends.tail == v); v = ends.head
            }
            let summed = weight == .length ? h.lengthMeters(in: g) : h.timeSeconds(in: g)
            #expect(abs(summed - expected) <= 1e-9 * expected)
        }
    }
}
