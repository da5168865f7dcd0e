import Foundation
import Hummingbird
import HummingbirdTesting
import RouteAnalysis
import TestSupport
import Testing
@testable import TileServer

/// `/route`, `/geojson/routes` and `/reach` over the repository's ca_roads network (a copy in a
/// temporary folder, so that the graph cache is not written into the repository).
@Suite(.serialized) struct RouteRouteTests {
    static let tashkent = "69.2797,41.3111", samarkand = "66.9597,39.6542"

    /// One copy of ca_roads per test process (the server loads each file once per process).
    static let roads: URL = {
        let dir = (try? Tool.temporaryDirectory("bordermap-roads")) ?? FileManager.default.temporaryDirectory
        for ext in ["shp", "shx", "dbf", "prj", "cpg"] {
            try? FileManager.default.copyItem(at: ServerFixture.data.appendingPathComponent("ca_roads.\(ext)"),
                                              to: dir.appendingPathComponent("ca_roads.\(ext)"))
        }
        return dir.appendingPathComponent("ca_roads.shp")
    }()

    static func fixture() async throws -> ServerFixture {
        try await ServerFixture(incidents: 0) { $0.roadNetwork = Self.roads }
    }

    /// networkx's Dijkstra length between two snapped points on the graph's edges (both ways
    /// unless one-way), an independent check of the server's contraction-hierarchy answer.
    static func networkxLength(_ graph: RoadGraph, from a: SnappedPoint, to b: SnappedPoint) throws -> Double {
        var rows = ""
        for e in 0..<graph.edgeCount {
            rows += "\(graph.edgeFrom[e]) \(graph.edgeTo[e]) \(graph.edgeLength[e]) \(graph.edgeOneWay[e] ? 1 : 0)\n"
        }
        let la = graph.edgeLength[a.edge], lb = graph.edgeLength[b.edge]
        let script = """
        import sys, networkx as nx
        G = nx.DiGraph()
        def add(u, v, w):
            if not G.has_edge(u, v) or G[u][v]['weight'] > w: G.add_edge(u, v, weight=w)
        for line in sys.stdin:
            u, v, w, one = line.split(); u, v, w = int(u), int(v), float(w)
            add(u, v, w)
            if one == '0': add(v, u, w)
        add('s', \(graph.edgeTo[a.edge]), \((1 - a.fraction) * la))
        if \(graph.edgeOneWay[a.edge] ? "False" : "True"): add('s', \(graph.edgeFrom[a.edge]), \(a.fraction * la))
        add(\(graph.edgeFrom[b.edge]), 't', \(b.fraction * lb))
        if \(graph.edgeOneWay[b.edge] ? "False" : "True"): add(\(graph.edgeTo[b.edge]), 't', \((1 - b.fraction) * lb))
        print(repr(nx.dijkstra_path_length(G, 's', 't')))
        """
        return try #require(Double(try PythonOracle.run(script: script, input: Data(rows.utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test func tashkentToSamarkandIsALineStringOfTheNetworkxLength() async throws {
        let fixture = try await Self.fixture()
        let bytes = try await fixture.withRouter { client in
            let r = try await client.execute(uri: "/route?from=\(Self.tashkent)&to=\(Self.samarkand)&profile=shortest", method: .get)
            #expect(r.status == .ok, "\(r.text.prefix(300))")
            #expect(r.headers[.contentType]?.hasPrefix("application/geo+json") == true)
            return Data(r.text.utf8)
        }
        let body = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        #expect(body["type"] as? String == "Feature")
        #expect((body["geometry"] as? [String: Any])?["type"] as? String == "LineString")
        let props = try #require(body["properties"] as? [String: Any])
        let km = try #require(props["length_km"] as? Double)
        #expect((250...400).contains(km), "\(km) km")
        #expect((props["duration_min"] as? Double ?? 0) > 0)
        let network = try RoadNetwork.load(source: Self.roads)
        let snapper = network.router.snapper
        let a = try snapper.snap(try RouteParameters.point(Self.tashkent, name: "from"), limitMeters: 10_000)
        let b = try snapper.snap(try RouteParameters.point(Self.samarkand, name: "to"), limitMeters: 10_000)
        let expected = try Self.networkxLength(network.graph, from: a, to: b)
        #expect(abs(km * 1000 - expected) < 1e-6 * expected, "server \(km * 1000) m vs networkx \(expected) m")
    }

