import Foundation
import Testing
import TestSupport

/// `bordermap seed`: the MBTiles file it writes is read back by GDAL and by python3's sqlite3
/// and Pillow; resuming renders only what is missing or stale.
@Suite(.serialized) struct SeedCommandTests {
    typealias CLI = CommandLineTests
    static let styles = CLI.repo.appendingPathComponent("Styles").path

    /// Runs `bordermap seed` in `dir` with the repository's styles and data.
    static func seed(_ args: [String], in dir: String, styles: String = styles) throws -> CLI.Run {
        try CLI.run(CLI.binary, ["seed", "--styles", styles, "--data", CLI.shapefiles] + args, in: dir)
    }

    /// Number of tiles covering W,S,E,N at zoom z, from the XYZ formulas (OSM wiki "Slippy map
    /// tilenames"), written out here independently of GeoProjection.
    static func tileCount(_ w: Double, _ s: Double, _ e: Double, _ n: Double, zooms: ClosedRange<Int>) -> Int {
        zooms.reduce(0) { total, z in
            let count = Double(1 << z)
            func col(_ lon: Double) -> Double { (lon + 180) / 360 * count }
            func row(_ lat: Double) -> Double { (1 - asinh(tan(lat * .pi / 180)) / .pi) / 2 * count }
            let x0 = Int(col(w).rounded(.down)), x1 = Int(col(e).rounded(.up)) - 1
            let y0 = Int(row(n).rounded(.down)), y1 = Int(row(s).rounded(.up)) - 1
            return total + (x1 - x0 + 1) * (y1 - y0 + 1)
        }
    }

    static func sql(_ path: String, _ query: String) throws -> [String] {
        let r = try rawSQL(path, query)
        #expect(r.status == 0, "\(r.stderr)")
        return r.output.split(separator: "\n").map(String.init)
    }

    /// Runs `query` with python's sqlite3, leaving the exit status to the caller (a file still
    /// being created has no tables yet).
    static func rawSQL(_ path: String, _ query: String) throws -> Tool.Result {
        let script = """
            import sqlite3, sys
            con = sqlite3.connect(sys.argv[1])
            for row in con.execute(sys.argv[2]): print("\\t".join(str(v) for v in row))
            con.commit()
            """
        return try Tool.run(["/usr/bin/python3", "-c", script, path, query])
    }

