import Foundation
import GeoCore
import GeoFormats
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
}
