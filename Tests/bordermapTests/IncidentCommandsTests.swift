import Foundation
import Testing

/// `bordermap import` and `bordermap export`, checked with the sqlite3 shell and GDAL's ogrinfo.
@Suite(.serialized) struct IncidentCommandsTests {
    typealias CLI = CommandLineTests

    static func sqlite3(_ db: String, _ sql: String) throws -> String {
        try CLI.run("sqlite3", [db, sql]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let csv = """
        дата;широта;долгота;категория;вещество;количество_кг;пост;примечание
        05.03.2024 14:30;42,87;74,59;изъятие;героин;1,5;Ак-Жол;"в тайнике; ""двойное"" дно"
        2024-03-06;95;74,6;изъятие;опий;2;Торугарт;
        07.03.2024;41,5;72,1;задержание;;;Ош;
        12.11.2023;40,1;70,9;изъятие;гашиш;0,25;Ош;

        """

    @Test func importStoresGoodRowsRejectsBadOnesAndDoesNotDuplicate() throws {
        let dir = try CLI.tempDir()
        let file = "\(dir)/seizures.csv", db = "\(dir)/incidents.sqlite"
        try Self.csv.write(toFile: file, atomically: true, encoding: .utf8)
        let first = try CLI.bordermap("import", file, "--db", db)
        #expect(first.status == 3, "a rejected row gives exit status 3: \(first.stderr)")
        #expect(first.stdout.contains("read 4, stored 3, duplicates 0, rejected 1"), "\(first.stdout)")
        #expect(try Self.sqlite3(db, "SELECT count(*) FROM incidents") == "3")
        #expect(try Self.sqlite3(db, "SELECT category FROM incidents WHERE border_post = 'Ак-Жол'") == "изъятие")
        #expect(try Self.sqlite3(db, "SELECT datetime(occurred_at, 'unixepoch') FROM incidents WHERE border_post = 'Ак-Жол'")
                == "2024-03-05 14:30:00")
        #expect(try Self.sqlite3(db, "SELECT json_extract(properties, '$.примечание') FROM incidents WHERE border_post = 'Ак-Жол'")
                == "в тайнике; \"двойное\" дно")
        let rejects = try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8)
        #expect(rejects.hasPrefix("row,reason,дата,широта"))
        #expect(rejects.contains("3,latitude and longitude look swapped,2024-03-06,95,\"74,6\",изъятие,опий,2,Торугарт,"))
        let again = try CLI.bordermap("import", file, "--db", db)
        #expect(again.stdout.contains("read 4, stored 0, duplicates 3, rejected 1"), "\(again.stdout)")
        #expect(try Self.sqlite3(db, "SELECT count(*) FROM incidents") == "3")
    }

    /// PostgreSQL text cannot hold U+0000 while SQLite can: the row is rejected, by number, before
    /// either backend sees it, and the other rows load.
    @Test func aNULCharacterInACellRejectsThatRowOnly() throws {
        let dir = try CLI.tempDir()
        let file = "\(dir)/nul.csv", db = "\(dir)/incidents.sqlite"
        try "date,lat,lon,category,note\n2024-03-05,41.3,69.2,seizure,ok\n2024-03-06,41.4,69.3,seizure,bad\u{0}byte\n2024-03-07,41.5,69.4,detention,\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let r = try CLI.bordermap("import", file, "--db", db)
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stdout.contains("read 3, stored 2, duplicates 0, rejected 1"), "\(r.stdout)")
        #expect(r.stderr.contains("row 3: column note holds a NUL character"), "\(r.stderr)")
        #expect(try Self.sqlite3(db, "SELECT count(*) FROM incidents") == "2")
    }

    /// In Central Asia both orders of a coordinate pair are in range, so only the country
    /// polygons can tell that lat/lon were swapped.
    @Test func importCatchesSwappedCoordinatesByCountryPolygons() throws {
        let dir = try CLI.tempDir()
        let file = "\(dir)/swapped.csv", db = "\(dir)/incidents.sqlite"
        try """
            date,lat,lon,category
            2024-05-01,41.31,69.28,seizure
            2024-05-02,69.28,41.31,seizure
            2024-05-03,25.0,25.0,seizure

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try CLI.bordermap("import", file, "--db", db, "--data", CLI.shapefiles)
        #expect(r.status == 3)
        #expect(r.stdout.contains("read 3, stored 2, duplicates 0, rejected 1"), "\(r.stdout) \(r.stderr)")
        let rejects = try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8)
        #expect(rejects.contains("3,latitude and longitude look swapped,2024-05-02,69.28,41.31"), "\(rejects)")
        // Outside every country either way round: not evidently swapped, so it is kept.
        #expect(try Self.sqlite3(db, "SELECT count(*) FROM incidents WHERE lat = 25.0") == "1")
        let noData = try CLI.bordermap("import", file, "--db", "\(dir)/other.sqlite", "--data", "\(dir)/nowhere")
        #expect(noData.stderr.contains("only caught when out of range"), "\(noData.stderr)")
        #expect(noData.stdout.contains("stored 3"), "\(noData.stdout)")
    }

    @Test func exportsOpenInGDALWithTypesAndCyrillic() throws {
        let dir = try CLI.tempDir()
        let file = "\(dir)/seizures.csv", db = "\(dir)/incidents.sqlite"
        try Self.csv.write(toFile: file, atomically: true, encoding: .utf8)
        _ = try CLI.bordermap("import", file, "--db", db)
        let filters = ["--bbox", "70,40,75,43", "--from", "2024-01-01", "--to", "2025-01-01", "--category", "изъятие"]

        let gj = try CLI.run(CLI.binary, ["export", "--layer", "incidents", "--db", db] + filters + ["--format", "geojson", "--out", "\(dir)/out.geojson"])
        #expect(gj.status == 0, "\(gj.stderr)")
        let gjInfo = try CLI.run("ogrinfo", ["-al", "-q", "\(dir)/out.geojson"]).stdout
        #expect(gjInfo.contains("Feature Count: 1") || gjInfo.components(separatedBy: "OGRFeature(").count == 2, "\(gjInfo)")
        #expect(gjInfo.contains("border_post (String) = Ак-Жол"))
        #expect(gjInfo.contains("occurred_at (DateTime) = 2024/03/05 14:30:00+00"))
        #expect(gjInfo.contains("date (Date) = 2024/03/05"))
        #expect(gjInfo.contains("quantity_kg (Real) = 1.5"))
        #expect(gjInfo.contains("POINT (74.59 42.87)"))

        let shp = try CLI.run(CLI.binary, ["export", "--layer", "incidents", "--db", db, "--format", "shp", "--out", "\(dir)/out.shp"])
        #expect(shp.status == 0, "\(shp.stderr)")
        let shpInfo = try CLI.run("ogrinfo", ["-al", "\(dir)/out.shp"]).stdout
        #expect(shpInfo.contains("Feature Count: 3"))
        #expect(shpInfo.contains("date: Date (10.0)"))
        #expect(shpInfo.contains("quantity_k: Real"))
        #expect(shpInfo.contains("category (String) = задержание"))
        #expect(shpInfo.contains("date (Date) = 2023/11/12"))

        let esri = try CLI.run(CLI.binary, ["export", "--layer", "incidents", "--db", db, "--substance", "героин", "--format", "esrijson", "--out", "\(dir)/out.json"])
        #expect(esri.status == 0, "\(esri.stderr)")
        let esriInfo = try CLI.run("ogrinfo", ["-al", "-q", "\(dir)/out.json"]).stdout
        #expect(esriInfo.contains("substance (String) = героин"), "\(esriInfo)")
        #expect(esriInfo.contains("POINT (74.59 42.87)"))
        // GDAL 3.6 reads esriFieldTypeDate as text: the epoch milliseconds of 2024-03-05 00:00 UTC.
        #expect(esriInfo.contains("date (String) = 1709596800000"))
        let json = try String(contentsOfFile: "\(dir)/out.json", encoding: .utf8)
        #expect(json.contains(#"{"name":"date","type":"esriFieldTypeDate""#))
    }

    static let xlsxFixture = CLI.repo.appendingPathComponent("Tests/GeoFormatsTests/Fixtures/xlsx/incidents.xlsx").path

    /// Rows and rejections as the fixture's generator (openpyxl, make_fixtures.py) recorded them.
    @Test func importsXLSXSheets() throws {
        let dir = try CLI.tempDir()
        let file = "\(dir)/journal.xlsx", db = "\(dir)/incidents.sqlite"
        try FileManager.default.copyItem(atPath: Self.xlsxFixture, toPath: file)
        let first = try CLI.bordermap("import", file, "--db", db)
        #expect(first.status == 3, "\(first.stderr)")
        #expect(first.stdout.contains("read 9, stored 5, duplicates 0, rejected 4"), "\(first.stdout) \(first.stderr)")
        #expect(try Self.sqlite3(db, "SELECT group_concat(id, ' ') FROM (SELECT id FROM incidents ORDER BY id)") == "INC-1 INC-2 INC-3 INC-4 INC-7")
        #expect(try Self.sqlite3(db, "SELECT datetime(occurred_at, 'unixepoch'), lat, lon, quantity_kg, border_post, json_extract(properties, '$.note') FROM incidents WHERE id = 'INC-1'")
                == "2024-03-05 14:30:00|41.311|69.279|12.5|Oybek|first")
        let rejects = try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8).components(separatedBy: "\r\n")
        #expect(rejects.first?.hasPrefix("row,reason,") == true)
        #expect(rejects.dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) } == ["7", "8", "10", "12"])
        #expect(rejects.contains { $0.hasPrefix("8,missing date,") }, "\(rejects)")
        let again = try CLI.bordermap("import", file, "--db", db)
        #expect(again.stdout.contains("read 9, stored 0, duplicates 5, rejected 4"), "\(again.stdout)")

        let russian = try CLI.bordermap("import", file, "--db", "\(dir)/ru.sqlite", "--sheet", "Инциденты")
        #expect(russian.status == 0, "\(russian.stderr)")
        #expect(russian.stdout.contains("read 3, stored 3, duplicates 0, rejected 0"), "\(russian.stdout)")
        #expect(try Self.sqlite3("\(dir)/ru.sqlite", "SELECT group_concat(category, ' ') FROM (SELECT category FROM incidents ORDER BY occurred_at)")
                == "изъятие задержание изъятие")
        #expect(!FileManager.default.fileExists(atPath: file + ".rejects.csv"), "a clean import removes stale rejects")
        let byNumber = try CLI.bordermap("import", file, "--db", "\(dir)/ru2.sqlite", "--sheet", "2", "--format", "xlsx")
        #expect(byNumber.stdout.contains("read 3, stored 3"), "\(byNumber.stdout) \(byNumber.stderr)")
        // On a terminal the progress line counts the first sheet's XML, 3785 bytes uncompressed
        // as `unzip -l` lists xl/worksheets/sheet1.xml.
        let pty = try CLI.run("script", ["-qec", "'\(CLI.binary)' import '\(file)' --db '\(dir)/pty.sqlite'", "/dev/null"])
        #expect(pty.stdout.contains("\rreading \(file) (bytes of sheet XML) 100% 3785/3785"), "\(pty.stdout)")
        let listing = try CLI.run("unzip", ["-l", file]).stdout
        #expect(listing.contains("3785") && listing.contains("xl/worksheets/sheet1.xml"), "\(listing)")
    }

    /// Russian property names, a line feature, a bad date, and a `широта` property that the
    /// geometry overrides.
    @Test func importsGeoJSONPointsAndRejectsOtherGeometries() throws {
        let dir = try CLI.tempDir()
        let file = "\(dir)/точки.geojson", db = "\(dir)/incidents.sqlite"
        func feature(_ geometry: String, _ properties: String) -> String {
            #"{"type":"Feature","geometry":\#(geometry),"properties":{\#(properties)}}"#
        }
        let features = [
            feature(#"{"type":"Point","coordinates":[74.59,42.87]}"#,
                    #""дата":"05.03.2024 14:30","категория":"изъятие","вещество":"героин","количество_кг":1.5,"пост":"Ак-Жол","примечание":"в тайнике""#),
            feature(#"{"type":"Point","coordinates":[69.28,41.31]}"#,
                    #""дата":"2024-03-06","категория":"задержание","вещество":null,"количество_кг":2,"пост":"Ойбек","широта":10"#),
            feature(#"{"type":"LineString","coordinates":[[70,40],[71,41]]}"#, #""дата":"2024-03-07","категория":"изъятие""#),
            feature(#"{"type":"Point","coordinates":[71.0,40.5]}"#, #""дата":"31.02.2024","категория":"изъятие""#),
            feature("null", #""дата":"2024-03-08","категория":"изъятие""#),
        ]
        try #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#.write(toFile: file, atomically: true, encoding: .utf8)
        let first = try CLI.bordermap("import", file, "--db", db)
        #expect(first.status == 3)
        #expect(first.stdout.contains("read 5, stored 2, duplicates 0, rejected 3"), "\(first.stdout) \(first.stderr)")
        #expect(try Self.sqlite3(db, "SELECT lon, lat, datetime(occurred_at, 'unixepoch'), category, substance, quantity_kg, json_extract(properties, '$.примечание') FROM incidents WHERE border_post = 'Ак-Жол'")
                == "74.59|42.87|2024-03-05 14:30:00|изъятие|героин|1.5|в тайнике")
        #expect(try Self.sqlite3(db, "SELECT lon, lat, quantity_kg, substance IS NULL, json_extract(properties, '$.широта') FROM incidents WHERE border_post = 'Ойбек'")
                == "69.28|41.31|2.0|1|10")
        let rejects = try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8).components(separatedBy: "\r\n")
        #expect(rejects.first?.hasPrefix("feature,reason,lon (geometry),lat (geometry),") == true, "\(rejects)")
        #expect(rejects.contains { $0.hasPrefix("3,geometry is a LineString; only points can be imported as incidents,,,") }, "\(rejects)")
        #expect(rejects.contains { $0.hasPrefix("4,date: ") && $0.contains(",71,40.5,") }, "\(rejects)")
        #expect(rejects.contains { $0.hasPrefix("5,feature has no geometry,") }, "\(rejects)")
        let again = try CLI.bordermap("import", file, "--db", db)
        #expect(again.stdout.contains("read 5, stored 0, duplicates 2, rejected 3"), "\(again.stdout)")
        #expect(!again.stderr.contains("\r"), "no progress line when stderr is not a terminal")
        // Any extension, with --format; on a terminal (script(1) gives it one) a progress line.
        try FileManager.default.copyItem(atPath: file, toPath: "\(dir)/points.txt")
        let pty = try CLI.run("script", ["-qec", "'\(CLI.binary)' import --format geojson '\(dir)/points.txt' --db '\(dir)/txt.sqlite'", "/dev/null"])
        #expect(pty.stdout.contains("read 5, stored 2, duplicates 0, rejected 3"), "\(pty.stdout)")
        #expect(pty.stdout.contains("\rreading \(dir)/points.txt (features) 20% 1/5"), "\(pty.stdout)")
        #expect(pty.stdout.contains("\r\u{1B}[K"), "the progress line is cleared")
    }

    /// Demo data as GeoJSON, as a shapefile (10-character names) and reprojected to UTM 42N by
    /// ogr2ogr: all three store the same incidents, at the places GDAL reads from the GeoJSON.
    @Test func importsShapefilesInAnyCRS() throws {
        let dir = try CLI.tempDir()
        let demo = try CLI.bordermap("demo-data", "--out", "\(dir)/demo.geojson", "--count", "300", "--data", CLI.shapefiles)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(try CLI.bordermap("convert", "\(dir)/demo.geojson", "\(dir)/demo.shp").status == 0)
        let utm = try CLI.run("ogr2ogr", ["-t_srs", "EPSG:32642", "-lco", "ENCODING=UTF-8", "\(dir)/utm.shp", "\(dir)/demo.shp"])
        #expect(utm.status == 0, "\(utm.stderr)")
        for name in ["demo.geojson", "demo.shp", "utm.shp"] {
            let r = try CLI.bordermap("import", "\(dir)/\(name)", "--db", "\(dir)/\(name).sqlite")
            #expect(r.status == 0, "\(name): \(r.stderr)")
            #expect(r.stdout.contains("read 300, stored 300, duplicates 0, rejected 0"), "\(name): \(r.stdout)")
        }
        let same = """
            ATTACH '\(dir)/demo.geojson.sqlite' AS g; SELECT count(*) FROM incidents a JOIN g.incidents b USING (id)
            WHERE abs(a.lon - b.lon) < 1e-7 AND abs(a.lat - b.lat) < 1e-7 AND a.occurred_at = b.occurred_at
            AND a.quantity_kg IS b.quantity_kg AND a.border_post IS b.border_post AND a.category IS b.category
            AND a.substance IS b.substance AND a.properties = b.properties
            """
        #expect(try Self.sqlite3("\(dir)/demo.shp.sqlite", same) == "300")
        #expect(try Self.sqlite3("\(dir)/utm.shp.sqlite", same) == "300")
        let gdal = try CLI.run("ogrinfo", ["-al", "-q", "\(dir)/demo.geojson", "-where", "id = 'demo-0'"]).stdout
        let pointText = try #require(gdal.range(of: "POINT (").map { gdal[$0.upperBound...].prefix { $0 != ")" } })
        let point = pointText.split(separator: " ").compactMap { Double($0) }
        try #require(point.count == 2, "\(gdal)")
        let stored = try Self.sqlite3("\(dir)/utm.shp.sqlite", "SELECT lon, lat, strftime('%Y/%m/%d %H:%M', occurred_at, 'unixepoch') FROM incidents WHERE id = 'demo-0'")
            .split(separator: "|").map(String.init)
        #expect(abs((Double(stored[0]) ?? 0) - point[0]) < 1e-7 && abs((Double(stored[1]) ?? 0) - point[1]) < 1e-7, "\(stored) vs \(point)")
        #expect(gdal.contains("occurred_at (DateTime) = \(stored[2])"), "\(gdal)")
    }

    /// GDAL cuts Russian DBF names to 10 bytes (`колич` for `количество_кг`); a polygon layer
    /// is rejected feature by feature.
    @Test func importsShapefilesWithCutRussianNamesAndRejectsPolygons() throws {
        let dir = try CLI.tempDir()
        let source = "\(dir)/ru.geojson", db = "\(dir)/incidents.sqlite"
        try #"""
            {"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[74.59,42.87]},"properties":{"дата":"05.03.2024 14:30","категория":"изъятие","количество_кг":1.5,"погранпост":"Ак-Жол"}},
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[70,40],[71,40],[71,41],[70,40]]]},"properties":{"дата":"2024-03-06","категория":"изъятие","количество_кг":2,"погранпост":"Ош"}},
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[72,40],[73,40],[73,41],[72,40]]]},"properties":{"дата":"2024-03-07","категория":"задержание","количество_кг":null,"погранпост":"Ош"}}]}
            """#.write(toFile: source, atomically: true, encoding: .utf8)
        for (name, type) in [("points", "POINT"), ("areas", "POLYGON")] {
            let r = try CLI.run("ogr2ogr", ["-lco", "ENCODING=UTF-8", "-nlt", type, "-where", "OGR_GEOMETRY='\(type)'", "\(dir)/\(name).shp", source])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try CLI.run("ogrinfo", ["-so", "\(dir)/points.shp", "points"]).stdout.contains("колич: Real"))
        let points = try CLI.bordermap("import", "\(dir)/points.shp", "--db", db)
        #expect(points.stdout.contains("read 1, stored 1, duplicates 0, rejected 0"), "\(points.stdout) \(points.stderr)")
        #expect(try Self.sqlite3(db, "SELECT lon, lat, datetime(occurred_at, 'unixepoch'), category, quantity_kg, border_post, properties FROM incidents")
                == "74.59|42.87|2024-03-05 14:30:00|изъятие|1.5|Ак-Жол|{}")
        let areas = try CLI.bordermap("import", "\(dir)/areas.shp", "--db", db)
        #expect(areas.status == 3)
        #expect(areas.stdout.contains("read 2, stored 0, duplicates 0, rejected 2"), "\(areas.stdout) \(areas.stderr)")
        let rejects = try String(contentsOfFile: "\(dir)/areas.shp.rejects.csv", encoding: .utf8).components(separatedBy: "\r\n")
        #expect(rejects.prefix(3) == ["feature,reason,lon (geometry),lat (geometry),дата,катег,колич,погра",
                                      "1,geometry is a Polygon; only points can be imported as incidents,,,2024-03-06,изъятие,2,Ош",
                                      "2,geometry is a Polygon; only points can be imported as incidents,,,2024-03-07,задержание,,Ош"])
    }

    @Test func exportsAGeoPackage() throws {
        let dir = try CLI.tempDir()
        let file = "\(dir)/seizures.csv", db = "\(dir)/incidents.sqlite", out = "\(dir)/out.gpkg"
        try Self.csv.write(toFile: file, atomically: true, encoding: .utf8)
        _ = try CLI.bordermap("import", file, "--db", db)
        let r = try CLI.bordermap("export", "--layer", "incidents", "--db", db, "--format", "gpkg", "--out", out)
        #expect(r.status == 0 && r.stdout.contains("wrote 3 incidents as gpkg"), "\(r.stdout) \(r.stderr)")
        let info = try CLI.run("ogrinfo", ["-al", out])
        #expect(info.status == 0 && info.stderr.isEmpty, "GDAL warns: \(info.stderr)")
        for line in ["Geometry: Point", "Feature Count: 3", "occurred_at: DateTime", "date: Date", "quantity_kg: Real",
                     "border_post: String", "category: String", #"ID["EPSG",4326]"#,
                     "border_post (String) = Ак-Жол", "occurred_at (DateTime) = 2024/03/05 14:30:00+00", "date (Date) = 2024/03/05",
                     "quantity_kg (Real) = 1.5", "POINT (74.59 42.87)", "category (String) = задержание",
                     "date (Date) = 2023/11/12", #"properties (String) = {"примечание":"в тайнике; \"двойное\" дно"}"#] {
            #expect(info.stdout.contains(line), "missing '\(line)'")
        }
        let validator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"  // python3-gdal, from make setup
        let valid = try CLI.run("/usr/bin/python3", [validator, "--extra", "--warning-as-error", out])
        #expect(valid.status == 0, "validate_gpkg.py: \(valid.stdout) \(valid.stderr)")
        let check = try CLI.run("ogrinfo", ["-q", out, "-sql", "SELECT count(*) AS n FROM incidents WHERE substance = 'гашиш' AND date = '2023-11-12'"])
        #expect(check.stdout.contains("n (Integer) = 1"), "\(check.stdout) \(check.stderr)")
        let filtered = try CLI.bordermap("export", "--layer", "incidents", "--db", db, "--category", "изъятие", "--from", "2024-01-01",
                                         "--format", "gpkg", "--out", out)
        #expect(filtered.stdout.contains("wrote 1 incidents"), "\(filtered.stdout)")
        #expect(try CLI.run("ogrinfo", ["-so", "-al", out]).stdout.contains("Feature Count: 1"))
    }

    /// `kill -9` inside an import's open write transaction, as the PostgreSQL test does: the
    /// import is frozen (SIGSTOP) for each look, and killed only when the sqlite3 shell, in
    /// another process, finds the write lock taken while the committed schema is complete and
    /// holds no rows (after the migrations, the insert's transaction is the only one an import
    /// opens); otherwise it goes on (SIGCONT). Killed at the first such look and at a later one.
    /// Afterwards the file holds none of the rows (the transaction is rolled back when the file
    /// is next opened), passes `PRAGMA integrity_check`, and a new import stores them all.
    @Test func importKilledInsideItsTransactionLeavesNone() throws {
        let dir = try CLI.tempDir()
        let file = "\(dir)/big.csv"
        let n = 10_000
        var text = "id,date,lat,lon,category\n"
        for i in 0..<n { text += "R\(i),2024-01-\(String(format: "%02d", i % 28 + 1)) 10:\(String(format: "%02d", i % 60)),\(35 + Double(i % 1000) / 100),\(60 + Double(i / 1000) / 4),seizure\n" }
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        // The final schema version, from a database the import made undisturbed.
        try "date,lat,lon\n2024-01-01,40,70\n".write(toFile: "\(dir)/one.csv", atomically: true, encoding: .utf8)
        let one = try CLI.bordermap("import", "\(dir)/one.csv", "--db", "\(dir)/one.sqlite")
        #expect(one.status == 0, "\(one.stderr)")
        let schema = try Self.sqlite3("\(dir)/one.sqlite", "SELECT value FROM meta WHERE key = 'schema_version'")
        for (k, look) in [1, 6].enumerated() {
            let db = "\(dir)/killed\(k).sqlite"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLI.binary)
            p.arguments = ["import", file, "--db", db]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            var looksInside = 0, looks = 0
            while p.isRunning, looks < 2000 {
                looks += 1
                kill(p.processIdentifier, SIGSTOP)
                if try Self.insideImportTransaction(db, schema: schema) {
                    looksInside += 1
                    if looksInside == look {
                        kill(p.processIdentifier, SIGKILL)
                        break
                    }
                }
                kill(p.processIdentifier, SIGCONT)
                usleep(20_000)
            }
            p.waitUntilExit()
            #expect(looksInside == look, "kill \(k): the open transaction was seen \(looksInside) times, not \(look), in \(looks) looks")
            #expect(p.terminationReason == .uncaughtSignal, "kill \(k): the import was not killed (it finished)")
            #expect(try Self.sqlite3(db, "SELECT count(*) FROM incidents") == "0", "kill \(k): rows of a killed transaction")
            #expect(try Self.sqlite3(db, "SELECT value FROM meta WHERE key = 'data_version'") == "0")
            #expect(try Self.sqlite3(db, "PRAGMA integrity_check") == "ok")
            let again = try CLI.bordermap("import", file, "--db", db)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains("stored \(n)"), "\(again.stdout)")
            #expect(try Self.sqlite3(db, "SELECT count(*) FROM incidents") == "\(n)")
        }
    }

    /// Whether a (stopped) import holds the write lock of `db` while its committed state has
    /// the complete schema (`schema`: the final schema version) and no rows: the sqlite3 shell
    /// cannot `BEGIN IMMEDIATE` at once, but reads 0 incidents and data version 0.
    static func insideImportTransaction(_ db: String, schema: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: db) else { return false }  // (the shell would create it)
        let committed = try CLI.run("sqlite3", ["-cmd", ".timeout 2000", db,
            "SELECT (SELECT value FROM meta WHERE key = 'schema_version') || ' ' || (SELECT value FROM meta WHERE key = 'data_version') || ' ' || (SELECT count(*) FROM incidents)"])
        guard committed.status == 0, committed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(schema) 0 0" else { return false }
        let lock = try CLI.run("sqlite3", ["-cmd", ".timeout 0", db, "BEGIN IMMEDIATE; ROLLBACK;"])
        return lock.status != 0 && lock.stderr.contains("database is locked")
    }
}
