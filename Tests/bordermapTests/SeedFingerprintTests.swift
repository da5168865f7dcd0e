import Foundation
import Testing
import TestSupport

/// `bordermap seed` keys tiles by the fingerprint of the style, its data and font files and the
/// renderer version, as the tile server does: a run resumed after a data file changed keeps no
/// old tile.
@Suite(.serialized) struct SeedFingerprintTests {
    typealias CLI = CommandLineTests

    @Test func aSeedResumedAfterAShapefileEditRendersEveryTileAgain() throws {
        let dir = try CLI.tempDir()
        // The report style reads ../Shapefiles/… from its own folder: give it a copy of both.
        try FileManager.default.createDirectory(atPath: "\(dir)/styles", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(SeedCommandTests.styles)/report.json", toPath: "\(dir)/styles/report.json")
        try FileManager.default.copyItem(atPath: CLI.shapefiles, toPath: "\(dir)/Shapefiles")
        let out = "\(dir)/tj.mbtiles"
        let args = ["seed", "--styles", "\(dir)/styles", "--data", "\(dir)/Shapefiles", "--style", "report", "--zoom", "4-5",
                    "--bbox", "67,36.5,75,41", "--out", out]
        let expected = SeedCommandTests.tileCount(67, 36.5, 75, 41, zooms: 4...5)
        let first = try CLI.run(CLI.binary, args, in: dir)
        #expect(first.status == 0 && first.stdout.contains("rendered \(expected) tiles"), "\(first.stdout) \(first.stderr)")
        let fingerprint = try SeedCommandTests.sql(out, "SELECT value FROM metadata WHERE name = 'bordermap:fingerprint'")
        #expect(fingerprint.count == 1 && fingerprint.first?.count == 16, "\(fingerprint)")
        let again = try CLI.run(CLI.binary, args, in: dir)
        #expect(again.stdout.contains("rendered 0 tiles") && again.stdout.contains("skipped \(expected) already"), "\(again.stdout)")

        // The lakes' attribute table rewritten (same bytes, a later time, as an editor saving it).
        let dbf = "\(dir)/Shapefiles/ca_lakes.dbf"
        try Data(contentsOf: URL(fileURLWithPath: dbf)).write(to: URL(fileURLWithPath: dbf))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(3600)], ofItemAtPath: dbf)
        let resumed = try CLI.run(CLI.binary, args, in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("rendered \(expected) tiles") && resumed.stdout.contains("skipped 0"), "\(resumed.stdout)")
        #expect(resumed.stderr.contains("rendered again"), "\(resumed.stderr)")
        let now = try SeedCommandTests.sql(out, "SELECT value FROM metadata WHERE name = 'bordermap:fingerprint'")
        #expect(now.count == 1 && now != fingerprint)
        // Every tile row carries the new fingerprint (SQLite stores it as a signed 64-bit integer).
        let hashes = try SeedCommandTests.sql(out, "SELECT DISTINCT style_hash FROM map")
        let stored = now.first.flatMap { UInt64($0, radix: 16) }.map { String(Int64(bitPattern: $0)) }
        #expect(hashes.count == 1 && hashes.first == stored, "\(hashes) vs \(now)")
    }
}
