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

    /// `kill -9` at several moments of an import: the database then holds none or all of the
    /// file's rows, never a part, and a later import completes it.
    @Test func killedImportLeavesNoneOrAll() throws {
        let dir = try CLI.tempDir()
        let file = "\(dir)/big.csv"
        let n = 40_000
        var text = "id,date,lat,lon,category\n"
        for i in 0..<n { text += "R\(i),2024-01-\(String(format: "%02d", i % 28 + 1)) 10:\(String(format: "%02d", i % 60)),\(35 + Double(i % 1000) / 100),\(60 + Double(i / 1000) / 4),seizure\n" }
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        // An undisturbed run gives the duration to aim the kills at.
        let t0 = Date()
        let full = try CLI.bordermap("import", file, "--db", "\(dir)/full.sqlite")
        let duration = Date().timeIntervalSince(t0)
        #expect(full.stdout.contains("stored \(n)"), "\(full.stdout) \(full.stderr)")
        var outcomes: [String] = []
        for (k, fraction) in [0.5, 0.8, 0.9, 0.95, 0.99].enumerated() {
            let db = "\(dir)/killed\(k).sqlite"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLI.binary)
            p.arguments = ["import", file, "--db", db]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: duration * fraction)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            guard FileManager.default.fileExists(atPath: db) else { outcomes.append("no file"); continue }
            let count = try Self.sqlite3(db, "SELECT count(*) FROM incidents")
            outcomes.append(count)
            #expect(count == "0" || count == "\(n)" || count.isEmpty, "after kill at \(fraction): \(count) rows")
            #expect(try Self.sqlite3(db, "PRAGMA integrity_check") == "ok")
            let resumed = try CLI.bordermap("import", file, "--db", db)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(try Self.sqlite3(db, "SELECT count(*) FROM incidents") == "\(n)")
        }
        print("killed imports left row counts \(outcomes) (full run \(String(format: "%.2f", duration)) s)")
    }
}
