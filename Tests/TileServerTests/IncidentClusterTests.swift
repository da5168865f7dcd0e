import Foundation
import GeoCore
import GeoFormats
import GeoProjection
import IncidentStore
import MapRenderer
import MapStyle
import TestSupport
import Testing
@testable import TileServer

/// Clusters of `incidents` sources with `"cluster": true`: the grid rule checked against the
/// Web Mercator formula worked in Python, and tile work that does not grow with the store.
@Suite struct IncidentClusterTests {
    /// Seeded points over Central Asia, some stacked on one spot, with categories.
    static func members() -> [GridClusters.Member] {
        var state: UInt64 = 2026
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let categories = ["seizure", "detention", "crossing attempt"]
        return (0..<3000).map { i in
            let spot = i % 10 == 0
            let lon = spot ? 69.2401 : 60 + 20 * next(), lat = spot ? 41.2995 : 35 + 10 * next()
            let c = categories[Int(next() * 3) % 3]
            return GridClusters.Member(lon: lon, lat: lat, category: c, properties: ["category": .string(c)])
        }
    }

    @Test func cellsCountsAndCentresMatchTheWebMercatorGridWorkedInPython() throws {
        let oracle = PythonOracle.unavailableReason
        try #require(oracle == nil, "\(oracle ?? "")")
        let members = Self.members()
        let clusters = GridClusters(members, radius: 40, maxZoom: 9)
        let input = try JSONSerialization.data(withJSONObject: members.map { [$0.lon, $0.lat] })
        // EPSG:3857 (R = 6378137 m): x = R·λ, y = R·ln tan(π/4 + φ/2); world pixels 256·2^z from the
        // north-west corner; cells of 40 px; the cluster centre is the mean of x and y.
        let script = """
        import json, math, sys
        pts = json.load(sys.stdin)
        R = 6378137.0
        out = {}
        for z in (0, 4, 9):
            W = 256 * 2 ** z
            cells = {}
            for lon, lat in pts:
                x = R * math.radians(lon); y = R * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
                u = (x + math.pi * R) / (2 * math.pi * R); v = (math.pi * R - y) / (2 * math.pi * R)
                key = (math.floor(u * W / 40), math.floor(v * W / 40))
                c = cells.setdefault(key, [0, 0.0, 0.0]); c[0] += 1; c[1] += x; c[2] += y
            res = []
            for n, sx, sy in cells.values():
                mx, my = sx / n, sy / n
                res.append([n, math.degrees(mx / R), math.degrees(2 * math.atan(math.exp(my / R)) - math.pi / 2)])
            out[str(z)] = sorted(res)
        print(json.dumps(out))
        """
        let expected = try #require(try PythonOracle.json(script: script, input: input) as? [String: [[Double]]])
        for z in [0, 4, 9] {
            let want = try #require(expected[String(z)])
            let got = clusters.features(atZoom: z).map { f -> [Double] in
                guard case .point(let p)? = f.geometry else { return [] }
                let n = f.properties["point_count"].flatMap { if case .integer(let v) = $0 { Double(v) } else { nil } } ?? 1
                return [n, p.coordinate.x, p.coordinate.y]
            }.sorted { $0.lexicographicallyPrecedes($1) }
            #expect(got.count == want.count, "zoom \(z): \(got.count) cells, Python \(want.count)")
            for (g, w) in zip(got, want) {
                #expect(g[0] == w[0] && abs(g[1] - w[1]) < 1e-9 && abs(g[2] - w[2]) < 1e-9, "zoom \(z): \(g) vs \(w)")
            }
            #expect(got.reduce(0) { $0 + $1[0] } == 3000, "every incident in exactly one cell at zoom \(z)")
        }
        // The stacked spot is one cluster whose category is its most frequent one.
        let spot = try #require(clusters.features(atZoom: 9).first { ($0.properties["point_count"] == .integer(300)) })
        #expect(spot.properties["cluster"] == .bool(true) && spot.properties["point_count_abbreviated"] == .string("300"))
        let counts = Dictionary(grouping: Self.members().enumerated().filter { $0.offset % 10 == 0 }.map { $0.element.category ?? "" }, by: { $0 })
        let top = counts.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key
        #expect(spot.properties["category"] == top.map(PropertyValue.string))
    }

