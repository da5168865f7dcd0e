import Foundation
import GeoFormats
import Testing
import TestSupport

/// `bordermap demo-data`, read back by GDAL.
@Suite struct DemoDataCommandTests {
    static let core = ["AFG", "TJK", "UZB", "TKM", "KGZ", "KAZ"]

    @Test func geoJSONIsReadByOgrinfoAndLiesInCoreCountries() throws {
        let dir = try CommandLineTests.tempDir()
        let out = "\(dir)/demo.geojson"
        let r = try CommandLineTests.bordermap("demo-data", "--out", out, "--count", "500", "--seed", "7",
                                               "--data", CommandLineTests.shapefiles)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("500 synthetic incidents"))

        let info = try CommandLineTests.run("ogrinfo", ["-ro", "-so", "-al", out])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("Feature Count: 500"))
        #expect(info.stdout.contains("Geometry: Point"))
        for field in ["occurred_at: DateTime", "category: String", "substance: String", "quantity_kg: Real",
                      "agency: String", "border_post: String", "source: String", "synthetic: String"] {
            #expect(info.stdout.contains(field), "\(field)")
        }
        let labelled = try CommandLineTests.run("ogrinfo", ["-ro", "-q", out, "-sql",
            "SELECT COUNT(*) AS n FROM demo_incidents WHERE source = 'synthetic' AND synthetic = '1'"])
        #expect(labelled.stdout.contains("n (Integer) = 500"), "\(labelled.stdout)")
        let years = try CommandLineTests.run("ogrinfo", ["-ro", "-q", out, "-dialect", "SQLite", "-sql",
            "SELECT MIN(substr(occurred_at, 1, 4)) AS lo, MAX(substr(occurred_at, 1, 4)) AS hi FROM demo_incidents"])
        #expect(years.stdout.contains("lo (String) = 2021") && years.stdout.contains("hi (String) = 2025"), "\(years.stdout)")

        // GDAL clips the points to the core countries: none may be lost.
        let quoted = Self.core.map { "'\($0)'" }.joined(separator: ",")
        let clipped = "\(dir)/clipped.geojson"
        let clip = try CommandLineTests.run("ogr2ogr", ["-f", "GeoJSON", clipped, out,
            "-clipsrc", "\(CommandLineTests.shapefiles)/ca_admin0_countries.shp",
            "-clipsrcwhere", "ADM0_A3 IN (\(quoted))"])
        #expect(clip.status == 0, "\(clip.stderr)")
        let kept = try CommandLineTests.run("ogrinfo", ["-ro", "-so", "-al", clipped])
        #expect(kept.stdout.contains("Feature Count: 500"), "\(kept.stdout)")
    }

    @Test func csvUsesIncidentHeadersAndMatchesTheGeoJSON() throws {
        let dir = try CommandLineTests.tempDir()
        for ext in ["csv", "geojson"] {
            let r = try CommandLineTests.bordermap("demo-data", "--out", "\(dir)/demo.\(ext)", "--count", "50",
                                                   "--data", CommandLineTests.shapefiles)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let csv = try String(contentsOfFile: "\(dir)/demo.csv", encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 51)
        #expect(lines.first == "id,occurred_at,lon,lat,category,substance,quantity_kg,agency,border_post,source,synthetic,anchor,country")
        // GDAL reads the CSV's lon/lat columns as points equal to the GeoJSON's.
        let fromCSV = try CommandLineTests.run("ogrinfo", ["-ro", "-q", "-al", "\(dir)/demo.csv",
            "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-where", "id = 'demo-49'"])
        let fromJSON = try CommandLineTests.run("ogrinfo", ["-ro", "-q", "-al", "\(dir)/demo.geojson", "-where", "id = 'demo-49'"])
        func point(_ text: String) -> Substring? {
            text.split(separator: "\n").first { $0.contains("POINT (") }.map { $0.drop { $0 == " " } }
        }
        #expect(point(fromCSV.stdout) != nil)
        #expect(point(fromCSV.stdout) == point(fromJSON.stdout), "\(fromCSV.stdout)\n\(fromJSON.stdout)")
        #expect(fromCSV.stdout.contains("id (String) = demo-49"))
        // The incident table reader (what `bordermap import` uses) takes every row.
        let (records, rejections) = try IncidentTableReader(path: "\(dir)/demo.csv").readAll()
        #expect(rejections.isEmpty, "\(rejections)")
        #expect(records.count == 50)
        #expect(records.allSatisfy { $0.source == "synthetic" && $0.properties["synthetic"] == "1" && $0.id?.hasPrefix("demo-") == true })
        #expect(records.filter { $0.category == "seizure" }.allSatisfy { $0.substance != nil && ($0.quantityKg ?? 0) > 0 })
    }

    @Test func rejectsAnUnknownExtension() throws {
        let r = try CommandLineTests.bordermap("demo-data", "--out", "/tmp/demo.txt")
        #expect(r.status != 0)
        #expect(r.stderr.contains(".csv, .geojson or .sqlite"))
    }

    @Test func writesAnIncidentDatabaseOnce() throws {
        let dir = try CommandLineTests.tempDir()
        let db = "\(dir)/demo.sqlite"
        let first = try CommandLineTests.bordermap("demo-data", "--out", db, "--count", "40", "--data", CommandLineTests.shapefiles)
        #expect(first.status == 0 && first.stdout.contains("40 synthetic incidents stored, 0 already there"), "\(first.stdout) \(first.stderr)")
        let again = try CommandLineTests.bordermap("demo-data", "--out", db, "--count", "40", "--data", CommandLineTests.shapefiles)
        #expect(again.stdout.contains("0 synthetic incidents stored, 40 already there"), "\(again.stdout)")
        let count = try CommandLineTests.run("sqlite3", [db, "SELECT count(*), min(source), max(source) FROM incidents"])
        #expect(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "40|synthetic|synthetic", "\(count.stdout)")
    }
}
