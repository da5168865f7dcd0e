import Foundation
import Testing
import TestSupport

/// `bordermap density`, `hotspots` and `clusters`, end to end: the independent references of
/// shared/reference (computed with numpy and PySAL), and GDAL reading what the commands write.
@Suite(.serialized) struct AnalysisCommandsTests {
    typealias CLI = CommandLineTests

    static var kdeSpec: [String: Any] { get throws { try #require(try ReferenceFiles.json("kde_spec.json") as? [String: Any]) } }

    /// The reference points as RFC 7946 GeoJSON (their lon/lat, `weight` property).
    static func kdePointsGeoJSON(to path: String) throws {
        let (header, rows) = try ReferenceFiles.csv("kde_points.csv")
        let lon = try #require(header.firstIndex(of: "lon_deg")), lat = try #require(header.firstIndex(of: "lat_deg"))
        let w = try #require(header.firstIndex(of: "weight"))
        let features = rows.filter { $0.count == header.count }.map { r in
            "{\"type\":\"Feature\",\"properties\":{\"weight\":\(r[w])},\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(r[lon]),\(r[lat])]}}"
        }
        try "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}".write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// An ESRI ASCII grid's values (NODATA as 0, as the reference writes it), row 0 north.
    static func asciiGrid(_ path: String) throws -> (ncols: Int, nrows: Int, values: [[Double]]) {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        var header: [String: String] = [:]
        for l in lines.prefix(6) {
            let p = l.split(separator: " ", omittingEmptySubsequences: true)
            header[p[0].lowercased()] = String(p[1])
        }
        let nodata = try #require(Double(header["nodata_value"] ?? ""))
        let values = lines.dropFirst(6).map { $0.split(separator: " ").map { Double($0).map { $0 == nodata ? 0 : $0 } ?? .nan } }
        return (try #require(Int(header["ncols"] ?? "")), try #require(Int(header["nrows"] ?? "")), values)
    }

    /// Compares with a reference grid at its tolerance: rel 1e-9 on cells > 1e-6 × max, abs
    /// 1e-9 × max elsewhere — here widened to rel 1e-7 because the points pass through lon/lat
    /// (the reference's x_m, y_m → its lon/lat columns → our PROJ), which moves them by
    /// micrometres; a wrong kernel, radius, cell centre or unit errs by far more.
    static func expectMatches(_ got: [[Double]], reference file: String) throws {
        let (_, rows) = try ReferenceFiles.csv(file, header: false)
        let expected = rows.filter { !$0.isEmpty }.map { $0.compactMap { Double($0) } }
        #expect(got.count == expected.count)
        let maxValue = expected.flatMap { $0 }.max() ?? 0
        #expect(maxValue > 0)
        var worst = 0.0, checked = 0
        for (r, row) in expected.enumerated() {
            for (c, e) in row.enumerated() {
                let g = got[r][c]
                if e > 1e-6 * maxValue {
                    worst = max(worst, abs(g - e) / e)
                    checked += 1
                } else {
                    #expect(abs(g - e) <= 1e-9 * maxValue, "cell \(r),\(c): \(g) vs \(e)")
                }
            }
        }
        #expect(checked > 1000)
        #expect(worst <= 1e-7, "largest relative difference \(worst)")
    }

    @Test func densityWithAFixedRadiusMatchesTheReference() throws {
        let dir = try CLI.tempDir()
        try Self.kdePointsGeoJSON(to: "\(dir)/points.geojson")
        let spec = try Self.kdeSpec
        let crs = try #require(spec["crs_proj"] as? String)
        let r = try CLI.bordermap("density", "--in", "\(dir)/points.geojson", "--weight", "weight", "--crs", crs,
                                  "--extent=-1600000,-1150000,1600000,1250000", "--cell", "16000", "--radius", "100km",
                                  "--out", "\(dir)/d.asc")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("search radius: 100.000 km"), "\(r.stdout)")
        #expect(r.stdout.contains("grid: 200 x 150 cells of 16000.000 m"), "\(r.stdout)")
        let grid = try Self.asciiGrid("\(dir)/d.asc")
        #expect(grid.ncols == 200 && grid.nrows == 150)
        try Self.expectMatches(grid.values, reference: "kde_expected_fixed_h.csv")
        // GDAL reads the grid with its extent, cell size and CRS.
        let info = try CLI.run("gdalinfo", ["\(dir)/d.asc"])
        #expect(info.stdout.contains("Size is 200, 150"))
        #expect(info.stdout.contains("Origin = (-1600000.000000000000000,1250000.000000000000000)"), "\(info.stdout)")
        #expect(info.stdout.contains("Pixel Size = (16000.000000000000000,-16000.000000000000000)"))
        #expect(info.stdout.contains("Albers"), "the .prj gives GDAL the Albers CRS")
        #expect(info.stdout.contains("NoData Value=-9999"))
    }

    @Test func densityWithTheDefaultRadiusMatchesTheReference() throws {
        let dir = try CLI.tempDir()
        try Self.kdePointsGeoJSON(to: "\(dir)/points.geojson")
        let spec = try Self.kdeSpec
        let h = try #require(spec["h_default_unweighted"] as? Double)
        let r = try CLI.bordermap("density", "--in", "\(dir)/points.geojson", "--crs", try #require(spec["crs_proj"] as? String),
                                  "--extent=-1600000,-1150000,1600000,1250000", "--cell", "16000", "--out", "\(dir)/d.asc")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(String(format: "search radius: %.3f km (auto, spatial Silverman", h / 1000)), "\(r.stdout)")
        #expect(r.stdout.contains("Dm decided") || r.stdout.contains("SD decided"))
        try Self.expectMatches(try Self.asciiGrid("\(dir)/d.asc").values, reference: "kde_expected_unweighted_default_h.csv")
    }

    @Test func geodesicDensityKeepsEachIncidentsVolume() throws {
        let dir = try CLI.tempDir()
        try Self.kdePointsGeoJSON(to: "\(dir)/points.geojson")
        let spec = try Self.kdeSpec
        var totals: [Double] = []
        for geodesic in [false, true] {
            let out = "\(dir)/d\(geodesic ? "g" : "p").asc"
            let r = try CLI.bordermap(["density", "--in", "\(dir)/points.geojson", "--weight", "weight", "--crs", try #require(spec["crs_proj"] as? String),
                                       "--extent=-1600000,-1150000,1600000,1250000", "--cell", "16000", "--radius", "100km", "--out", out]
                                      + (geodesic ? ["--geodesic"] : []))
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("distances: geodesic") == geodesic)
            // Σ density × cell area (km²) = Σ weights (2673) up to kernels cut by the grid's edge.
            totals.append(try Self.asciiGrid(out).values.flatMap { $0 }.reduce(0, +) * 256)
        }
        let weights = try #require(spec["sum_weights"] as? Double)
        #expect(abs(totals[0] / weights - 1) < 0.01, "planar volume \(totals[0])")
        // Ellipsoidal and equal-area planar distances differ by well under 1 % here: the same
        // volume, but not the same grid.
        #expect(abs(totals[1] / totals[0] - 1) < 0.01, "geodesic volume \(totals[1]) vs planar \(totals[0])")
        #expect(totals[1] != totals[0])
    }

    @Test func densityGeoTIFFIsReadByGDAL() throws {
        let dir = try CLI.tempDir()
        try Self.kdePointsGeoJSON(to: "\(dir)/points.geojson")
        let r = try CLI.bordermap("density", "--in", "\(dir)/points.geojson", "--crs", "EPSG:32642",
                                  "--extent", "300000,4100000,900000,4700000", "--cell", "2km", "--radius", "60km",
                                  "--out", "\(dir)/d.tif")
        #expect(r.status == 0, "\(r.stderr)")
        let info = try CLI.run("gdalinfo", ["-json", "\(dir)/d.tif"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        #expect(json["size"] as? [Int] == [300, 300])
        #expect(json["geoTransform"] as? [Double] == [300000, 2000, 0, 4700000, 0, -2000])
        let wkt = try #require((json["coordinateSystem"] as? [String: Any])?["wkt"] as? String)
        #expect(wkt.contains("ID[\"EPSG\",32642]"))
        let band = try #require((json["bands"] as? [[String: Any]])?.first)
        #expect(band["type"] as? String == "Float32")
        #expect(band["block"] as? [Int] == [256, 256])
        #expect(band["noDataValue"] as? Double == -9999)
        let image = (json["metadata"] as? [String: Any])?["IMAGE_STRUCTURE"] as? [String: String]
        #expect(image?["COMPRESSION"] == "DEFLATE")
    }

    @Test func densityPolygonsAreValidGeoJSONWithClassesAndCounts() throws {
        let dir = try CLI.tempDir()
        let db = "\(dir)/incidents.sqlite"
        #expect(try CLI.bordermap("demo-data", "--out", db, "--count", "3000", "--seed", "5").status == 0)
        let r = try CLI.bordermap("density", "--db", db, "--radius", "40km", "--classes", "jenks:4", "--out", "\(dir)/hot.geojson")
        #expect(r.status == 0, "\(r.stderr)")
        let info = try CLI.run("ogrinfo", ["-al", "-so", "\(dir)/hot.geojson"])
        #expect(info.stdout.contains("Geometry: Multi Polygon") || info.stdout.contains("Geometry: Polygon"), "\(info.stdout)")
        for field in ["class", "value_min", "value_max", "incident_count", "weight_sum"] {
            #expect(info.stdout.contains("\(field): "), "field \(field) missing: \(info.stdout)")
        }
        // GEOS (through OGR's SQLite dialect) finds every polygon valid.
        let invalid = try CLI.run("ogrinfo", ["-q", "-dialect", "SQLite", "-sql", "SELECT count(*) AS n FROM density WHERE NOT ST_IsValid(geometry)",
                                              "\(dir)/hot.geojson"])
        #expect(invalid.stdout.contains("n (Integer) = 0"), "\(invalid.stdout) \(invalid.stderr)")
        let valid = try CLI.run("ogrinfo", ["-q", "-dialect", "SQLite", "-sql", "SELECT count(*) AS n FROM density WHERE ST_IsValid(geometry)",
                                            "\(dir)/hot.geojson"])
        #expect(!valid.stdout.contains("n (Integer) = 0"), "polygons were written and checked: \(valid.stdout)")
    }

    @Test func hotspotsOnValuesMatchTheGiStarReference() throws {
        let dir = try CLI.tempDir()
        let spec = try #require((try ReferenceFiles.json("gistar_spec.json") as? [String: Any])?["counts_case"] as? [String: Any])
        let crs = try #require(spec["crs_proj"] as? String)
        let (header, rows) = try ReferenceFiles.csv("gistar_small_input.csv")
        let x = try #require(header.firstIndex(of: "x_centre_m")), y = try #require(header.firstIndex(of: "y_centre_m"))
        let count = try #require(header.firstIndex(of: "count")), id = try #require(header.firstIndex(of: "cell_id"))
        let cells = rows.filter { $0.count == header.count }
        // Cell centres to lon/lat with PROJ's own cs2cs, so the command's --crs brings them back.
        let input = cells.map { "\($0[x]) \($0[y])" }.joined(separator: "\n") + "\n"
        let lonLat = try Tool.run(["cs2cs", "-f", "%.12f"] + crs.split(separator: " ").map(String.init) + ["+to", "+proj=longlat", "+datum=WGS84"],
                                  input: Data(input.utf8))
        let coords = lonLat.output.split(separator: "\n").map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).prefix(2).map(String.init) }
        #expect(coords.count == cells.count)
        let features = zip(cells, coords).map { c, ll in
            "{\"type\":\"Feature\",\"properties\":{\"cell_id\":\(c[id]),\"count\":\(c[count])},\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(ll[0]),\(ll[1])]}}"
        }
        try "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}".write(toFile: "\(dir)/cells.geojson", atomically: true, encoding: .utf8)
        for fdr in [false, true] {
            let out = "\(dir)/gi\(fdr ? "-fdr" : "").geojson"
            let r = try CLI.bordermap(["hotspots", "--in", "\(dir)/cells.geojson", "--field", "count", "--crs", crs, "--distance", "15km", "--out", out]
                                      + (fdr ? ["--fdr"] : []))
            #expect(r.status == 0, "\(r.stderr)")
            let fc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
            let got = try #require(fc["features"] as? [[String: Any]]).compactMap { $0["properties"] as? [String: Any] }
            let (eh, expected) = try ReferenceFiles.csv("gistar_small_expected.csv")
            let byID = Dictionary(uniqueKeysWithValues: got.compactMap { p in (p["cell_id"] as? Int).map { ($0, p) } })
            #expect(byID.count == 1200)
            let zc = try #require(eh.firstIndex(of: "z_gistar")), pc = try #require(eh.firstIndex(of: "p_two_sided"))
            let bc = try #require(eh.firstIndex(of: fdr ? "gi_bin_fdr" : "gi_bin")), nc = try #require(eh.firstIndex(of: "n_neighbours_incl_self"))
            for e in expected where e.count == eh.count {
                let p = try #require(byID[Int(e[0]) ?? -1])
                let z = try #require(p["GiZScore"] as? Double), ez = try #require(Double(e[zc]))
                #expect(abs(z - ez) <= max(1e-9 * abs(ez), 1e-12), "cell \(e[0]) z \(z) vs \(ez)")
                #expect(abs((p["GiPValue"] as? Double ?? -1) - (Double(e[pc]) ?? 0)) <= 1e-9 * max(1e-3, Double(e[pc]) ?? 0) + 1e-15)
                #expect(p["Gi_Bin"] as? Int == Int(e[bc]), "cell \(e[0]) bin")
                #expect(p["NNeighbors"] as? Int == Int(e[nc]))
            }
        }
    }

    @Test func hotspotsEmergingAndClustersOnIncidentsAreReadByGDAL() throws {
        let dir = try CLI.tempDir()
        let db = "\(dir)/incidents.sqlite"
        #expect(try CLI.bordermap("demo-data", "--out", db, "--count", "4000", "--seed", "9").status == 0)
        let gi = try CLI.bordermap("hotspots", "--db", db, "--hex", "25km", "--out", "\(dir)/h.gpkg")
        #expect(gi.status == 0, "\(gi.stderr)")
        #expect(gi.stdout.contains("distance band: "), "the optimized band is printed: \(gi.stdout)")
        #expect(gi.stdout.contains("global Moran's I: "))
        // Every incident lands in one analysed (occupied) cell.
        let sum = try CLI.run("ogrinfo", ["-q", "-sql", "SELECT SUM(Join_Count) AS n, MIN(Gi_Bin) AS lo, MAX(Gi_Bin) AS hi FROM hotspots", "\(dir)/h.gpkg"])
        #expect(sum.stdout.contains("n (Integer") && sum.stdout.contains("= 4000"), "\(sum.stdout)")
        let emerging = try CLI.bordermap("hotspots", "--db", db, "--hex", "40km", "--step", "6months", "--out", "\(dir)/e.geojson")
        #expect(emerging.status == 0, "\(emerging.stderr)")
        let cats = try CLI.run("ogrinfo", ["-q", "-al", "-geom=NO", "\(dir)/e.geojson"]).stdout
            .split(separator: "\n").filter { $0.contains("CATEGORY (String) = ") }.map { $0.components(separatedBy: " = ").last ?? "" }
        #expect(!cats.isEmpty)
        #expect(cats.allSatisfy { $0 == "No Pattern Detected" || $0.hasSuffix(" Hot Spot") || $0.hasSuffix(" Cold Spot") }, "\(Set(cats))")
        let clusters = try CLI.bordermap("clusters", "--db", db, "--distance", "15km", "--window", "30days", "--min-points", "5",
                                         "--out", "\(dir)/c.shp")
        #expect(clusters.status == 0, "\(clusters.stderr)")
        let summary = clusters.stdout
        let n = try #require(summary.components(separatedBy: "clusters: ").last?.split(separator: ";").first.flatMap { Int($0) })
        let noise = try #require(summary.components(separatedBy: "noise: ").last?.split(separator: ";").first.flatMap { Int($0) })
        let counted = try CLI.run("ogrinfo", ["-q", "-sql", "SELECT COUNT(*) AS k, SUM(COUNT) AS m FROM c", "\(dir)/c.shp"]).stdout
        #expect(counted.contains("k (Integer) = \(n)"), "\(counted)")
        #expect(counted.contains("= \(4000 - noise)"), "members + noise = all incidents: \(counted)")
    }

    @Test func exportWritesHotSpotLayersInEveryFormat() throws {
        let dir = try CLI.tempDir()
        let db = "\(dir)/incidents.sqlite"
        #expect(try CLI.bordermap("demo-data", "--out", db, "--count", "2000", "--seed", "3").status == 0)
        for (layer, options) in [("density", ["--radius", "40km"]), ("hotspots", ["--hex", "30km"])] {
            var counts: Set<String> = []
            for format in ["geojson", "esrijson", "shp", "gpkg"] {
                let out = "\(dir)/\(layer).\(format)"
                let r = try CLI.bordermap(["export", "--layer", layer, "--db", db, "--format", format, "--out", out] + options)
                #expect(r.status == 0, "\(r.stderr)")
                let info = try CLI.run("ogrinfo", ["-ro", "-so", "-al", out]).stdout
                #expect(info.contains("Geometry: Polygon") || info.contains("Geometry: Multi Polygon"), "\(layer) \(format): \(info)")
                let count = info.split(separator: "\n").first { $0.hasPrefix("Feature Count: ") }.map(String.init)
                counts.insert(try #require(count, "\(layer) \(format)"))
                #expect(info.contains(layer == "density" ? "incident_c" : "GiZScore"), "\(layer) \(format) fields: \(info)")
            }
            #expect(counts.count == 1, "every format holds the same features: \(counts)")
            #expect(counts.first != "Feature Count: 0")
        }
    }

    @Test func badAnalysisOptionsAreRefusedClearly() throws {
        let radius = try CLI.bordermap("density", "--in", "x.geojson", "--radius", "far", "--out", "d.asc")
        #expect(radius.status != 0)
        #expect(radius.stderr.contains("--radius must be a positive length"), "\(radius.stderr)")
        let both = try CLI.bordermap("hotspots", "--in", "x.geojson", "--cell", "10km", "--hex", "10km", "--out", "h.geojson")
        #expect(both.stderr.contains("give --cell (fishnet) or --hex (hexagons), not both"), "\(both.stderr)")
        let format = try CLI.bordermap("density", "--in", "x.geojson", "--out", "d.xyz")
        #expect(format.stderr.contains("cannot tell the format of d.xyz"), "\(format.stderr)")
    }
}
