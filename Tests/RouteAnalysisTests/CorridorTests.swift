import GeoCore
import GeoProjection
import Testing
@testable import RouteAnalysis

/// A straight 30 km route due north along UTM zone 42N's central meridian (x = 500 000 m),
/// built in metres and converted to lon/lat by PROJ, so every expected value is a hand number.
@Suite("Corridor analysis along a route")
struct CorridorTests {
    static let utm = "EPSG:32642"

    static func lonLat(_ pts: [(Double, Double)]) throws -> [Coordinate] {
        let t = try Transformer(from: try CRS(utm), to: try CRS.wgs84)
        return try pts.map { try t.transform(Coordinate($0.0, $0.1)) }
    }

    static func route() throws -> LineString {
        LineString(try lonLat([(500_000, 4_500_000), (500_000, 4_515_000), (500_000, 4_530_000)]))
    }

    @Test("incidents within the buffer: distance along, offset, counts per 10 km piece and per km")
    func incidents() throws {
        // (x offset from the route, distance along): inside 1 km unless noted.
        let planted: [(Double, Double)] = [(300, 5_000), (-999, 9_999), (0, 10_000), (750, 25_000),
                                           (1_500, 12_000) /* outside */, (-400, 29_000), (600, 30_400) /* beyond the end, 721 m away */,
                                           (0, 31_200) /* beyond the end, 1.2 km away */]
        let points = try Self.lonLat(planted.map { (500_000 + $0.0, 4_500_000 + $0.1) })
        let r = try CorridorAnalysis.analyse(route: try Self.route(), incidents: points, bufferMeters: 1_000)
        #expect(r.crs == Self.utm, "the chooser picks UTM 42N for a route at 69° E")
        #expect(abs(r.routeLengthMeters - 30_000) < 1e-6)
        #expect(r.incidents.map(\.index) == [0, 1, 2, 3, 5, 6])
        let expectedAlong: [Double] = [5_000, 9_999, 10_000, 25_000, 29_000, 30_000]
        let expectedOffset: [Double] = [300, 999, 0, 750, 400, (600.0 * 600 + 400 * 400).squareRoot()]
        for (i, inc) in r.incidents.enumerated() {
            #expect(abs(inc.distanceAlongMeters - expectedAlong[i]) < 1e-3, "incident \(inc.index) along")
            #expect(abs(inc.offsetMeters - expectedOffset[i]) < 1e-3, "incident \(inc.index) offset")
        }
        #expect(r.incidents.map(\.segment) == [0, 0, 1, 2, 2, 2], "10 000 m starts piece 1; the end belongs to the last piece")
        #expect(r.segments.map(\.incidentCount) == [2, 1, 3])
        #expect(r.segments.map(\.lengthMeters).allSatisfy { abs($0 - 10_000) < 1e-6 })
        #expect(abs(r.segments[2].incidentsPerKm - 0.3) < 1e-12)
        #expect(abs(r.incidentsPerKm - 6.0 / 30) < 1e-12)
        // Piece 1 runs from 10 km to 20 km: its ends are the route points there.
        let ends = try Self.lonLat([(500_000, 4_510_000), (500_000, 4_520_000)])
        let piece = r.segments[1].line.coordinates
        #expect(piece.count == 3, "the 15 km vertex is kept")
        #expect(abs(piece[0].y - ends[0].y) < 1e-9 && abs(piece[2].y - ends[1].y) < 1e-9)
        #expect(r.segments[1].feature["incidents"] == .integer(1))
    }

    @Test("pieces at given breaks (for example edge ends)")
    func breaks() throws {
        let points = try Self.lonLat([(500_100, 4_502_000), (500_100, 4_514_000), (500_100, 4_516_000)])
        let r = try CorridorAnalysis.analyse(route: try Self.route(), incidents: points, bufferMeters: 500,
                                             segmentation: .breaks([15_000, -3, 40_000]))
        #expect(r.segments.map(\.fromMeters) == [0, 15_000])
        #expect(r.segments.map(\.incidentCount) == [2, 1])
    }

