import Foundation
import Testing
import TestSupport

/// `bordermap import --id-column` and the report of rows repeated within one file, for both
/// backends, checked with the sqlite3 shell and psql.
@Suite(.serialized) struct ImportIDColumnTests {
    typealias CLI = CommandLineTests

    static let export = """
        case_no,date,lat,lon,category,quantity_kg
        KG-17,2024-03-05,42.87,74.59,seizure,1.5
        KG-18,2024-03-06,41.5,72.1,detention,
        KG-19,2024-03-07,40.1,70.9,seizure,0.25

        """
    /// The same incidents re-exported: other delimiter, column order, date and number formats.
    static let reexport = """
        category;case_no;quantity_kg;lon;lat;date
        seizure;KG-17;1,50;74,590;42,870;05.03.2024
        detention;KG-18;;72,10;41,50;06.03.2024
        seizure;KG-19;0,250;70,90;40,10;07.03.2024

        """
    /// Rows 2 and 4 identical, row 5 identical to row 3.
    static let repeated = """
        date,lat,lon,category
        2024-03-05,42.87,74.59,seizure
        2024-03-06,41.5,72.1,detention
        2024-03-05,42.87,74.59,seizure
        2024-03-06,41.5,72.1,detention
        2024-03-07,40.1,70.9,seizure

        """

    enum Backend: CaseIterable { case sqlite, postgres }
    static var backends: [Backend] { PostgresTestServer.isInstalled ? Backend.allCases : [.sqlite] }

    /// `--db FILE` or `--postgres URL` of a new database, and a function counting its incidents.
    static func database(_ backend: Backend, dir: String) throws -> (args: [String], count: () throws -> String) {
        switch backend {
        case .sqlite:
            let db = "\(dir)/incidents.sqlite"
            return (["--db", db], { try IncidentCommandsTests.sqlite3(db, "SELECT count(*) FROM incidents") })
        case .postgres:
            let server = try PostgresTestServer.server()
            let db = try server.createDatabase()
            return (["--postgres", server.url(db)], { try server.psql(db, "SELECT count(*) FROM incidents") })
        }
    }

    @Test(arguments: backends) func aReformattedReExportImportsOnceWithAnIDColumn(_ backend: Backend) throws {
        let dir = try CLI.tempDir()
        try Self.export.write(toFile: "\(dir)/export.csv", atomically: true, encoding: .utf8)
        try Self.reexport.write(toFile: "\(dir)/reexport.csv", atomically: true, encoding: .utf8)
        let (db, count) = try Self.database(backend, dir: dir)
        let first = try CLI.bordermap(["import", "\(dir)/export.csv", "--id-column", "case_no"] + db)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("read 3, stored 3, duplicates 0, rejected 0, repeated 0"), "\(first.stdout)")
        let again = try CLI.bordermap(["import", "\(dir)/reexport.csv", "--id-column", "case_no"] + db)
        #expect(again.stdout.contains("read 3, stored 0, duplicates 3, rejected 0, repeated 0"), "\(again.stdout) \(again.stderr)")
        #expect(try count() == "3")
        // Keyed by content, as before, the re-export would be stored a second time.
        let (other, otherCount) = try Self.database(backend, dir: try CLI.tempDir())
        _ = try CLI.bordermap(["import", "\(dir)/export.csv"] + other)
        let twice = try CLI.bordermap(["import", "\(dir)/reexport.csv"] + other)
        #expect(twice.stdout.contains("stored 3, duplicates 0"), "\(twice.stdout)")
        #expect(try otherCount() == "6")
    }

    @Test(arguments: backends) func identicalRowsOfOneFileAreReportedWithTheirRowNumbers(_ backend: Backend) throws {
        let dir = try CLI.tempDir()
        let file = "\(dir)/repeated.csv"
        try Self.repeated.write(toFile: file, atomically: true, encoding: .utf8)
        let (db, count) = try Self.database(backend, dir: dir)
        let r = try CLI.bordermap(["import", file] + db)
        #expect(r.status == 0, "repeated rows alone are warnings: \(r.stderr)")
        #expect(r.stdout.contains("read 5, stored 3, duplicates 0, rejected 0, repeated 2"), "\(r.stdout)")
        #expect(r.stderr.contains("repeated: \(file): row 4: repeats row 2 (identical cells): stored once"), "\(r.stderr)")
        #expect(r.stderr.contains("repeated: \(file): row 5: repeats row 3 (identical cells): stored once"), "\(r.stderr)")
        let rejects = try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8)
        #expect(rejects == "row,reason,date,lat,lon,category\r\n"
                + "4,repeats row 2 (identical cells): stored once,2024-03-05,42.87,74.59,seizure\r\n"
                + "5,repeats row 3 (identical cells): stored once,2024-03-06,41.5,72.1,detention\r\n")
        #expect(try count() == "3")
    }

    @Test(arguments: backends) func theSameIDWithOtherValuesIsRejected(_ backend: Backend) throws {
        let dir = try CLI.tempDir()
        let file = "\(dir)/ids.csv"
        try "case_no,date,lat,lon,category\nA1,2024-03-05,42.87,74.59,seizure\nA1,2024-03-05,42.87,74.59,detention\nA1,05.03.2024,42.870,74.59,seizure\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let (db, count) = try Self.database(backend, dir: dir)
        let r = try CLI.bordermap(["import", file, "--id-column", "case_no"] + db)
        #expect(r.status == 3, "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("read 3, stored 1, duplicates 0, rejected 1, repeated 1"), "\(r.stdout)")
        #expect(r.stderr.contains("rejected: \(file): row 3: id 'A1' is also on row 2, with other values: only that one is stored"), "\(r.stderr)")
        #expect(r.stderr.contains("repeated: \(file): row 4: repeats row 2 (the same id and values): stored once"), "\(r.stderr)")
        #expect(try count() == "1")
    }
}
