import Foundation
import GeoCore
import Testing
@testable import IncidentStore

/// ISO 8601 text and unix seconds to GeoPackage DATETIME text. Hand-checked cases, and a
/// seeded sweep compared with GNU `date -u` (an independent calendar implementation).
@Suite("GeoPackage date-times")
struct GeoPackageDateTimeTests {
    @Test("ISO 8601 forms normalise to UTC with milliseconds", arguments: [
        ("2024-03-05T12:34:56.789+05:00", "2024-03-05T07:34:56.789Z"),
        ("2024-03-05T12:34:56Z", "2024-03-05T12:34:56.000Z"),
        ("2023-12-31 23:59:59", "2023-12-31T23:59:59.000Z"),
        ("2024-01-01T02:30-0600", "2024-01-01T08:30:00.000Z"),
        ("2024-03-01T01:00:00+03", "2024-02-29T22:00:00.000Z"),
        ("2024-02-29", "2024-02-29T00:00:00.000Z"),
        ("2024-03-05T12:34:56.7896Z", "2024-03-05T12:34:56.790Z"),
        ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
    ])
    func iso(_ input: String, _ expected: String) {
        #expect(GeoPackageDateTime.text(iso: input) == expected)
    }

    @Test("not ISO 8601 date-times", arguments: [
        "05.03.2024", "2024-02-30", "2024-03-05T25:00", "2024-03-05T12:34:56+5", "2024-03-05T", "2024-03-05T12:34:56.Z", "",
    ])
    func rejected(_ input: String) {
        #expect(GeoPackageDateTime.text(iso: input) == nil)
    }

    @Test("unix seconds: rounding to milliseconds, range")
    func unixSeconds() {
        #expect(GeoPackageDateTime.text(unixSeconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(GeoPackageDateTime.text(unixSeconds: 1_709_624_096.7894) == "2024-03-05T07:34:56.789Z")
        #expect(GeoPackageDateTime.text(unixSeconds: -0.001) == "1969-12-31T23:59:59.999Z")
        #expect(GeoPackageDateTime.text(unixSeconds: .nan) == nil)
        #expect(GeoPackageDateTime.text(unixSeconds: 1e12) == nil)
    }

    @Test("calendar arithmetic agrees with GNU date over 2000 seeded instants, 1700-2300")
    func againstGNUDate() throws {
        var state: UInt64 = 0x5EED_6B6B
        var seconds: [Int64] = []
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            seconds.append(Int64(state >> 20) % 18_934_000_000 - 8_520_000_000)
        }
        let input = seconds.map { "@\($0)" }.joined(separator: "\n")
        let inputURL = try GeoPackageOracle.tempDirectory().appendingPathComponent("instants.txt")
        try input.write(to: inputURL, atomically: true, encoding: .utf8)
        let o = try GeoPackageOracle.run("/usr/bin/date", ["-u", "-f", inputURL.path, "+%Y-%m-%dT%H:%M:%S.000Z"])
        #expect(o.status == 0, "date: \(o.stderr)")
        let expected = o.stdout.split(separator: "\n").map(String.init)
        try #require(expected.count == seconds.count)
        var mismatches: [String] = []
        for (s, want) in zip(seconds, expected) {
            let got = GeoPackageDateTime.text(milliseconds: s * 1000)
            if got != want { mismatches.append("\(s): \(got) vs \(want)") }
            if GeoPackageDateTime.milliseconds(iso: want) != s * 1000 { mismatches.append("\(want) does not parse back to \(s)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
