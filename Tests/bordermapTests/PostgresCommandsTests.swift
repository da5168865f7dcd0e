import Foundation
import Testing
import TestSupport

/// `bordermap import`, `export` and `demo-data` with `--postgres`, against the real test
/// server (`PostgresTestServer`) and checked with psql and ogrinfo.
@Suite(.serialized, .enabled(if: PostgresTestServer.isInstalled, "needs postgresql-15 and postgresql-15-postgis-3 (see the warning printed)"))
struct PostgresCommandsTests {
    typealias CLI = CommandLineTests

    @Test func importIntoPostgresAndExportAgain() throws {
        let server = try PostgresTestServer.server()
        let db = try server.createDatabase()
        let dir = try CLI.tempDir()
        let file = "\(dir)/seizures.csv"
        try IncidentCommandsTests.csv.write(toFile: file, atomically: true, encoding: .utf8)
        let first = try CLI.bordermap("import", file, "--postgres", server.url(db))
        #expect(first.status == 3, "a rejected row gives exit status 3: \(first.stderr)")
        #expect(first.stdout.contains("read 4, stored 3, duplicates 0, rejected 1"), "\(first.stdout) \(first.stderr)")
        #expect(try server.psql(db, "SELECT count(*) FROM incidents") == "3")
        #expect(try server.psql(db, "SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' ' || ST_AsText(geom) FROM incidents WHERE border_post = 'Ак-Жол'")
                == "2024-03-05 14:30 POINT(74.59 42.87)")
        #expect(try server.psql(db, "SELECT properties ->> 'примечание' FROM incidents WHERE border_post = 'Ак-Жол'") == "в тайнике; \"двойное\" дно")
        // Again over the Unix socket: nothing new.
        let again = try CLI.bordermap("import", file, "--postgres", server.socketURL(db))
        #expect(again.stdout.contains("read 4, stored 0, duplicates 3, rejected 1"), "\(again.stdout) \(again.stderr)")
        #expect(try server.psql(db, "SELECT value FROM meta WHERE key = 'data_version'") == "1")

        let out = "\(dir)/out.geojson"
        let export = try CLI.bordermap("export", "--layer", "incidents", "--postgres", server.url(db), "--category", "изъятие",
                                       "--format", "geojson", "--out", out)
        #expect(export.status == 0, "\(export.stderr)")
        let info = try CLI.run("ogrinfo", ["-al", "-q", out]).stdout
        #expect(info.components(separatedBy: "OGRFeature(").count == 3, "\(info)")
        #expect(info.contains("border_post (String) = Ак-Жол"))
        #expect(info.contains("occurred_at (DateTime) = 2024/03/05 14:30:00+00"))
        #expect(info.contains("POINT (74.59 42.87)"))
        // The SQLite store gives the same export of the same file.
        let sqliteDB = "\(dir)/incidents.sqlite"
        _ = try CLI.bordermap("import", file, "--db", sqliteDB)
        _ = try CLI.bordermap("export", "--layer", "incidents", "--db", sqliteDB, "--category", "изъятие", "--format", "geojson", "--out", "\(dir)/sqlite.geojson")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == String(contentsOfFile: "\(dir)/sqlite.geojson", encoding: .utf8))
    }

    @Test func demoDataIntoPostgresThroughTheEnvironment() throws {
        let server = try PostgresTestServer.server()
        let db = try server.createDatabase()
        let r = try Tool.run([CLI.binary, "demo-data", "--count", "300", "--data", CLI.shapefiles],
                             environment: ["BORDERMAP_POSTGRES_URL": server.url(db)])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.output.contains("300 synthetic incidents stored"), "\(r.output)")
        #expect(try server.psql(db, "SELECT count(*) FROM incidents WHERE source = 'synthetic'") == "300")
    }

    @Test func storeOptionsAreCheckedWithClearErrors() throws {
        let both = try CLI.bordermap("export", "--layer", "incidents", "--db", "x.sqlite", "--postgres", "postgres://u@h/d",
                                     "--format", "geojson", "--out", "/tmp/x.geojson")
        #expect(both.status != 0)
        #expect(both.stderr.contains("--db and --postgres cannot be used together"), "\(both.stderr)")
        let bad = try CLI.bordermap("export", "--layer", "incidents", "--postgres", "mysql://u@h/d", "--format", "geojson", "--out", "/tmp/x.geojson")
        #expect(bad.stderr.contains("the scheme must be postgres://"), "\(bad.stderr)")
        let down = try CLI.bordermap("import", "/dev/null", "--format", "csv", "--postgres", "postgres://u@127.0.0.1:1/d")
        #expect(down.status != 0)
        #expect(down.stderr.contains("cannot connect to PostgreSQL at postgres://u@127.0.0.1:1/d"), "\(down.stderr)")
        let help = try CLI.bordermap("import", "--help")
        #expect(help.stdout.contains("--postgres <url>"))
    }

    /// `kill -9` in the middle of an import's transaction leaves none of the file's rows.
    @Test func anImportKilledHalfwayLeavesNothing() throws {
        let server = try PostgresTestServer.server()
        let db = try server.createDatabase()
        let dir = try CLI.tempDir()
        let csv = "\(dir)/demo.csv"
        let made = try CLI.bordermap("demo-data", "--out", csv, "--count", "60000", "--data", CLI.shapefiles)
        #expect(made.status == 0, "\(made.stderr)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["import", csv, "--postgres", server.url(db), "--data", CLI.shapefiles]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until the import's write transaction is copying into the staging table, then kill it.
        let open = """
            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND xact_start IS NOT NULL AND backend_type = 'client backend' AND query LIKE '%bm_incoming%'
            """
        var sawTransaction = false
        for _ in 0..<1200 where p.isRunning {
            if try server.psql(db, open) != "0" { sawTransaction = true; break }
            usleep(25_000)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(sawTransaction, "the import's transaction was seen open before the kill")
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(try server.psql(db, "SELECT count(*) FROM incidents") == "0")
        #expect(try server.psql(db, "SELECT value FROM meta WHERE key = 'data_version'") == "0")
        // The same file then imports whole.
        let whole = try CLI.bordermap("import", csv, "--postgres", server.url(db), "--data", CLI.shapefiles)
        let count = try server.psql(db, "SELECT count(*) FROM incidents")
        #expect((Int(count) ?? 0) > 55_000)
        #expect(whole.stdout.contains("stored \(count),"), "\(whole.stdout) \(whole.stderr)")
    }
}
