import Foundation
import Testing
import TestSupport

/// Runs the built `bordermap` executable and checks its results with GDAL and PROJ's tools.
@Suite(.serialized) struct CommandLineTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shapefiles = repo.appendingPathComponent("Shapefiles").path

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `bordermap` binary beside the test bundle (SwiftPM builds it for this test target).
    static var binary: String {
        var dir = Bundle.main.bundleURL
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("bordermap").path) {
            dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        }
        return dir.appendingPathComponent("bordermap").path
    }

    static func run(_ executable: String, _ args: [String], in dir: String? = nil) throws -> Run {
        let r = try Tool.run([executable] + args, in: dir)
        return Run(status: r.status, stdout: r.output, stderr: r.stderr)
    }

    static func bordermap(_ args: String..., in dir: String? = nil) throws -> Run {
        try run(binary, args, in: dir)
    }

    static func bordermap(_ args: [String], in dir: String? = nil) throws -> Run {
        try run(binary, args, in: dir)
    }

    static func tempDir() throws -> String { try Tool.temporaryDirectory("bordermap-cli").path }

    @Test func infoSummarisesAShapefile() throws {
        let r = try Self.bordermap("info", "\(Self.shapefiles)/ca_populated_places.shp")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Features: 8475"))
        #expect(r.stdout.contains("Geometry: Point"))
        #expect(r.stdout.contains("EPSG:4326"))
        #expect(r.stdout.contains("Encoding: UTF-8"))
        #expect(r.stdout.contains("Fields (12):"))
        #expect(r.stdout.contains("alt_cyr   string(254)"))
        // GDAL's extent of the same file.
        let gdal = try Self.run("ogrinfo", ["-so", "\(Self.shapefiles)/ca_populated_places.shp", "ca_populated_places"])
        #expect(gdal.stdout.contains("Extent: (44.000000, 24.000110) - (89.985640, 55.991300)"))
        #expect(r.stdout.contains("44.000000, 24.000110 - 89.985640, 55.991300"))
    }

    @Test func infoOnAMissingFileFailsClearly() throws {
        let r = try Self.bordermap("info", "/nonexistent/layer.shp")
        #expect(r.status == 1)
        #expect(r.stderr.contains("/nonexistent/layer.shp: file not found"))
    }

    @Test func convertReprojectsAsCs2csDoes() throws {
        let dir = try Self.tempDir()
        let r = try Self.bordermap("convert", "\(Self.shapefiles)/ca_roads.shp", "\(dir)/roads.shp", "--to-crs", "EPSG:32642")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("wrote 1026 features"))
        // GDAL reads the .prj we wrote as UTM 42N.
        let info = try Self.run("ogrinfo", ["-so", "\(dir)/roads.shp", "roads"])
        #expect(info.stdout.contains("UTM zone 42N"), "\(info.stdout)")
        // The first vertex of the first road, projected by cs2cs, equals ours to 1 mm.
        let src = try Self.run("ogrinfo", ["-q", "-fid", "0", "\(Self.shapefiles)/ca_roads.shp", "ca_roads"])
        let ours = try Self.run("ogrinfo", ["-q", "-fid", "0", "\(dir)/roads.shp", "roads"])
        let lonLat = try #require(Self.firstVertex(src.stdout))
        let xy = try #require(Self.firstVertex(ours.stdout))
        let cs2cs = try Self.cs2cs(lonLat, to: "+proj=utm +zone=42 +datum=WGS84")
        #expect(abs(cs2cs.0 - xy.0) < 0.001 && abs(cs2cs.1 - xy.1) < 0.001, "ours \(xy), cs2cs \(cs2cs)")
    }

    @Test func convertWritesGeoJSONAndEsriJSONThatGDALReads() throws {
        let dir = try Self.tempDir()
        let utm = try Self.bordermap("convert", "\(Self.shapefiles)/ca_admin0_countries.shp", "\(dir)/c.shp", "--to-crs", "EPSG:32642")
        #expect(utm.status == 0, "\(utm.stderr)")
        // From a projected shapefile back to RFC 7946 GeoJSON: reprojected to WGS 84 automatically.
        let json = try Self.bordermap("convert", "\(dir)/c.shp", "\(dir)/c.geojson")
        #expect(json.stdout.contains("reprojected WGS 84 / UTM zone 42N -> WGS 84"), "\(json.stdout)\(json.stderr)")
        let gj = try Self.run("ogrinfo", ["-so", "-al", "\(dir)/c.geojson"])
        #expect(gj.stdout.contains("Feature Count: 28"))
        #expect(gj.stdout.contains("Extent: (44.000000, 24.000000) - (90.000000, 56.000000)"), "\(gj.stdout)")
        let esri = try Self.bordermap("convert", "\(dir)/c.geojson", "\(dir)/c.json")
        #expect(esri.status == 0, "\(esri.stderr)")
        let ej = try Self.run("ogrinfo", ["-so", "-al", "\(dir)/c.json"])
        #expect(ej.stdout.contains("ESRIJSON"))
        #expect(ej.stdout.contains("Feature Count: 28"))
        #expect(ej.stdout.contains("Polygon"))
    }

    @Test func geoJSONOutputRefusesAProjectedCRS() throws {
        let dir = try Self.tempDir()
        let r = try Self.bordermap("convert", "\(Self.shapefiles)/ca_lakes.shp", "\(dir)/l.geojson", "--to-crs", "EPSG:3857")
        #expect(r.status != 0)
        #expect(r.stderr.contains("always WGS 84"))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/l.geojson"))
    }

    @Test func longFieldNamesAreShortenedAndReported() throws {
        let dir = try Self.tempDir()
        let src = #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[69.28,41.31]},"properties":{"population_total":2500000,"population_urban":2400000,"name":"Тошкент"}}]}"#
        try src.write(toFile: "\(dir)/in.geojson", atomically: true, encoding: .utf8)
        let r = try Self.bordermap("convert", "\(dir)/in.geojson", "\(dir)/out.shp")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("renamed field 'population_urban' to 'populati_1'"), "\(r.stderr)")
        let info = try Self.run("ogrinfo", ["-al", "\(dir)/out.shp"])
        #expect(info.stdout.contains("populati_1 (Integer"))
        #expect(info.stdout.contains("name (String) = Тошкент"))
    }

    @Test func corruptRecordsAreSkippedAndTheRestWritten() throws {
        let dir = try Self.tempDir()
        for ext in ["shp", "shx", "dbf", "prj", "cpg"] {
            try FileManager.default.copyItem(atPath: "\(Self.shapefiles)/ca_lakes.\(ext)", toPath: "\(dir)/lakes.\(ext)")
        }
        // Record 3's content length (big-endian int32 at its header + 4) claims far more than the file holds.
        let shx = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/lakes.shx"))
        let offset = Int(shx[100 + 2 * 8]) << 24 | Int(shx[101 + 2 * 8]) << 16 | Int(shx[102 + 2 * 8]) << 8 | Int(shx[103 + 2 * 8])
        var shp = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/lakes.shp"))
        shp.replaceSubrange((offset * 2 + 8)..<(offset * 2 + 12), with: [0xFF, 0xFF, 0xFF, 0xFF] as [UInt8])
        try shp.write(to: URL(fileURLWithPath: "\(dir)/lakes.shp"))
        let r = try Self.bordermap("convert", "\(dir)/lakes.shp", "\(dir)/out.geojson")
        #expect(r.status == 3)
        #expect(r.stderr.contains("record 3"), "\(r.stderr)")
        #expect(r.stdout.contains("wrote 129 features"), "\(r.stdout)")
    }

    static func firstVertex(_ ogrinfo: String) -> (Double, Double)? {
        guard let open = ogrinfo.range(of: "LINESTRING ("), let end = ogrinfo[open.upperBound...].firstIndex(of: ",") else { return nil }
        let parts = ogrinfo[open.upperBound..<end].split(separator: " ").compactMap { Double($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    static func cs2cs(_ p: (Double, Double), to target: String) throws -> (Double, Double) {
        let args = ["cs2cs", "-f", "%.6f", "+proj=longlat", "+datum=WGS84", "+to"] + target.split(separator: " ").map(String.init)
        let text = try Tool.run(args, input: Data("\(p.0) \(p.1)\n".utf8)).output
        let v = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).compactMap { Double($0) }
        return (v[0], v[1])
    }
}

/// `bordermap render`, checked with libpng's pngcheck and by decoding with Pillow.
@Suite(.serialized) struct RenderCommandTests {
    @Test func rendersAReportMapAtPrintScale() throws {
        let dir = try CommandLineTests.tempDir()
        let r = try CommandLineTests.bordermap(
            "render", "--style", "report", "--bbox", "66,36,76,44", "--size", "400x250", "--scale", "2",
            "--title", "Душанбе", "--legend", "--out", "\(dir)/map.png", in: CommandLineTests.repo.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("800x500 px"))
        let check = try CommandLineTests.run("pngcheck", ["\(dir)/map.png"])
        #expect(check.status == 0 && check.stdout.contains("(800x500, "), "\(check.stdout)")
    }

    @Test(arguments: [
        (["--style", "report", "--out", "x.png"], "give either --bbox or --center"),
        (["--style", "report", "--bbox", "1,2,3", "--out", "x.png"], "bbox '1,2,3'"),
        (["--style", "report", "--center", "69,41", "--out", "x.png"], "--center needs --zoom"),
        (["--style", "nosuch", "--bbox", "66,36,76,44", "--out", "x.png"], "no style 'nosuch'"),
        (["--style", "report", "--bbox", "66,36,76,44", "--size", "99999x10", "--out", "x.png"], "size 99999x10"),
        (["--style", "report", "--bbox", "66,36,76,44", "--scale", "9", "--out", "x.png"], "--scale must be between 1 and 4"),
    ])
    func rejectsBadArguments(_ args: [String], _ message: String) throws {
        let dir = try CommandLineTests.tempDir()
        let r = try CommandLineTests.run(CommandLineTests.binary, ["render"] + args.map { $0 == "x.png" ? "\(dir)/x.png" : $0 },
                                         in: CommandLineTests.repo.path)
        #expect(r.status != 0)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/x.png"))
    }
}
