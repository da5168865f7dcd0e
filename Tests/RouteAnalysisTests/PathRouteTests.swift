import Foundation
import GeoCore
import RouteAnalysis
import Testing

/// Routing on a hand-made lon/lat network near (40 N, 70 E):
///
///     (70.00,40.01) ---- north road ---- (70.02,40.01)
///          |                                  |
///     (70.00,40.00) ---- south road ---- (70.02,40.00)      plus a far, separate road at 75 E
///
/// Expected lengths use the WGS 84 parallel-arc formula N(phi) cos(phi) * dlon (N = a / sqrt(1 -
/// e^2 sin^2 phi)); on a 1-2 km east-west line it differs from the geodesic by < 1e-5 m.
@Suite struct PathRouteTests {
    static let a = 6_378_137.0, e2 = 0.006_694_379_990_14
    static func parallelArc(lat: Double, dlon: Double) -> Double {
        let phi = lat * .pi / 180
        return a / (1 - e2 * sin(phi) * sin(phi)).squareRoot() * cos(phi) * dlon * .pi / 180
    }
    static func line(_ pts: [(Double, Double)], _ props: [String: PropertyValue] = [:]) -> Feature {
        Feature(geometry: .lineString(LineString(pts.map { Coordinate($0.0, $0.1) })), properties: props)
    }
    static func network(southOneWay: String? = nil) throws -> RoadGraph {
        var south: [String: PropertyValue] = ["type": .string("Road")]
        if let southOneWay { south["oneway"] = .string(southOneWay) }
        return try RoadGraph.build(from: FeatureCollection(features: [
            line([(70.0, 40.0), (70.02, 40.0)], south),
            line([(70.0, 40.0), (70.0, 40.01), (70.02, 40.01), (70.02, 40.0)], ["type": .string("Road")]),
            line([(75.0, 40.0), (75.01, 40.0)]),
        ]))
    }

