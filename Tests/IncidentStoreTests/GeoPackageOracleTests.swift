import Foundation
import Testing
import TestSupport

/// GDAL as the independent reader of the GeoPackages the writer produces: `ogrinfo`, `ogr2ogr`
/// and GDAL's own GeoPackage validator (`validate_gpkg.py`, shipped by python3-gdal, which
/// gdal-bin depends on), plus the sqlite3 shell for the raw file.
enum GeoPackageOracle {
    /// Standard output and standard error of a finished tool.
    struct Output {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs `tool` (absolute path) with `arguments`; GDAL's debug output is switched off.
    static func run(_ tool: String, _ arguments: [String]) throws -> Output {
        let r = try Tool.run([tool] + arguments, environment: ["CPL_DEBUG": "OFF"])
        return Output(stdout: r.output, stderr: r.stderr, status: r.status)
    }

    /// `ogrinfo args...`; fails the test when it exits non-zero.
    static func ogrinfo(_ arguments: [String]) throws -> Output {
        let o = try run("/usr/bin/ogrinfo", arguments)
        #expect(o.status == 0, "ogrinfo \(arguments) failed: \(o.stderr)")
        return o
    }

    /// The GeoJSON text GDAL makes of `path` (`ogr2ogr -f GeoJSON /vsistdout/ path [layer]`).
    static func geoJSON(_ path: String, layer: String? = nil, extra: [String] = []) throws -> Output {
        let o = try run("/usr/bin/ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", path] + extra + (layer.map { [$0] } ?? []))
        #expect(o.status == 0, "ogr2ogr failed: \(o.stderr)")
        return o
    }

    /// The features of a GeoJSON document as JSON objects.
    static func features(_ geoJSON: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(geoJSON.utf8)) as? [String: Any]
        return object?["features"] as? [[String: Any]] ?? []
    }

    /// Every number of a GeoJSON `coordinates` value, flattened in order.
    static func flatCoordinates(_ value: Any?) -> [Double] {
        if let n = value as? NSNumber { return [n.doubleValue] }
        if let list = value as? [Any] { return list.flatMap(flatCoordinates) }
        return []
    }

    /// Where GDAL's GeoPackage validator lives on Debian.
    static let validator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"

    /// `validate_gpkg.py --extra --warning-as-error path` (`--extra` also checks the table content), run with Debian's python3 (which has osgeo).
    static func validate(_ path: String) throws -> Output {
        try run("/usr/bin/python3", [validator, "--extra", "--warning-as-error", path])
    }

    /// `sqlite3 path sql`, trimmed standard output.
    static func sqlite3(_ path: String, _ sql: String) throws -> String {
        let o = try run("/usr/bin/sqlite3", [path, sql])
        #expect(o.status == 0, "sqlite3 failed: \(o.stderr)")
        return o.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A fresh temporary directory for one test.
    static func tempDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bordermap-gpkg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The `name: Type (w.p)` field lines of `ogrinfo -so`, as name → type.
    static func fieldTypes(_ summary: String) -> [String: String] {
        var types: [String: String] = [:]
        for line in summary.split(separator: "\n") {
            guard let colon = line.range(of: ": "), line.hasSuffix(")"), let paren = line.range(of: " (", options: .backwards)
            else { continue }
            let name = String(line[..<colon.lowerBound])
            guard !name.contains(" ") || name.hasPrefix("\"") else { continue }
            types[name] = String(line[colon.upperBound..<paren.lowerBound])
        }
        return types
    }
}