    @Test func countsAreAbbreviatedAsSupercluster() {
        #expect([7, 999, 1000, 1234, 1250, 9999, 10_000, 25_400, 1_500_000].map(GridClusters.abbreviated)
                == ["7", "999", "1k", "1.2k", "1.3k", "10k", "10k", "25k", "1500k"])
    }

    @Test func aClusteredTileDrawsAsManyFeaturesWhateverTheStoreHolds() async throws {
        let dir = try Tool.temporaryDirectory("bordermap-clusters")
        let style = """
        {"version": 8, "name": "clusters",
         "sources": {"incidents": {"type": "incidents", "cluster": true, "clusterRadius": 40, "clusterMaxZoom": 9}},
         "layers": [{"id": "i", "type": "circle", "source": "incidents", "paint": {"circle-color": ["match", ["get", "category"], "seizure", "#f00", "#00f"]}}]}
        """
        let renderer = try MapRenderer(style: try Style.decode(Data(style.utf8)).style, styleDirectory: dir, dataDirectory: dir)
        let box = BoundingBox(minX: 56.25, minY: 31.95, maxX: 78.75, maxY: 48.93)  // z5 tiles 21..22 x 11..12 and around
        var counts: [Int] = []
        for n in [500, 5000] {
            let store = try SQLiteIncidentStore(path: dir.appendingPathComponent("i\(n).sqlite").path)
            var records: [IncidentRecord] = []
            try DemoIncidents.forEach(count: n, seed: 7, dataDirectory: ServerFixture.data) { records.append($0) }
            _ = try await store.insert(records)
            let data = AnalysisLayerData(store: store, dataDirectory: dir)
            let z5 = try await data.supplied(for: renderer, bounds: box, zoom: 5, dataVersion: 1)
            let z12 = try await data.supplied(for: renderer, bounds: box, zoom: 12, dataVersion: 1)
            #expect(z12.count(forSource: "incidents") > n / 2, "above clusterMaxZoom every incident in the box draws")
            counts.append(z5.count(forSource: "incidents"))
        }
        // Ten times the incidents, the same area: at z5 the cells are mostly occupied already.
        #expect(counts[1] < 3 * counts[0], "\(counts)")
        #expect(counts[1] < 1000, "bounded by the 40 px cells near the box: \(counts)")
    }

    /// The features a crowded box gets from the grid index: exactly the cells of its zoom that
    /// meet the box, as clusters of all members at that zoom have them, so two neighbouring
    /// tiles draw the same points where their boxes overlap.
    @Test func aCrowdedBoxDrawsTheWholeCellsItMeetsAsTheWorldsClustersHaveThem() throws {
        let members = Self.members()
        let index = ClusterIndex(members)
        #expect(index.count == members.count)
        let zoom = 8, radius = 40.0
        let world = GridClusters(members, radius: radius, maxZoom: zoom).levels[zoom]
        // Two neighbouring z8 tiles around the stacked spot at Tashkent (69.24, 41.30), with a margin.
        let west = BoundingBox(minX: 67.5 - 0.1, minY: 40.98 - 0.1, maxX: 68.91 + 0.1, maxY: 42.03 + 0.1)
        let east = BoundingBox(minX: 68.91 - 0.1, minY: 40.98 - 0.1, maxX: 70.31 + 0.1, maxY: 42.03 + 0.1)
        func key(_ f: Feature) throws -> [Double] {
            guard case .point(let p)? = f.geometry else { throw CocoaError(.coderInvalidValue) }
            let n = f.properties["point_count"].flatMap { if case .integer(let v) = $0 { Double(v) } else { nil } } ?? 1
            return [n, p.coordinate.x, p.coordinate.y]
        }
        func expected(_ box: BoundingBox) throws -> [[Double]] {
            let low = GridClusters.cell(WebMercator.mercator(fromLonLat: Coordinate(x: box.minX, y: box.minY)), radius: radius, zoom: zoom)
            let high = GridClusters.cell(WebMercator.mercator(fromLonLat: Coordinate(x: box.maxX, y: box.maxY)), radius: radius, zoom: zoom)
            return try world.filter { f in
                let k = try key(f)
                let c = GridClusters.cell(WebMercator.mercator(fromLonLat: Coordinate(x: k[1], y: k[2])), radius: radius, zoom: zoom)
                return (low.x...high.x).contains(c.x) && (high.y...low.y).contains(c.y)
            }.map(key).sorted { $0.lexicographicallyPrecedes($1) }
        }
        func near(_ a: [[Double]], _ b: [[Double]]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { $0[0] == $1[0] && abs($0[1] - $1[1]) < 1e-9 && abs($0[2] - $1[2]) < 1e-9 }
        }
        var drawn: [[[Double]]] = []
        for box in [west, east] {
            let got = try index.clusters(around: box, radius: radius, zoom: zoom).map(key).sorted { $0.lexicographicallyPrecedes($1) }
            let want = try expected(box)
            #expect(!want.isEmpty && near(got, want), "\(got.count) features, the world's clusters have \(want.count)")
            #expect(index.count(in: box) == members.filter { box.contains(Coordinate(x: $0.lon, y: $0.lat)) }.count)
            drawn.append(got)
        }
        // The stacked spot (300 incidents) lies in both boxes' margins or one of them: wherever it
        // is drawn, it is one point of 300, and the points both tiles draw are the same.
        let shared = drawn[0].filter { a in drawn[1].contains { near([a], [$0]) } }
        #expect(!shared.isEmpty, "the boxes overlap, so some cells are drawn by both")
        #expect(drawn.joined().contains { $0[0] == 300 })
    }

    /// Above `clusterMaxZoom` a tile draws its incidents one by one up to `clusterTileLimit`,
    /// and the clusters of its zoom past it: eight times the incidents, no more features.
    @Test func aTileCrowdedPastTheLimitDrawsClustersWhateverTheStoreHolds() async throws {
        let dir = try Tool.temporaryDirectory("bordermap-crowded")
        func source(limit: Int) throws -> StyleSource {
            let json = """
            {"version": 8, "name": "crowded",
             "sources": {"incidents": {"type": "incidents", "cluster": true, "clusterRadius": 40, "clusterMaxZoom": 9, "clusterTileLimit": \(limit)}},
             "layers": [{"id": "i", "type": "circle", "source": "incidents"}]}
            """
            return try #require(try Style.decode(Data(json.utf8)).style.sources["incidents"])
        }
        // The z10 tile 719/385 over Osh and its 32 px margin, where the demo generator is densest.
        let tile = BoundingBox(minX: 72.7295, minY: 40.4135, maxX: 73.1689, maxY: 40.7473)
        var inTileCounts: [Int] = []
        for n in [5000, 40_000] {
            let store = try SQLiteIncidentStore(path: dir.appendingPathComponent("i\(n).sqlite").path)
            var records: [IncidentRecord] = []
            try DemoIncidents.forEach(count: n, seed: 7, dataDirectory: ServerFixture.data) { records.append($0) }
            _ = try await store.insert(records)
            let inTile = try await store.count(matching: IncidentQuery(bbox: tile))
            try #require(inTile > 7, "the demo data is dense over Osh: \(inTile) incidents in the tile")
            let data = AnalysisLayerData(store: store, dataDirectory: dir)
            let loose = try await data.incidents(try source(limit: 1_000_000), fields: nil, bounds: tile, zoom: 10, window: .all, dataVersion: 1)
            #expect(loose.count == inTile, "under the limit every incident draws")
            let crowded = try await data.incidents(try source(limit: 5), fields: nil, bounds: tile, zoom: 10, window: .all, dataVersion: 1)
            // At most one point per 40 px cell of the 320 px box (9 × 9 cells at most).
            #expect(crowded.count <= 81, "past the limit the tile draws clusters: \(crowded.count) features for \(inTile) incidents")
            inTileCounts.append(inTile)
        }
        try #require(inTileCounts[1] > 81, "more incidents than cells in the larger store, so the clusters above are merged: \(inTileCounts)")
        #expect(AnalysisLayerData.tileLimit(20, covering: tile, zoom: 10) == 31, "(320 / 256)² tiles of 20")
        #expect(AnalysisLayerData.tileLimit(2000, covering: tile, zoom: 10) > 2000, "the box with its margin is larger than a tile")
        #expect(AnalysisLayerData.tileLimit(2000, covering: tile, zoom: 12) > 30_000, "the same box at z12 is 16 tiles")
    }
}