    @Test func pointsSnapToTheMiddleOfAnEdgeAndTheRouteIsCutThere() throws {
        let router = Router(graph: try Self.network())
        let r = try #require(try router.route(RouteRequest(points: [Coordinate(70.002, 40.0005), Coordinate(70.018, 39.9995)],
                                                           weight: .length)).first)
        let expected = Self.parallelArc(lat: 40, dlon: 0.016)
        #expect(abs(r.lengthMeters - expected) < 1e-3, "\(r.lengthMeters) vs \(expected)")
        #expect(abs(r.durationSeconds - expected / (60 / 3.6)) < 1e-3)
        // 0.0005 deg of latitude at 40 N: meridian radius M = a(1-e2)/(1-e2 sin^2)^1.5
        let phi = 40.0 * Double.pi / 180
        let m = Self.a * (1 - Self.e2) / pow(1 - Self.e2 * sin(phi) * sin(phi), 1.5)
        for s in r.snaps { #expect(abs(s.distanceMeters - m * 0.0005 * .pi / 180) < 0.01, "\(s.distanceMeters)") }
        #expect(r.geometry.first == Coordinate(70.002, 40.0) && r.geometry.last == Coordinate(70.018, 40.0))
        #expect(r.geometry.count == 2)
        #expect(r.featureIndices(in: router.graph) == [0])
    }

    @Test func oneWayAgainstTravelForcesTheDetour() throws {
        // south road one-way reversed (east -> west): going east must take the north road
        let router = Router(graph: try Self.network(southOneWay: "-1"))
        let east = try #require(try router.route(RouteRequest(points: [Coordinate(70.002, 40.0), Coordinate(70.018, 40.0)],
                                                              weight: .length)).first)
        let west = try #require(try router.route(RouteRequest(points: [Coordinate(70.018, 40.0), Coordinate(70.002, 40.0)],
                                                              weight: .length)).first)
        #expect(abs(west.lengthMeters - Self.parallelArc(lat: 40, dlon: 0.016)) < 1e-3)
        #expect(east.lengthMeters > 3000)
        #expect(!east.edges.dropFirst().dropLast().contains(0))
    }

    @Test func avoidedAreaClosesTheCrossedEdges() throws {
        let router = Router(graph: try Self.network())
        let box = Geometry.polygon(Polygon(exterior: LinearRing([Coordinate(70.009, 39.999), Coordinate(70.011, 39.999),
                                                        Coordinate(70.011, 40.001), Coordinate(70.009, 40.001),
                                                        Coordinate(70.009, 39.999)])))
        #expect(try router.edgesIntersecting([box]) == [0])
        let r = try #require(try router.route(RouteRequest(points: [Coordinate(70.001, 40.0), Coordinate(70.019, 40.0)],
                                                           weight: .length, avoidAreas: [box])).first)
        #expect(!r.edges.contains(0))
        let north = router.graph.edgeLength.indices.filter { $0 != 0 && router.graph.edgeFeature[$0] == 1 }
            .reduce(0.0) { $0 + router.graph.edgeLength[$1] }
        // closed edges cannot be snapped to: both points snap to the ends of the north road
        #expect(abs(r.lengthMeters - north) < 1e-6)
        #expect(abs(r.snaps[0].distanceMeters - Self.parallelArc(lat: 40, dlon: 0.001)) < 1e-3)
        // closing by edge id does the same
        let closed = try #require(try router.route(RouteRequest(points: [Coordinate(70.001, 40.0), Coordinate(70.019, 40.0)],
                                                                weight: .length, closedEdges: [0])).first)
        #expect(abs(closed.lengthMeters - r.lengthMeters) < 1e-9)
    }

    @Test func differentComponentsAreAClearError() throws {
        let router = Router(graph: try Self.network())
        #expect(throws: RouteAnalysisError.disconnected(fromIndex: 0, toIndex: 1)) {
            try router.route(RouteRequest(points: [Coordinate(70.01, 40.0), Coordinate(75.005, 40.0)]))
        }
        #expect(throws: RouteAnalysisError.disconnected(fromIndex: 1, toIndex: 2)) {
            try router.route(RouteRequest(points: [Coordinate(70.01, 40.0), Coordinate(70.015, 40.0), Coordinate(75.005, 40.0)]))
        }
    }

    @Test func pointFarFromAnyRoadIsRejected() throws {
        let router = Router(graph: try Self.network())
        do {
            _ = try router.route(RouteRequest(points: [Coordinate(70.01, 40.0), Coordinate(70.01, 40.5)], maxSnapMeters: 1000))
            Issue.record("expected pointTooFarFromNetwork")
        } catch let RouteAnalysisError.pointTooFarFromNetwork(index, _, limit) {
            #expect(index == 1 && limit == 1000)
        }
    }

    @Test func viaPointsMakeLegsThatAddUp() throws {
        let router = Router(graph: try Self.network(), hierarchies: [.length])
        let r = try #require(try router.route(RouteRequest(points: [Coordinate(70.002, 40.0), Coordinate(70.01, 40.0),
                                                                     Coordinate(70.018, 40.0)], weight: .length)).first)
        #expect(r.legs.count == 2)
        #expect(abs(r.legs[0].lengthMeters - Self.parallelArc(lat: 40, dlon: 0.008)) < 1e-3)
        #expect(abs(r.lengthMeters - Self.parallelArc(lat: 40, dlon: 0.016)) < 1e-3)
    }

    @Test func alternativeTakesTheOtherRoad() throws {
        let router = Router(graph: try Self.network())
        let routes = try router.route(RouteRequest(points: [Coordinate(70.001, 40.0), Coordinate(70.019, 40.0)],
                                                   weight: .length, alternatives: 1))
        #expect(routes.count == 2)
        #expect(routes[0].edges == [0])
        // the alternative starts and ends on the snapped south edge, and takes the north road between
        #expect(routes.count == 2 && !routes[1].edges.dropFirst().dropLast().contains(0))
        #expect(routes.count == 2 && routes[1].lengthMeters > routes[0].lengthMeters)
    }

    /// Planar, metres: nodes A (0,0), B (1000,0), C (2000,0); between A and B a straight south
    /// road (1000 m) and a north road through (500,300) (2 x sqrt(500^2 + 300^2) = 1166.190 m),
    /// likewise B-C through (1500,300); 100 m stubs west of A, south of B, east of C carry the
    /// start (-50,0), the via point (1000,-50) and the end (2050,0). Best: 2200 m along the south
    /// roads. Each leg's alternative is its north road; the two whole-route alternatives each
    /// change one leg (2366.190 m), cheaper than changing both (2532.381 m).
    @Test func alternativesWithAViaPoint() throws {
        let nodes = [Coordinate(0, 0), Coordinate(1000, 0), Coordinate(2000, 0), Coordinate(500, 300),
                     Coordinate(1500, 300), Coordinate(-100, 0), Coordinate(1000, -100), Coordinate(2100, 0)]
        func edge(_ a: Int, _ b: Int) -> RoadEdge {
            let d = ((nodes[a].x - nodes[b].x) * (nodes[a].x - nodes[b].x) + (nodes[a].y - nodes[b].y) * (nodes[a].y - nodes[b].y)).squareRoot()
            return RoadEdge(from: a, to: b, lengthMeters: d, timeSeconds: d / 10)
        }
        let g = try RoadGraph(coordinates: .planar, nodes: nodes,
                              edges: [edge(0, 1), edge(1, 2), edge(0, 3), edge(3, 1), edge(1, 4), edge(4, 2),
                                      edge(5, 0), edge(1, 6), edge(2, 7)])
        let router = Router(graph: g)
        let routes = try router.route(RouteRequest(points: [Coordinate(-50, 0), Coordinate(1000, -50), Coordinate(2050, 0)],
                                                   weight: .length, alternatives: 2))
        #expect(routes.count == 3)
        let best = try #require(routes.first)
        #expect(abs(best.lengthMeters - 2200) < 1e-6)
        let north = 2 * (500.0 * 500 + 300 * 300).squareRoot()
        for alt in routes.dropFirst() {
            #expect(alt.legs.count == 2)
            #expect(abs(alt.lengthMeters - (2200 - 1000 + north)) < 1e-6)
            #expect(alt.legs[0].geometry.last == alt.legs[1].geometry.first)
            #expect((alt.legs[0] == best.legs[0]) != (alt.legs[1] == best.legs[1]), "exactly one leg changed")
        }
        #expect(routes.count == 3 && routes[1].legs != routes[2].legs)
    }
}
