import Foundation
import Testing
import TestSupport

/// `bordermap least-cost` on small grids in WGS 84 / UTM zone 42N whose answers are known: by
/// hand (octile distances around a wall), from networkx's Dijkstra on the 8-connected cell graph
/// with ArcGIS's move rule, and GDAL reading the surfaces written.
@Suite(.serialized) struct LeastCostCommandTests {
    typealias CLI = CommandLineTests

    static let utm = "+proj=utm +zone=42 +datum=WGS84"

    /// UTM 42N (x, y) → "lon,lat" by PROJ's cs2cs (independent of our transformer).
    static func lonLat(_ x: Double, _ y: Double) throws -> String {
        let args = ["cs2cs", "-f", "%.10f"] + utm.split(separator: " ").map(String.init) + ["+to", "+proj=longlat", "+datum=WGS84"]
        let text = try Tool.run(args, input: Data("\(x) \(y)\n".utf8)).output
        let v = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).compactMap { Double($0) }
        try #require(v.count >= 2, "cs2cs printed \(text)")
        return "\(v[0]),\(v[1])"
    }

    /// A GeoJSON line through UTM points, written in lon/lat.
    static func line(_ points: [(Double, Double)], to path: String) throws {
        let coordinates = try points.map { "[\(try lonLat($0.0, $0.1))]" }.joined(separator: ",")
        let text = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
            + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[\(coordinates)]}}]}"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The value of pixel (column, row) of a raster, read by GDAL.
    static func pixel(_ path: String, column: Int, row: Int) throws -> Double {
        let r = try Tool.run(["gdallocationinfo", "-valonly", path, "\(column)", "\(row)"])
        let text = r.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return try #require(Double(text), "gdallocationinfo printed '\(text)' \(r.stderr)")
    }

    /// A 7 × 5 grid of 100 m cells from (500000, 4000000), cost 1, with a wall of NoData down
    /// column 3 except its top cell (row 0).
    static func wallGrid(in dir: String, prj: Bool) throws -> String {
        var rows: [String] = []
        for r in 0..<5 { rows.append((0..<7).map { c in c == 3 && r > 0 ? "-9999" : "1" }.joined(separator: " ")) }
        let path = "\(dir)/cost.asc"
        try ("ncols 7\nnrows 5\nxllcorner 500000\nyllcorner 4000000\ncellsize 100\nNODATA_value -9999\n" + rows.joined(separator: "\n") + "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        if prj {
            let wkt = try Tool.run(["gdalsrsinfo", "-o", "wkt_esri", "--single-line", "EPSG:32642"]).output
            try wkt.trimmingCharacters(in: .whitespacesAndNewlines).write(toFile: "\(dir)/cost.prj", atomically: true, encoding: .utf8)
        }
        return path
    }

    /// Around the wall from the bottom-left cell (4, 0) to the bottom-right cell (4, 6) through
    /// the only gap (0, 3): twice 3 diagonal moves and 1 straight one, 2·(300√2 + 100) m at cost 1.
    static let aroundTheWall = 2 * (300 * 2.0.squareRoot() + 100)

    @Test func pathAroundAWallCostsTheOctileDistanceAndGDALReadsTheSurface() throws {
        let dir = try CLI.tempDir(), cost = try Self.wallGrid(in: dir, prj: true)
        let r = try CLI.bordermap("least-cost", "--cost", cost, "--from", try Self.lonLat(500050, 4000050),
                                  "--to", try Self.lonLat(500650, 4000050), "--out", "\(dir)/p.geojson",
                                  "--surface", "\(dir)/s.tif", "--back-links", "\(dir)/b.asc")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("EPSG:32642"), "\(r.stdout)")
        let features = try RouteCommandsTests.features("\(dir)/p.geojson")
        try #require(features.count == 1)
        let p = RouteCommandsTests.properties(features[0])
        let total = try #require(p["total_cost"] as? Double)
        #expect(abs(total - Self.aroundTheWall) < 1e-9, "\(total)")
        #expect(p["cells"] as? Int == 9)
        // Near the central meridian the UTM scale is 0.9996: the geodesic is the grid length / 0.9996.
        let km = try #require(p["length_km"] as? Double)
        #expect(abs(km * 1000 - Self.aroundTheWall / 0.9996) < 0.5, "\(km)")
        // The path climbs to the gap: its northernmost vertex is the centre of row 0.
        let coordinates = try #require((features[0]["geometry"] as? [String: Any])?["coordinates"] as? [[Double]])
        let gap = try Self.lonLat(500350, 4000450).split(separator: ",").compactMap { Double($0) }
        #expect(coordinates.contains { abs($0[0] - gap[0]) < 1e-6 && abs($0[1] - gap[1]) < 1e-6 }, "\(coordinates)")
        // GDAL: the destination's accumulated cost, 0 at the source, NoData (-1) inside the wall.
        #expect(abs(try Self.pixel("\(dir)/s.tif", column: 6, row: 4) - Self.aroundTheWall) < 1e-3)
        #expect(try Self.pixel("\(dir)/s.tif", column: 0, row: 4) == 0)
        #expect(try Self.pixel("\(dir)/s.tif", column: 3, row: 2) == -1)
        let info = try Tool.run(["gdalinfo", "\(dir)/s.tif"]).output
        #expect(info.contains("32642") && info.contains("NoData Value=-1"), "\(info)")
        // Back links: 0 at the source; the gap cell was reached from the south-west (code 4).
        #expect(try Self.pixel("\(dir)/b.asc", column: 0, row: 4) == 0)
        #expect(try Self.pixel("\(dir)/b.asc", column: 3, row: 0) == 4)
        // The same grid as a GeoTIFF written by GDAL (Float32, DEFLATE, tiled): the same path.
        let tif = try Tool.run(["gdal_translate", "-q", "-ot", "Float32", "-co", "COMPRESS=DEFLATE", "-co", "TILED=YES",
                                "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16", cost, "\(dir)/cost.tif"])
        #expect(tif.status == 0, "\(tif.stderr)")
        let t = try CLI.bordermap("least-cost", "--cost", "\(dir)/cost.tif", "--from", try Self.lonLat(500050, 4000050),
                                  "--to", try Self.lonLat(500650, 4000050), "--out", "\(dir)/t.geojson")
        #expect(t.status == 0 && t.stdout.contains("EPSG:32642"), "\(t.stdout) \(t.stderr)")
        let fromTIFF = RouteCommandsTests.properties(try RouteCommandsTests.features("\(dir)/t.geojson")[0])["total_cost"] as? Double
        #expect(fromTIFF.map { abs($0 - Self.aroundTheWall) < 1e-9 } == true, "\(String(describing: fromTIFF))")
    }

    @Test func builtGridBurnsARoadAndABarrierLikeNetworkxOnTheSameCosts() throws {
        let oracle = PythonOracle.unavailableReason
        try #require(oracle == nil, "\(oracle ?? "")")
        let dir = try CLI.tempDir()
        // Barrier down column 3 from row 3 to beyond the top edge; a road along row 4 at 0.1.
        try Self.line([(500350, 4000120), (500350, 4000600)], to: "\(dir)/barrier.geojson")
        try Self.line([(500010, 4000050), (500690, 4000050)], to: "\(dir)/road.geojson")
        let r = try CLI.bordermap("least-cost", "--crs", "EPSG:32642", "--extent", "500000,4000000,500700,4000500", "--cell", "100m",
                                  "--layer", "\(dir)/road.geojson=0.1", "--barrier", "\(dir)/barrier.geojson",
                                  "--from", try Self.lonLat(500050, 4000450), "--to", try Self.lonLat(500650, 4000450),
                                  "--out", "\(dir)/p.geojson", "--surface", "\(dir)/s.asc")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("7 x 5 cells of 100.0 m"), "\(r.stdout)")
        // networkx on the same costs, written out independently of our rasteriser.
        let script = """
        import json, math, networkx as nx
        W, H = 7, 5
        cost = [[1.0] * W for _ in range(H)]
        for c in range(W): cost[4][c] = 0.1
        for r in range(4): cost[r][3] = math.inf
        g = nx.Graph()
        for r in range(H):
            for c in range(W):
                for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
                    rr, cc = r + dr, c + dc
                    if 0 <= rr < H and 0 <= cc < W and math.isfinite(cost[r][c]) and math.isfinite(cost[rr][cc]):
                        d = 100 * (math.sqrt(2) if dr and dc else 1)
                        g.add_edge((r, c), (rr, cc), weight=d * (cost[r][c] + cost[rr][cc]) / 2)
        dist = nx.single_source_dijkstra_path_length(g, (0, 0))
        print(json.dumps({"total": dist[(0, 6)], "corner": dist[(4, 6)]}))
        """
        let expected = try #require(try PythonOracle.json(script: script) as? [String: Double])
        let total = try #require(RouteCommandsTests.properties(try RouteCommandsTests.features("\(dir)/p.geojson")[0])["total_cost"] as? Double)
        // The road's cost is stored as a Float (0.1 within 1.5e-8 relative).
        let want = try #require(expected["total"]), corner = try #require(expected["corner"])
        #expect(abs(total - want) < 1e-7 * want, "\(total) vs \(want)")
        #expect(abs(try Self.pixel("\(dir)/s.asc", column: 6, row: 4) - corner) < 1e-7 * corner)
        #expect(try Self.pixel("\(dir)/s.asc", column: 3, row: 1) == -1)
    }

    @Test func clearErrorsForMissingCRSPointsOutsideAndUnreachableDestinations() throws {
        let dir = try CLI.tempDir(), cost = try Self.wallGrid(in: dir, prj: false)
        let inside = try Self.lonLat(500050, 4000050)
        let noCRS = try CLI.bordermap("least-cost", "--cost", cost, "--from", inside, "--to", inside, "--out", "\(dir)/p.geojson")
        #expect(noCRS.status != 0 && noCRS.stderr.contains("declares no CRS"), "\(noCRS.stderr)")
        let outside = try CLI.bordermap("least-cost", "--cost", cost, "--crs", "EPSG:32642", "--from", inside,
                                        "--to", try Self.lonLat(510000, 4000050), "--out", "\(dir)/p.geojson")
        #expect(outside.status != 0 && outside.stderr.contains("lies outside the cost grid"), "\(outside.stderr)")
        // A full wall: nothing reaches the east side.
        try Self.line([(500350, 3999990), (500350, 4000600)], to: "\(dir)/wall.geojson")
        let closed = try CLI.bordermap("least-cost", "--cost", cost, "--crs", "EPSG:32642", "--barrier", "\(dir)/wall.geojson",
                                       "--from", inside, "--to", try Self.lonLat(500650, 4000050), "--out", "\(dir)/p.geojson")
        #expect(closed.status == 1 && closed.stderr.contains("no passable path"), "\(closed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/p.geojson"))
        let badLayer = try CLI.bordermap("least-cost", "--cost", cost, "--crs", "EPSG:32642", "--layer", "roads.shp=-1",
                                         "--from", inside, "--to", inside, "--out", "\(dir)/p.geojson")
        #expect(badLayer.status != 0 && badLayer.stderr.contains("cost must be a number ≥ 0"), "\(badLayer.stderr)")
    }
}