    @Test("one piece per network edge of a routed path")
    func perEdge() throws {
        let nodes = try Self.lonLat([(500_000, 4_500_000), (500_000, 4_512_000), (500_000, 4_530_000)])
        let graph = try RoadGraph(coordinates: .lonLat, nodes: nodes, edges: [
            RoadEdge(from: 0, to: 1, lengthMeters: 12_000, timeSeconds: 600),
            RoadEdge(from: 2, to: 1, lengthMeters: 18_000, timeSeconds: 900),
        ])
        let route = try #require(try Router(graph: graph).route(RouteRequest(points: [nodes[0], nodes[2]])).first)
        let incidents = try Self.lonLat([(500_200, 4_511_000), (500_200, 4_513_000), (499_900, 4_529_000)])
        let r = try CorridorAnalysis.analyse(route: LineString(route.geometry), incidents: incidents, bufferMeters: 500,
                                             segmentation: .perEdge(of: route, in: graph))
        #expect(r.segments.count == 2)
        #expect(abs(r.segments[0].toMeters - 12_000) < 1e-3)
        #expect(r.segments.map(\.incidentCount) == [1, 2])
    }

    @Test("border crossings and provinces in order of passage with entry distances")
    func crossingsAndProvinces() throws {
        func rect(_ y0: Double, _ y1: Double) throws -> Geometry {
            .polygon(Polygon(exterior: LinearRing(try Self.lonLat([(495_000, y0), (505_000, y0), (505_000, y1), (495_000, y1), (495_000, y0)]))))
        }
        let provinces = [
            Feature(geometry: try rect(4_520_000, 4_540_000), properties: ["NAME": .string("North")]),
            Feature(geometry: try rect(4_490_000, 4_520_000), properties: ["NAME": .string("South")]),
            Feature(geometry: try rect(4_600_000, 4_610_000), properties: ["NAME": .string("Far")]),
        ]
        let boundaries = [
            Feature(geometry: .lineString(LineString(try Self.lonLat([(490_000, 4_512_345), (510_000, 4_512_345)]))), properties: [:]),
            Feature(geometry: .lineString(LineString(try Self.lonLat([(490_000, 4_700_000), (510_000, 4_700_000)]))), properties: [:]),
            Feature(geometry: .lineString(LineString(try Self.lonLat([(490_000, 4_503_000), (510_000, 4_504_000)]))), properties: [:]),
        ]
        let r = try CorridorAnalysis.analyse(route: try Self.route(), incidents: [], bufferMeters: 1_000,
                                             boundaries: boundaries, provinces: provinces, nameField: "name")
        #expect(r.crossings.map(\.boundaryIndex) == [2, 0])
        // The slanted line y = 4 503 000 + (x − 490 000) / 20 meets x = 500 000 at 3 500 m along.
        #expect(abs(r.crossings[0].distanceAlongMeters - 3_500) < 1e-3)
        #expect(abs(r.crossings[1].distanceAlongMeters - 12_345) < 1e-3)
        let expected = try Self.lonLat([(500_000, 4_512_345)])[0]
        #expect(abs(r.crossings[1].coordinate.x - expected.x) < 1e-9 && abs(r.crossings[1].coordinate.y - expected.y) < 1e-9)
        #expect(r.provinces.map(\.name) == ["South", "North"])
        #expect(r.provinces.map(\.provinceIndex) == [1, 0])
        #expect(abs(r.provinces[0].entryMeters) < 1e-6 && abs(r.provinces[0].exitMeters - 20_000) < 1e-3)
        #expect(abs(r.provinces[1].entryMeters - 20_000) < 1e-3 && abs(r.provinces[1].exitMeters - 30_000) < 1e-3)
    }

    @Test("bad buffer, piece length or route are rejected with a reason")
    func invalid() throws {
        let route = try Self.route()
        #expect(throws: RouteAnalysisError.self) { try CorridorAnalysis.analyse(route: route, incidents: [], bufferMeters: 0) }
        #expect(throws: RouteAnalysisError.self) {
            try CorridorAnalysis.analyse(route: route, incidents: [], bufferMeters: 10, segmentation: .every(meters: -1))
        }
        #expect(throws: RouteAnalysisError.self) {
            try CorridorAnalysis.analyse(route: LineString([Coordinate(69, 40), Coordinate(69, 40)]), incidents: [], bufferMeters: 10)
        }
    }
}
