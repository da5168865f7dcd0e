import Foundation
import RouteAnalysis
import Testing

@Suite struct GraphDijkstraTests {
    @Test func smallReferenceGraphHasListedTotals() throws {
        let g = try SmallReferenceGraph.graph()
        #expect(g.nodeCount == 1200)
        #expect(g.edgeCount == 2092)
        let total = g.edgeLength.reduce(0, +)
        #expect(abs(total - 17258527.530106306) <= 1e-6 * 17258527.530106306)
        #expect(g.componentSizes.reduce(0, +) == 1200)
    }

    @Test(arguments: RouteWeight.allCases)
    func dijkstraMatchesReferenceODCosts(weight: RouteWeight) throws {
        let g = try SmallReferenceGraph.graph()
        var search = DijkstraSearch(graph: g)
        for od in try SmallReferenceGraph.odPairs() {
            let p = try search.shortestPath(from: od.origin, to: od.dest, weight: weight)
            let expected = weight == .length ? od.length : od.time
            #expect(abs(p.cost - expected) <= 1e-9 * expected, "\(od.origin)->\(od.dest) \(weight)")
            let summed = weight == .length ? p.lengthMeters(in: g) : p.timeSeconds(in: g)
            #expect(abs(summed - p.cost) <= 1e-9 * expected)
            #expect(p.nodes(in: g).first == od.origin && p.nodes(in: g).last == od.dest)
        }
    }
}