    @Test func alternativesAndGeoJSONRoutesAreFeatureCollections() async throws {
        let fixture = try await Self.fixture()
        try await fixture.withRouter { client in
            let r = try await client.execute(uri: "/route?from=\(Self.tashkent)&to=\(Self.samarkand)&alternatives=2", method: .get)
            #expect(r.status == .ok, "\(r.text.prefix(300))")
            let features = try #require(try r.json()["features"] as? [[String: Any]])
            #expect((1...3).contains(features.count))
            let minutes = features.compactMap { ($0["properties"] as? [String: Any])?["duration_min"] as? Double }
            #expect(minutes.count == features.count)
            #expect(minutes.allSatisfy { $0 >= minutes[0] - 1e-9 }, "the first route is the fastest: \(minutes)")
            let g = try await client.execute(uri: "/geojson/routes?from=\(Self.tashkent)&to=\(Self.samarkand)&via=67.8422,40.1158", method: .get)
            #expect(g.status == .ok, "\(g.text.prefix(300))")
            let one = try #require(try g.json()["features"] as? [[String: Any]])
            #expect(one.count == 1)
            #expect((one.first?["properties"] as? [String: Any])?["legs"] as? Int == 2)
        }
    }

    @Test func badParametersAre400AndUnroutablePointsAre422() async throws {
        let fixture = try await Self.fixture()
        try await fixture.withRouter { client in
            let tooManyVia = (0..<11).map { _ in "68.78,40.12" }.joined(separator: ";")
            for uri in ["/route?from=\(Self.tashkent)", "/route?from=abc&to=\(Self.samarkand)",
                        "/route?from=\(Self.tashkent)&to=\(Self.samarkand)&alternatives=4",
                        "/route?from=\(Self.tashkent)&to=\(Self.samarkand)&profile=scenic",
                        "/route?from=\(Self.tashkent)&to=\(Self.samarkand)&via=\(tooManyVia)",
                        "/route?from=\(Self.tashkent)&to=\(Self.samarkand)&avoid=1,2,3",
                        "/reach?from=\(Self.tashkent)&breaks=1h,2h,3h,4h,5h,6h", "/reach?from=\(Self.tashkent)&breaks=13h",
                        "/reach?from=\(Self.tashkent)&breaks=1001km", "/reach?from=\(Self.tashkent)&breaks=1h,5km"] {
                let r = try await client.execute(uri: uri, method: .get)
                #expect(r.status == .badRequest, "\(uri): \(r.status) \(r.text)")
            }
            let caspian = try await client.execute(uri: "/route?from=51.0,42.0&to=\(Self.samarkand)", method: .get)
            #expect(caspian.status == .unprocessableContent, "\(caspian.text)")
            #expect(caspian.text.contains("snapping limit"), "\(caspian.text)")
        }
    }

    @Test func reachAnswersNestedPolygons() async throws {
        let fixture = try await Self.fixture()
        try await fixture.withRouter { client in
            let r = try await client.execute(uri: "/reach?from=\(Self.tashkent)&breaks=1h,2h", method: .get)
            #expect(r.status == .ok, "\(r.text.prefix(300))")
            let features = try #require(try r.json()["features"] as? [[String: Any]])
            #expect(features.count == 2)
            for f in features {
                let type = (f["geometry"] as? [String: Any])?["type"] as? String
                #expect(type == "Polygon" || type == "MultiPolygon", "\(type ?? "none")")
            }
            #expect(features.compactMap { ($0["properties"] as? [String: Any])?["break_min"] as? Double } == [60, 120])
        }
    }

    @Test func withoutANetworkRoutesAre503() async throws {
        let dir = try Tool.temporaryDirectory("bordermap-nonet")
        let fixture = try await ServerFixture(incidents: 0) { $0.roadNetwork = dir.appendingPathComponent("missing.shp") }
        try await fixture.withRouter { client in
            let r = try await client.execute(uri: "/route?from=\(Self.tashkent)&to=\(Self.samarkand)", method: .get)
            #expect(r.status == .serviceUnavailable, "\(r.text)")
            #expect(r.text.contains("did not load"), "\(r.text)")
        }
    }

    @Test func storedRoutesAreReadAgainWhenTheFileChanges() throws {
        let dir = try Tool.temporaryDirectory("bordermap-stored-routes")
        let stored = StoredGeoJSON.routes(dataDirectory: dir)
        #expect(stored.features.isEmpty, "no routes.geojson: nothing drawn")
        func write(_ lines: Int) throws {
            let f = (0..<lines).map { i in
                "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[\(i),0],[\(i),1]]}}"
            }
            try "{\"type\":\"FeatureCollection\",\"features\":[\(f.joined(separator: ","))]}"
                .write(to: dir.appendingPathComponent("routes.geojson"), atomically: true, encoding: .utf8)
        }
        try write(1)
        #expect(stored.features.count == 1)
        try write(3)
        #expect(stored.features.count == 3, "a changed file (size and time) is read again")
    }
}
