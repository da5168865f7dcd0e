import Foundation
import GeoCore
import GeoTopology
import RouteAnalysis
import Testing

/// Reach areas on the planar reference graph (straight edges, metres), checked against the
/// definition worked independently here: a point of edge (u, v) is reached when its network cost
/// (node cost + the share of the edge travelled) is within the break.
///
/// What is tested, precisely, for breaks of 30 and 60 minutes from node 615:
/// - every node whose least time is within the break lies inside (covered by) the area;
/// - every node whose least time exceeds the break AND lies farther than buffer + 1 m from every
///   reached part of every edge lies outside the area (nodes nearer than that may be inside by
///   construction of the buffer, so they are not tested).
@Suite struct ReachAreaTests {
    static func segmentDistance(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Double {
        let rx = b.x - a.x, ry = b.y - a.y
        let len2 = rx * rx + ry * ry
        let t = len2 > 0 ? max(0, min(1, ((p.x - a.x) * rx + (p.y - a.y) * ry) / len2)) : 0
        let dx = a.x + t * rx - p.x, dy = a.y + t * ry - p.y
        return (dx * dx + dy * dy).squareRoot()
    }

    @Test func areasHoldReachedNodesAndExcludeFarUnreachedOnes() throws {
        let g = try SmallReferenceGraph.graph()
        let router = Router(graph: g)
        let origin = 615
        let buffer = 250.0
        let breaks = [1800.0, 3600.0]
        let areas = try router.reach(ReachRequest(origin: g.node(origin), breaks: breaks, weight: .time, bufferMeters: buffer))
        #expect(areas.count == 2)
        var dj = DijkstraSearch(graph: g)
        var time = [Double](repeating: .infinity, count: g.nodeCount)
        for s in dj.settle(from: [SearchEndpoint(node: origin)], weight: .time) { time[s.node] = s.cost }
        for (area, b) in zip(areas, breaks) {
            #expect(area.breakValue == b && area.unit == "s")
            let prepared = try PreparedGeometry(area.geometry)
            // reached parts of edges by the definition
            var reached: [(Coordinate, Coordinate)] = []
            for e in 0 ..< g.edgeCount {
                let u = Int(g.edgeFrom[e]), v = Int(g.edgeTo[e])
                let pu = g.node(u), pv = g.node(v)
                let share = { (c: Double) in c <= b ? min(1, (b - c) / g.edgeTime[e]) : 0 }
                let su = share(time[u]), sv = share(time[v])
                if su + sv >= 1 { reached.append((pu, pv)); continue }
                if su > 0 { reached.append((pu, Coordinate(pu.x + su * (pv.x - pu.x), pu.y + su * (pv.y - pu.y)))) }
                if sv > 0 { reached.append((Coordinate(pv.x + sv * (pu.x - pv.x), pv.y + sv * (pu.y - pv.y)), pv)) }
            }
            var inside = 0, outsideChecked = 0
            for n in 0 ..< g.nodeCount {
                let p = g.node(n)
                if time[n] <= b {
                    #expect(try prepared.covers(x: p.x, y: p.y), "node \(n) at \(time[n]) s should be inside the \(b) s area")
                    inside += 1
                } else if reached.allSatisfy({ Self.segmentDistance(p, $0.0, $0.1) > buffer + 1 }) {
                    #expect(try !prepared.covers(x: p.x, y: p.y), "node \(n) at \(time[n]) s should be outside the \(b) s area")
                    outsideChecked += 1
                }
            }
            #expect(inside == area.reachedNodes.count)
            #expect(inside > 10 && outsideChecked > 100, "\(inside) inside, \(outsideChecked) outside checked")
        }
    }

    @Test func ringsDoNotOverlap() throws {
        let g = try SmallReferenceGraph.graph()
        let areas = try Router(graph: g).reach(ReachRequest(origin: g.node(615), breaks: [600, 1200], style: .rings))
        let overlap = try areas[0].geometry.intersection(areas[1].geometry)
        #expect(try overlap.area() < 1e-6 * areas[0].geometry.area())
    }

    @Test func badBreaksAreRejected() throws {
        let g = try SmallReferenceGraph.graph()
        #expect(throws: RouteAnalysisError.self) { try Router(graph: g).reach(ReachRequest(origin: g.node(0), breaks: [1200, 600])) }
        #expect(throws: RouteAnalysisError.self) { try Router(graph: g).reach(ReachRequest(origin: g.node(0), breaks: [])) }
    }

    @Test func lonLatReachIsBufferedInMetres() throws {
        // a 1 km straight road; 30 s at 60 km/h reach 500 m each way from the middle
        let layer = FeatureCollection(features: [Feature(geometry: .lineString(LineString([Coordinate(70.0, 40.0), Coordinate(70.02, 40.0)])),
                                                         properties: ["type": .string("Road")])])
        let router = Router(graph: try RoadGraph.build(from: layer))
        let area = try #require(try router.reach(ReachRequest(origin: Coordinate(70.01, 40.0), breaks: [30], bufferMeters: 100)).first)
        let box = try #require(area.geometry.boundingBox)
        // north-south extent: 2 x 100 m = 200 m = 200 / 111,035 deg (meridian degree at 40 N)
        #expect(abs((box.maxY - box.minY) - 200 / 111_034.6) < 2e-7, "\(box)")
        // east-west: 2 x (500 + 100) m at 85,394 m per degree of longitude (40 N)
        #expect(abs((box.maxX - box.minX) - 1200 / 85_394.3) < 2e-7, "\(box)")
    }
}
