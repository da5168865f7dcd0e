import Foundation
import Testing
import TestSupport

/// `bordermap route`, `reach` and `network-density` on a hand-made network whose lengths are
/// known from published WGS 84 formulas, and GDAL reading every output.
///
/// The network (lon/lat): a meridian edge S(0,0)–T(0,1); a detour S–(1,0) along the equator,
/// (1,0)–(1,1) along the meridian 1° E, and (1,1)–T along the parallel 1° N drawn with 100
/// vertices (a 0.01° step differs from the parallel's arc by far less than a millimetre); and an
/// island edge (10,10)–(10,11) joined to nothing.
@Suite(.serialized) struct RouteCommandsTests {
    typealias CLI = CommandLineTests

    /// WGS 84 semi-major axis (m) and first eccentricity squared (EPSG:7030, f = 1/298.257223563).
    static let a = 6_378_137.0
    static let e2 = { let f = 1 / 298.257223563; return f * (2 - f) }()

    /// Meridian arc from the equator to latitude φ (radians), the series in e² to e⁶ (e.g.
    /// Snyder, "Map Projections — A Working Manual", 1987, eq. 3-21); truncation below 1 mm here.
    static func meridianArc(_ phi: Double) -> Double {
        let e4 = e2 * e2, e6 = e4 * e2
        return a * ((1 - e2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * phi - (3 * e2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * sin(2 * phi)
            + (15 * e4 / 256 + 45 * e6 / 1024) * sin(4 * phi) - (35 * e6 / 3072) * sin(6 * phi))
    }

    /// Arc of `degrees` of longitude along the parallel φ: N(φ)·cos φ·Δλ with N = a/√(1 − e² sin²φ).
    static func parallelArc(_ phi: Double, degrees: Double) -> Double {
        a * cos(phi) / (1 - e2 * sin(phi) * sin(phi)).squareRoot() * degrees * .pi / 180
    }

    static let oneDegree = Double.pi / 180
    static var meridian1: Double { meridianArc(oneDegree) }
    static var equator1: Double { a * oneDegree }
    static var parallel1: Double { parallelArc(oneDegree, degrees: 1) }
    static var detour: Double { equator1 + meridian1 + parallel1 }

    /// Writes the network as GeoJSON lines and returns its path.
    static func network(in dir: String) throws -> String {
        let north = (0...100).map { "[\(String(format: "%.2f", 1 - Double($0) / 100)),1]" }.joined(separator: ",")
        let lines = ["[[0,0],[0,1]]", "[[0,0],[1,0]]", "[[1,0],[1,1]]", "[\(north)]", "[[10,10],[10,11]]"]
        let features = lines.map { "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":\($0)}}" }
        let path = "\(dir)/net.geojson"
        try "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The properties of the first feature of a GeoJSON file, and all features.
    static func features(_ path: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        return try #require(object?["features"] as? [[String: Any]])
    }

    static func properties(_ f: [String: Any]) -> [String: Any] { f["properties"] as? [String: Any] ?? [:] }

    @Test func alternativesWithAViaPointChangeOneLegAtATime() throws {
        let dir = try CLI.tempDir(), net = try Self.network(in: dir)
        // From (0,0) via (1,0) to (0,1): the best second leg climbs 1° E and follows the parallel
        // (the detour); the alternative goes back along the equator and up the meridian 0°.
        let r = try CLI.bordermap("route", "--network", net, "--from", "0,0", "--via", "1,0", "--to", "0,1",
                                  "--alternatives", "1", "--out", "\(dir)/r.geojson")
        #expect(r.status == 0, "\(r.stderr)")
        let lengths = try Self.features("\(dir)/r.geojson").compactMap { Self.properties($0)["length_m"] as? Double }
        try #require(lengths.count == 2, "\(lengths)")
        #expect(abs(lengths[0] - Self.detour) < 1, "\(lengths[0]) vs \(Self.detour)")
        #expect(abs(lengths[1] - (2 * Self.equator1 + Self.meridian1)) < 1, "\(lengths[1])")
    }

    @Test func shortestRouteHasTheMeridianArcLengthAndIsCachedTheSecondTime() throws {
        let dir = try CLI.tempDir(), net = try Self.network(in: dir)
        let r = try CLI.bordermap("route", "--network", net, "--from", "0,0", "--to", "0,1", "--out", "\(dir)/r.geojson")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2 components"), "\(r.stdout)")
        #expect(r.stdout.contains("graph built"), "\(r.stdout)")
        let p = Self.properties(try #require(try Self.features("\(dir)/r.geojson").first))
        let length = try #require(p["length_m"] as? Double)
        #expect(abs(length - Self.meridian1) < 1, "\(length) vs meridian arc \(Self.meridian1)")
        #expect(abs(Self.meridian1 - 110_574) < 1, "the formula gives the textbook 110574 m")
        #expect(p["profile"] as? String == "shortest")
        #expect(p["from"] as? String == "0,0")
        let again = try CLI.bordermap("route", "--network", net, "--from", "0,0", "--to", "0,1", "--out", "\(dir)/r2.geojson")
        #expect(again.stdout.contains("read from cache"), "\(again.stdout)")
        let info = try CLI.run("/usr/bin/env", ["ogrinfo", "-ro", "-al", "-so", "\(dir)/r.geojson"])
        #expect(info.stdout.contains("Geometry: Line String") && info.stdout.contains("Feature Count: 1"), "\(info.stdout)")
    }

    @Test func avoidForcesTheDetourOfKnownLengthAndFastestUsesTheSpeeds() throws {
        let dir = try CLI.tempDir(), net = try Self.network(in: dir)
        let box = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\","
            + "\"coordinates\":[[[-0.1,0.4],[0.1,0.4],[0.1,0.6],[-0.1,0.6],[-0.1,0.4]]]}}]}"
        try box.write(toFile: "\(dir)/avoid.geojson", atomically: true, encoding: .utf8)
        try "{\"default_kmh\": 100, \"classes\": {}}".write(toFile: "\(dir)/speeds.json", atomically: true, encoding: .utf8)
        let r = try CLI.bordermap("route", "--network", net, "--from", "0,0", "--to", "0,1", "--avoid", "\(dir)/avoid.geojson",
                                  "--fastest", "--speeds", "\(dir)/speeds.json", "--out", "\(dir)/r.shp")
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.run("/usr/bin/env", ["ogr2ogr", "-f", "GeoJSON", "\(dir)/r.geojson", "\(dir)/r.shp"])
        #expect(json.status == 0, "\(json.stderr)")
        let p = Self.properties(try #require(try Self.features("\(dir)/r.geojson").first))
        let length = try #require(p["length_m"] as? Double)
        #expect(abs(length - Self.detour) < 1, "\(length) vs equator + meridian + parallel \(Self.detour)")
        let minutes = try #require(p["duration_m"] as? Double ?? p["duration_mi"] as? Double)
        #expect(abs(minutes - Self.detour / 1000 / 100 * 60) < 1e-3, "100 km/h from --speeds: \(minutes) min")
    }

    @Test func viaPointsAreVisitedInOrder() throws {
        let dir = try CLI.tempDir(), net = try Self.network(in: dir)
        let r = try CLI.bordermap("route", "--network", net, "--from", "0,0", "--via", "1,0.5", "--to", "0,1", "--out", "\(dir)/r.gpkg")
        #expect(r.status == 0, "\(r.stderr)")
        let sql = try CLI.run("/usr/bin/env", ["ogrinfo", "-ro", "-q", "\(dir)/r.gpkg", "-sql", "SELECT length_m, legs FROM routes"])
        let length = try #require(sql.stdout.components(separatedBy: "length_m (Real) = ").dropFirst().first
            .flatMap { Double($0.prefix { !$0.isNewline }) })
        #expect(abs(length - Self.detour) < 1, "via (1, 0.5): \(length) vs \(Self.detour)")
        #expect(sql.stdout.contains("legs (Integer) = 2") || sql.stdout.contains("legs (Integer64) = 2"), "\(sql.stdout)")
    }

    @Test func unreachableAndFarPointsFailWithTheLibraryMessage() throws {
        let dir = try CLI.tempDir(), net = try Self.network(in: dir)
        let island = try CLI.bordermap("route", "--network", net, "--from", "0,0", "--to", "10,10.5", "--out", "\(dir)/r.geojson")
        #expect(island.status == 1)
        #expect(island.stderr.contains("different connected parts"), "\(island.stderr)")
        let far = try CLI.bordermap("route", "--network", net, "--from", "0,0", "--to", "5,5", "--out", "\(dir)/r.geojson")
        #expect(far.status == 1)
        #expect(far.stderr.contains("from the nearest road, more than the 10000 m snapping limit"), "\(far.stderr)")
        let bad = try CLI.bordermap("route", "--network", net, "--from", "0,0", "--to", "north", "--out", "\(dir)/r.geojson")
        #expect(bad.status != 0 && bad.stderr.contains("LON,LAT"), "\(bad.stderr)")
    }

    /// Whether GDAL (SQLite dialect, SpatiaLite) finds `point` inside the reach area of `breakKm`.
    static func contains(_ file: String, breakKm: Double, _ point: (Double, Double)) throws -> Bool {
        let sql = "SELECT ST_Contains(geometry, MakePoint(\(point.0), \(point.1), 4326)) AS inside FROM reach WHERE break_km = \(breakKm)"
        let r = try CLI.run("/usr/bin/env", ["ogrinfo", "-ro", "-q", file, "-dialect", "SQLite", "-sql", sql])
        if r.stdout.contains("inside (Integer) = 1") { return true }
        if r.stdout.contains("inside (Integer) = 0") { return false }
        throw FixtureFailure("ogrinfo gave no answer: \(r.stdout) \(r.stderr)")
    }

    @Test func reachAreasHoldWhatIsWithinTheBreakOnly() throws {
        let dir = try CLI.tempDir(), net = try Self.network(in: dir)
        let r = try CLI.bordermap("reach", "--network", net, "--from", "0,0", "--breaks", "50km,150km", "--out", "\(dir)/reach.geojson")
        #expect(r.status == 0, "\(r.stderr)")
        let file = "\(dir)/reach.geojson"
        // 0.3° of latitude or longitude is about 33 km of road from S; T and (1,0) about 111 km; (1,1) about 222 km.
        #expect(try Self.contains(file, breakKm: 50, (0, 0.3)))
        #expect(try Self.contains(file, breakKm: 50, (0.3, 0)))
        #expect(try !Self.contains(file, breakKm: 50, (0, 0.6)))
        #expect(try Self.contains(file, breakKm: 150, (0, 1)))
        #expect(try Self.contains(file, breakKm: 150, (1, 0)))
        #expect(try !Self.contains(file, breakKm: 150, (1, 1)))
        #expect(try !Self.contains(file, breakKm: 150, (0.5, 0.5)), "the land between the roads is not reached")
        let bad = try CLI.bordermap("reach", "--network", net, "--from", "0,0", "--breaks", "1h,50km", "--out", "\(dir)/x.geojson")
        #expect(bad.status != 0 && bad.stderr.contains("all times or all lengths"), "\(bad.stderr)")
    }

    @Test func networkDensityOfOneIncidentIsTheQuarticKernelAlongTheRoad() throws {
        let dir = try CLI.tempDir(), net = try Self.network(in: dir)
        let points = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[0,0.5]}}]}"
        try points.write(toFile: "\(dir)/points.geojson", atomically: true, encoding: .utf8)
        let r = try CLI.bordermap("network-density", "--network", net, "--in", "\(dir)/points.geojson", "--segment", "1km",
                                  "--radius", "20km", "--out", "\(dir)/nd.geojson")
        #expect(r.status == 0, "\(r.stderr)")
        let props = try Self.features("\(dir)/nd.geojson").map(Self.properties)
        // The incident lies M(0.5°) from S along the meridian edge; piece 55 spans 55–56 km, middle 55.5 km.
        let d = 55_500 - Self.meridianArc(0.5 * Self.oneDegree)
        let r0 = 20_000.0
        let expected = 1000 * 15 / (16 * r0) * pow(1 - (d / r0) * (d / r0), 2)
        let piece = try #require(props.first { ($0["segment"] as? Int) == 55 && ($0["density_per_km"] as? Double ?? 0) > 0 })
        let got = try #require(piece["density_per_km"] as? Double)
        #expect(abs(got - expected) / expected < 1e-4, "\(got) vs 15/(16r)·(1−(d/r)²)² per km = \(expected)")
        let nonzero = props.filter { ($0["density_per_km"] as? Double ?? 0) > 0 }.count
        #expect(nonzero == 40, "pieces whose middle lies within 20 km of the incident: \(nonzero)")
    }

    @Test func routeOnTheCentralAsianRoadsWithACorridorReport() throws {
        let dir = try CLI.tempDir()
        let points = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[0,0]}}]}"
        try points.write(toFile: "\(dir)/points.geojson", atomically: true, encoding: .utf8)
        for ext in ["shp", "shx", "dbf", "prj", "cpg"] {  // a copy, so the graph cache is not written into the repository
            try FileManager.default.copyItem(atPath: "\(CLI.shapefiles)/ca_roads.\(ext)", toPath: "\(dir)/ca_roads.\(ext)")
        }
        let r = try CLI.bordermap("route", "--network", "\(dir)/ca_roads.shp", "--from", "69.2797,41.3111",
                                  "--to", "66.9597,39.6542", "--corridor", "5km", "--in", "\(dir)/points.geojson",
                                  "--data", CLI.shapefiles, "--out", "\(dir)/r.geojson")
        #expect(r.status == 0, "\(r.stderr)")
        let features = try Self.features("\(dir)/r.geojson")
        let route = Self.properties(try #require(features.first))
        let km = try #require(route["length_km"] as? Double)
        #expect((250...400).contains(km), "Tashkent–Samarkand by road: \(km) km")
        #expect(route["incidents"] as? Int == 0)
        #expect((route["provinces"] as? String ?? "").isEmpty == false, "\(route)")
        #expect(features.contains { Self.properties($0)["kind"] as? String == "segment" })
        #expect(r.stdout.contains("province"), "\(r.stdout)")
    }
}

struct FixtureFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
