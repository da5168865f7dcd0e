import Foundation
import GeoCore
import Testing
import TestSupport

/// Test fixtures and oracles shared by the GeoProjection suites.
enum Fixtures {
    static func url(_ name: String) throws -> URL {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return folder.appendingPathComponent(name)
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    /// Rows of a simple CSV (no quoted commas) as dictionaries keyed by the header.
    static func csv(_ name: String) throws -> [[String: String]] {
        let lines = try text(name).split(whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first?.split(separator: ",").map(String.init) else { return [] }
        return lines.dropFirst().map { line in
            let values = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, values))
        }
    }

    /// One row of proj_points.csv.
    struct ProjPoint {
        let lon, lat, x3857, y3857, x32642, y32642, xAlbers, yAlbers: Double
    }

    static func projPoints() throws -> [ProjPoint] {
        try csv("proj_points.csv").map { row in
            func d(_ key: String) throws -> Double { try #require(Double(row[key] ?? "")) }
            return ProjPoint(lon: try d("lon"), lat: try d("lat"), x3857: try d("x_3857"), y3857: try d("y_3857"),
                             x32642: try d("x_32642"), y32642: try d("y_32642"),
                             xAlbers: try d("x_albers_ca"), yAlbers: try d("y_albers_ca"))
        }
    }

    /// The Central-Asia Albers CRS of shared/reference/kde_spec.json (`crs_proj`).
    static let albersCentralAsia =
        "+proj=aea +lat_0=45 +lon_0=65 +lat_1=38 +lat_2=52 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs"
}

/// PROJ's own command-line tool `cs2cs`, used as an independent oracle.
enum CS2CS {
    static var path: String? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return (dirs.map { "\($0)/cs2cs" } + ["/usr/bin/cs2cs"]).first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Transforms lon/lat (WGS 84) points to `target` (given as cs2cs arguments) with 6 decimals.
    static func fromLonLat(_ points: [(Double, Double)], target: [String]) throws -> [(Double, Double)] {
        let tool = try #require(path, "cs2cs is not installed (make setup)")
        // `+proj=longlat` input is lon/lat order; EPSG:4326 would expect lat/lon in cs2cs.
        let text = points.map { String(format: "%.12f %.12f\n", $0.0, $0.1) }.joined()
        let r = try Tool.run([tool, "-f", "%.6f", "+proj=longlat", "+datum=WGS84", "+to"] + target, input: Data(text.utf8))
        #expect(r.status == 0)
        let data = r.stdout
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map { line in
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Double($0) }
            return (parts.count >= 2 ? parts[0] : .nan, parts.count >= 2 ? parts[1] : .nan)
        }
    }
}
