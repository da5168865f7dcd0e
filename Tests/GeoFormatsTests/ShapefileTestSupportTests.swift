import Foundation
import GeoCore
import TestSupport
@testable import GeoFormats

/// Helpers for the shapefile tests: running GDAL (the oracle) and comparing its GeoJSON with
/// our features.
enum ShapefileOracle {
    /// The repository's Shapefiles/ folder (the sample layers the project ships).
    static let dataDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Shapefiles").path
    static let sampleLayers = [
        "ca_admin0_boundary_lines_land", "ca_admin0_countries", "ca_admin0_disputed_lines",
        "ca_admin1_provinces", "ca_lakes", "ca_populated_places", "ca_rivers_gshhg", "ca_roads",
    ]

    static var fixtures: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("shapefile")
    }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// A fresh temporary folder.
    static func tempDir() throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("shp-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    /// Runs a tool from PATH; returns stdout, stderr and the exit status.
    static func run(_ args: [String]) throws -> (out: Data, err: String, status: Int32) {
        let r = try Tool.run(args)
        return (r.stdout, r.stderr, r.status)
    }

    /// GDAL's reading of a layer as GeoJSON features (`ogr2ogr -f GeoJSON /vsistdout/`).
    static func gdalFeatures(_ path: String) throws -> [[String: Any]] {
        let r = try run(["ogr2ogr", "-f", "GeoJSON", "/vsistdout/", path])
        guard r.status == 0 else { throw FormatError(file: path, "ogr2ogr failed: \(r.err)") }
        let json = try JSONSerialization.jsonObject(with: r.out) as? [String: Any]
        return json?["features"] as? [[String: Any]] ?? []
    }

    /// `ogrinfo -so -al` parsed: feature count, geometry type, and fields (name -> "Type (w.p)").
    static func gdalSummary(_ path: String) throws -> (count: Int, geometry: String, fields: [(String, String)]) {
        let r = try run(["ogrinfo", "-so", "-al", "-nomd", path])
        guard r.status == 0 else { throw FormatError(file: path, "ogrinfo failed: \(r.err)") }
        var count = -1, geometry = "", fields: [(String, String)] = []
        var inFields = false
        for line in String(decoding: r.out, as: UTF8.self).split(separator: "\n").map(String.init) {
            if line.hasPrefix("Feature Count: ") { count = Int(line.dropFirst(15)) ?? -1 }
            if line.hasPrefix("Geometry: ") { geometry = String(line.dropFirst(10)) }
            if line.hasPrefix("Data axis to CRS axis mapping") || line.hasPrefix("Layer SRS WKT:\n(unknown)") { inFields = true; continue }
            if line == "(unknown)" { inFields = true; continue }
            if inFields, let colon = line.range(of: ": ") {
                fields.append((String(line[..<colon.lowerBound]), String(line[colon.upperBound...])))
            }
        }
        return (count, geometry, fields)
    }

    /// Our geometry in GeoJSON form: type and nested coordinate arrays (z included when set).
    /// Polygons of a MultiPolygon are sorted by their first position, so that GDAL's order
    /// (which sorts by area) does not matter.
    static func geoJSON(_ g: Geometry?) -> (type: String, coordinates: [Any])? {
        func c(_ p: Coordinate) -> [Double] { p.z.map { [p.x, p.y, $0] } ?? [p.x, p.y] }
        func poly(_ p: GeoCore.Polygon) -> [Any] { p.rings.map { $0.coordinates.map(c) } }
        switch g {
        case .point(let p)?: return ("Point", c(p.coordinate))
        case .multiPoint(let m)?: return ("MultiPoint", m.points.map { c($0.coordinate) })
        case .lineString(let l)?: return ("LineString", l.coordinates.map(c))
        case .multiLineString(let m)?: return ("MultiLineString", m.lineStrings.map { $0.coordinates.map(c) })
        case .polygon(let p)?: return ("Polygon", poly(p))
        case .multiPolygon(let m)?: return ("MultiPolygon", sortedPolygons(m.polygons.map(poly)))
        default: return nil
        }
    }

    static func sortedPolygons(_ polys: [Any]) -> [Any] {
        func key(_ p: Any) -> [Double] {
            guard let rings = p as? [Any], let r = rings.first as? [Any], let first = r.first as? [Any] else { return [] }
            return first.compactMap { ($0 as? NSNumber)?.doubleValue ?? ($0 as? Double) }
        }
        return polys.sorted { key($0).lexicographicallyPrecedes(key($1)) }
    }

    /// Deep comparison of coordinate arrays, numbers within `tolerance`.
    static func close(_ a: Any, _ b: Any, tolerance: Double = 1e-9) -> Bool {
        if let x = a as? Double ?? (a as? NSNumber)?.doubleValue, let y = b as? Double ?? (b as? NSNumber)?.doubleValue {
            return abs(x - y) <= tolerance * max(1, abs(x))
        }
        guard let xa = a as? [Any], let ya = b as? [Any], xa.count == ya.count else { return false }
        return zip(xa, ya).allSatisfy { close($0, $1, tolerance: tolerance) }
    }

    /// Whether our geometry equals GDAL's GeoJSON geometry (type and every coordinate).
    static func sameGeometry(_ ours: Geometry?, _ gdal: Any?) -> Bool {
        guard let gj = gdal as? [String: Any], let type = gj["type"] as? String, var coords = gj["coordinates"] as? [Any] else {
            return ours == nil
        }
        guard let mine = geoJSON(ours), mine.type == type else { return false }
        if type == "MultiPolygon" { coords = sortedPolygons(coords) }
        return close(mine.coordinates, coords)
    }

    /// Whether our attribute value equals GDAL's JSON value.
    static func sameValue(_ v: PropertyValue, _ j: Any?) -> Bool {
        switch v {
        case .null: return j == nil || j is NSNull
        case .string(let s): return (j as? String) == s
        case .integer(let i): return (j as? NSNumber)?.int64Value == i
        case .double(let d):
            guard let n = (j as? NSNumber)?.doubleValue else { return false }
            return abs(n - d) <= 1e-12 * max(1, abs(d))
        case .bool(let b): return (j as? NSNumber)?.boolValue == b
        case .date(let d): return (j as? String) == d.description
        }
    }

    /// Mismatches between our features and GDAL's, as readable lines (empty when equal).
    static func differences(_ ours: [Feature], _ gdal: [[String: Any]], limit: Int = 5) -> [String] {
        var out: [String] = []
        if ours.count != gdal.count { out.append("count \(ours.count) vs GDAL \(gdal.count)") }
        for (i, (f, g)) in zip(ours, gdal).enumerated() where out.count < limit {
            let props = g["properties"] as? [String: Any] ?? [:]
            for (k, j) in props where !sameValue(f[k], j) {
                out.append("feature \(i) '\(k)': ours \(f[k]) vs GDAL \(j)")
            }
            if Set(props.keys) != Set(f.properties.keys) { out.append("feature \(i) keys differ: \(f.properties.keys.sorted()) vs \(props.keys.sorted())") }
            if !sameGeometry(f.geometry, g["geometry"]) { out.append("feature \(i) geometry differs") }
        }
        return out
    }
}