    /// The pixels around lon/lat (3x3) in the tile of zoom z, read with Pillow from the `tiles`
    /// view at the TMS row computed in Python: GDAL's pixel at the same place must be one of them
    /// (GDAL's raster starts at the bounds, not a tile edge, so it may round to a neighbour).
    static func pillowPixels(_ path: String, lon: Double, lat: Double, zoom: Int) throws -> [[Int]] {
        let script = """
            import io, math, sqlite3, sys
            from PIL import Image
            path, lon, lat, z = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
            n = 2 ** z
            fx = (lon + 180) / 360 * n
            fy = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
            x, y = int(fx), int(fy)
            data = sqlite3.connect(path).execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?", (z, x, n - 1 - y)).fetchone()[0]
            im = Image.open(io.BytesIO(data)).convert("RGBA")
            px, py = int((fx - x) * im.width), int((fy - y) * im.height)
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    print(*im.getpixel((min(max(px + dx, 0), im.width - 1), min(max(py + dy, 0), im.height - 1))))
            """
        let r = try Tool.run(["/usr/bin/python3", "-c", script, path, "\(lon)", "\(lat)", "\(zoom)"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.output.split(separator: "\n").map { $0.split(separator: " ").compactMap { Int($0) } }
    }

    static func gdalPixel(_ path: String, lon: Double, lat: Double) throws -> [Int] {
        let r = try Tool.run(["gdallocationinfo", "-wgs84", "-valonly", path, "\(lon)", "\(lat)"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    }

    @Test func seedsAnMBTilesFileThatGDALReadsRightSideUp() throws {
        let dir = try CLI.tempDir()
        let out = "\(dir)/ca.mbtiles"
        let r = try Self.seed(["--style", "situation-room", "--zoom", "0-4", "--out", out], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        // Default area: the sample data's extent, 44,24 - 90,56.
        let expected = Self.tileCount(44, 24, 90, 56, zooms: 0...4)
        #expect(r.stdout.contains("rendered \(expected) tiles"), "\(r.stdout)")
        #expect(r.stdout.contains("skipped 0 already stored"), "\(r.stdout)")
        #expect(try Self.sql(out, "SELECT count(*) FROM tiles") == ["\(expected)"])
        #expect(try Self.sql(out, "PRAGMA journal_mode") == ["delete"], "a single self-contained file")

        let info = try Tool.run(["gdalinfo", out])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.output.contains("Driver: MBTiles/MBTiles"))
        #expect(info.output.contains("format=png"))
        #expect(info.output.contains("ZOOM_LEVEL=4"))
        #expect(info.output.contains("minzoom=0") && info.output.contains("maxzoom=4"))
        #expect(info.output.contains("Band 4 Block=256x256 Type=Byte, ColorInterp=Alpha"))
        // Overviews: the lower zoom levels, each half the size of the one above.
        let size = try #require(info.output.firstMatch(of: /Size is (\d+), (\d+)/))
        let overviews = try #require(info.output.firstMatch(of: /Overviews: (\d+)x(\d+)/))
        #expect(abs(Int(overviews.1)! * 2 - Int(size.1)!) <= 2 && abs(Int(overviews.2)! * 2 - Int(size.2)!) <= 2, "\(info.output)")
        // Bounds: the data extent, in GDAL's degrees-minutes-seconds.
        #expect(info.output.contains(#"( 44d 0' 0.00"E, 56d 0' 0.00"N)"#), "\(info.output)")

        // GDAL's pixel (through the TMS flip it does itself) equals Pillow's reading of the
        // tile at the row computed in Python, at sea, on land and on a lake.
        for (lon, lat) in [(51.0, 42.0), (69.0, 39.0), (74.5, 46.5), (60.0, 30.0)] {
            let gdal = try Self.gdalPixel(out, lon: lon, lat: lat)
            #expect(gdal.count == 4 && gdal[3] == 255, "\(lon),\(lat): \(gdal)")
            let pillow = try Self.pillowPixels(out, lon: lon, lat: lat, zoom: 4)
            #expect(pillow.count == 9 && pillow.contains(gdal), "\(lon),\(lat): GDAL \(gdal), Pillow \(pillow)")
        }
        // The Caspian Sea is the style's background colour (#0b1119).
        #expect(try Self.gdalPixel(out, lon: 51, lat: 42) == [0x0b, 0x11, 0x19, 255])
    }

    @Test func resumesRenderingOnlyTheMissingAndTheStaleTiles() throws {
        let dir = try CLI.tempDir()
        let out = "\(dir)/tj.mbtiles"
        let args = ["--style", "report", "--zoom", "2-6", "--bbox", "67,36.5,75,41", "--out", out]
        let expected = Self.tileCount(67, 36.5, 75, 41, zooms: 2...6)
        let first = try Self.seed(args, in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("rendered \(expected) tiles"), "\(first.stdout)")

        // As if killed before the last batches: three tiles are gone.
        _ = try Self.sql(out, """
            DELETE FROM map WHERE (zoom_level, tile_column, tile_row) IN
              (SELECT zoom_level, tile_column, tile_row FROM map WHERE zoom_level = 6 ORDER BY tile_column, tile_row LIMIT 3)
            """)
        #expect(try Self.sql(out, "SELECT count(*) FROM tiles") == ["\(expected - 3)"])
        let second = try Self.seed(args, in: dir)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("rendered 3 tiles"), "\(second.stdout)")
        #expect(second.stdout.contains("skipped \(expected - 3) already stored"), "\(second.stdout)")
        #expect(try Self.sql(out, "SELECT count(*) FROM tiles") == ["\(expected)"])

        let third = try Self.seed(args, in: dir)
        #expect(third.stdout.contains("rendered 0 tiles") && third.stdout.contains("skipped \(expected) already"), "\(third.stdout)")

        // An edited style (one byte of whitespace) changes every key: nothing is skipped.
        let edited = try CLI.tempDir()
        let text = try String(contentsOfFile: "\(Self.styles)/report.json", encoding: .utf8)
        try (text + " ").write(toFile: "\(edited)/report.json", atomically: true, encoding: .utf8)
        let fourth = try Self.seed(args, in: dir, styles: edited)
        #expect(fourth.stdout.contains("rendered \(expected) tiles") && fourth.stdout.contains("skipped 0"), "\(fourth.stdout)")
        #expect(try Self.sql(out, "SELECT count(DISTINCT style_hash) FROM map") == ["1"], "old keys replaced, not kept")
    }

    /// Killed with SIGKILL after its first committed batch, a re-run renders exactly the tiles
    /// that were not committed and skips the rest.
    @Test func resumesAfterBeingKilled() throws {
        let dir = try CLI.tempDir()
        let out = "\(dir)/killed.mbtiles"
        let args = ["seed", "--styles", Self.styles, "--data", CLI.shapefiles, "--style", "situation-room",
                    "--zoom", "0-6", "--workers", "1", "--out", out]
        let total = Self.tileCount(44, 24, 90, 56, zooms: 0...6)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = args
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Batches are committed at least every 2 s; wait for the first one.
        var committed = 0
        let deadline = Date().addingTimeInterval(60)
        while committed == 0, process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            if FileManager.default.fileExists(atPath: out) {
                let r = try? Self.rawSQL(out, "SELECT count(*) FROM map")
                committed = r?.status == 0 ? Int(r?.output.split(separator: "\n").first ?? "0") ?? 0 : 0
            }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let before = Int(try Self.sql(out, "SELECT count(*) FROM map").first ?? "") ?? -1
        #expect(before > 0 && before < total, "killed after \(before) of \(total) tiles")
        let rerun = try CLI.run(CLI.binary, args, in: dir)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("rendered \(total - before) tiles"), "\(rerun.stdout)")
        #expect(rerun.stdout.contains("skipped \(before) already stored"), "\(rerun.stdout)")
        #expect(try Self.sql(out, "SELECT count(*) FROM tiles") == ["\(total)"])
    }

    @Test func newIncidentsInvalidateOnlyIncidentDependentTiles() throws {
        let dir = try CLI.tempDir()
        let db = "\(dir)/incidents.sqlite"
        let demo = try CLI.run(CLI.binary, ["demo-data", "--count", "50", "--data", CLI.shapefiles, "--out", db], in: dir)
        #expect(demo.status == 0, "\(demo.stderr)")
        // A basemap copy of the report style: its incident-derived layers removed.
        let basemapDir = try CLI.tempDir()
        let strip = """
            import json, sys
            s = json.load(open(sys.argv[1]))
            derived = {k for k, v in s["sources"].items() if v["type"] != "shapefile"}
            s["layers"] = [l for l in s["layers"] if l.get("source") not in derived]
            json.dump(s, open(sys.argv[2], "w"), indent=1)
            """
        #expect(try Tool.run(["python3", "-c", strip, "\(Self.styles)/report.json", "\(basemapDir)/basemap.json"]).status == 0)
        let zoom = ["--zoom", "3-4", "--bbox", "67,36.5,75,41"]
        let count = Self.tileCount(67, 36.5, 75, 41, zooms: 3...4)
        let incidents = "\(dir)/report.mbtiles", basemap = "\(dir)/basemap.mbtiles"
        // ./incidents.sqlite is found without --db.
        let a = try Self.seed(["--style", "report", "--out", incidents] + zoom, in: dir)
        #expect(a.stdout.contains("rendered \(count) tiles") && a.stdout.contains("incident data version 1"), "\(a.stdout) \(a.stderr)")
        let b = try Self.seed(["--style", "basemap", "--db", db, "--out", basemap] + zoom, in: dir, styles: basemapDir)
        #expect(b.stdout.contains("rendered \(count) tiles") && !b.stdout.contains("incident data version"), "\(b.stdout)")
        // The incident style's tiles draw the store's analysis layers (the heat map at these
        // zooms), as the server would: they differ from the basemap's where incidents are.
        let compare = """
            import sqlite3, sys
            a, b = (dict(((z, x, y), t) for z, x, y, t in sqlite3.connect(f).execute(
                "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles")) for f in sys.argv[1:3])
            print(sum(1 for k in a if a[k] != b.get(k)), len(a))
            """
        let differing = try Tool.run(["python3", "-c", compare, incidents, basemap]).output.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(differing.count == 2 && differing[0] > 0 && differing[1] == count, "tiles drawing the heat map: \(differing)")

        // More incidents: data version 2.
        let more = try CLI.run(CLI.binary, ["demo-data", "--count", "20", "--seed", "7", "--data", CLI.shapefiles, "--out", "\(dir)/more.csv"], in: dir)
        #expect(more.status == 0, "\(more.stderr)")
        let imported = try CLI.run(CLI.binary, ["import", "\(dir)/more.csv", "--db", db], in: dir)
        #expect(imported.status == 0 || imported.status == 3, "\(imported.stderr)")

        let a2 = try Self.seed(["--style", "report", "--db", db, "--out", incidents] + zoom, in: dir)
        #expect(a2.stdout.contains("rendered \(count) tiles") && a2.stdout.contains("incident data version 2"), "\(a2.stdout)")
        #expect(try Self.sql(incidents, "SELECT DISTINCT data_version FROM map") == ["2"])
        let b2 = try Self.seed(["--style", "basemap", "--db", db, "--out", basemap] + zoom, in: dir, styles: basemapDir)
        #expect(b2.stdout.contains("rendered 0 tiles") && b2.stdout.contains("skipped \(count)"), "\(b2.stdout)")
        #expect(try Self.sql(basemap, "SELECT count(*) FROM map WHERE data_version IS NULL") == ["\(count)"])
    }

    @Test func showsProgressWithRateAndETAOnATerminalOnly() throws {
        let dir = try CLI.tempDir()
        let command = [CLI.binary, "seed", "--styles", Self.styles, "--data", CLI.shapefiles, "--style", "report",
                       "--zoom", "0-3", "--out", "\(dir)/p.mbtiles"].map { "'\($0)'" }.joined(separator: " ")
        // script(1) runs the command on a pseudo-terminal.
        let tty = try Tool.run(["script", "-qec", command, "/dev/null"], in: dir)
        #expect(tty.status == 0, "\(tty.stderr)")
        #expect(tty.output.contains("seeding report"), "\(tty.output)")
        #expect(tty.output.contains("tiles/s  ETA"), "\(tty.output)")
        let piped = try Self.seed(["--style", "report", "--zoom", "0-3", "--out", "\(dir)/q.mbtiles"], in: dir)
        #expect(!piped.stderr.contains("seeding"), "quiet when not on a terminal: \(piped.stderr)")
    }

    @Test(arguments: [
        (["--zoom", "5-3"], "the first level must not exceed the second"),
        (["--zoom", "0-23"], "levels must be within 0-22"),
        (["--zoom", "low-high"], "--zoom must be MIN-MAX or one level"),
        (["--zoom", "2", "--bbox", "10,10,5,5"], "--bbox must be W,S,E,N"),
        (["--zoom", "2", "--bbox=-190,0,10,10"], "longitudes must be within ±180"),
        (["--zoom", "2", "--bbox", "10,10,10,20"], "has no area"),
        (["--zoom", "2", "--scale", "3"], "--scale must be 1 or 2"),
        (["--zoom", "2", "--db", "/nonexistent/incidents.sqlite"], "no incident database at /nonexistent/incidents.sqlite"),
        (["--zoom", "20-22"], "narrow --zoom or --bbox"),
    ])
    func refusesBadArguments(args: [String], message: String) throws {
        let dir = try CLI.tempDir()
        let r = try Self.seed(["--style", "report", "--out", "\(dir)/x.mbtiles"] + args, in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func refusesFilesItCannotContinue() throws {
        let dir = try CLI.tempDir()
        let foreign = "\(dir)/other.mbtiles"
        _ = try Self.sql(foreign, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
        let r = try Self.seed(["--style", "report", "--zoom", "0", "--out", foreign], in: dir)
        #expect(r.status == 1 && r.stderr.contains("an MBTiles file from another tool"), "\(r.stderr)")

        let mine = "\(dir)/report.mbtiles"
        #expect(try Self.seed(["--style", "report", "--zoom", "0", "--out", mine], in: dir).status == 0)
        let other = try Self.seed(["--style", "situation-room", "--zoom", "0", "--out", mine], in: dir)
        #expect(other.status != 0 && other.stderr.contains("holds tiles of style 'report' at scale 1"), "\(other.stderr)")
    }
}
