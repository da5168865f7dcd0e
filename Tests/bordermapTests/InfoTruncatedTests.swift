import Foundation
import Testing
import TestSupport

/// `bordermap info` on a shapefile cut short with `head -c`: the summary says the file is
/// shorter than its header declares, counts the readable records ((size − 100) / 28 for these
/// 28-byte point records, by hand) and the exit status is 3; the intact file still exits 0.
@Suite struct InfoTruncatedTests {
    @Test func infoSaysATruncatedShapefileIsShorterThanItsHeaderAndExitsThree() throws {
        let dir = try CommandLineTests.tempDir()
        for ext in ["shx", "dbf", "prj", "cpg"] where FileManager.default.fileExists(atPath: "\(CommandLineTests.shapefiles)/ca_populated_places.\(ext)") {
            try FileManager.default.copyItem(atPath: "\(CommandLineTests.shapefiles)/ca_populated_places.\(ext)", toPath: "\(dir)/places.\(ext)")
        }
        let cut = try Tool.run(["sh", "-c", "head -c 28100 \"$0\" > \"$1\"", "\(CommandLineTests.shapefiles)/ca_populated_places.shp", "\(dir)/places.shp"])
        #expect(cut.status == 0, "\(cut.stderr)")
        let r = try CommandLineTests.bordermap("info", "\(dir)/places.shp")
        #expect(r.status == 3, "stdout: \(r.stdout)\nstderr: \(r.stderr)")
        #expect(r.stdout.contains("Features: 1000 readable of 8475 listed (the file is truncated)"), "\(r.stdout)")
        #expect(r.stdout.contains("Warning: \(dir)/places.shp is 28100 bytes but its header declares 237400: the file is shorter than its header declares"),
                "\(r.stdout)")
        #expect(r.stdout.contains("Warning: 7475 of the 8475 records the index lists lie past the end"), "\(r.stdout)")

        let intact = try CommandLineTests.bordermap("info", "\(CommandLineTests.shapefiles)/ca_populated_places.shp")
        #expect(intact.status == 0, "\(intact.stderr)")
        #expect(!intact.stdout.contains("shorter than its header"))
    }
}
