import Foundation
import GeoCore
import Testing
import TestSupport
@testable import GeoFormats

/// Shared helpers for the GeoJSON / Esri JSON tests: running GDAL, parsing its CSV/WKT output.
enum GDALOracle {
    /// The repository's Shapefiles/ folder (the sample layers the project ships).
    static let dataDir = URL(fileURLWithPath: ShapefileOracle.dataDir)

    struct Result { var out: String; var err: String; var status: Int32 }

    /// Runs an installed tool (`ogrinfo`, `ogr2ogr`) and captures its output.
    static func run(_ tool: String, _ args: [String]) throws -> Result {
        let r = try Tool.run([tool] + args)
        return Result(out: r.output, err: r.stderr, status: r.status)
    }

    static func tempDir() throws -> URL { try Tool.temporaryDirectory("geojson-tests") }

    /// GDAL's reading of `file` as CSV rows (header → value), geometry as WKT in column `WKT`.
    static func csvRows(_ file: String, extra: [String] = []) throws -> [[String: String]] {
        let r = try run("ogr2ogr", ["-f", "CSV", "/vsistdout/", file, "-lco", "GEOMETRY=AS_WKT"] + extra)
        #expect(r.status == 0, "ogr2ogr failed: \(r.err)")
        return parseCSV(r.out)
    }

    /// RFC 4180 CSV (quotes doubled inside quoted fields) into header-keyed rows.
    static func parseCSV(_ text: String) -> [[String: String]] {
        var records: [[String]] = []
        var field = "", record: [String] = []
        var quoted = false
        var chars = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = chars.next() {
                        if n == "\"" { field.append("\"") } else { quoted = false; pending = n }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { record.append(field); field = "" }
            else if c == "\n" || c == "\r\n" { record.append(field); field = ""; records.append(record); record = [] }
            else if c != "\r" { field.append(c) }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.first else { return [] }
        return records.dropFirst().map { r in
            Dictionary(uniqueKeysWithValues: zip(header, r).map { ($0, $1) })
        }
    }

    /// The rings / parts / points of a WKT geometry as flat number lists, one per innermost
    /// parenthesised group (a polygon ring, a line, a point).
    static func wktParts(_ wkt: String) -> [[Double]] {
        var parts: [[Double]] = []
        var current: [Double]? = nil
        var number = ""
        func flushNumber() {
            if !number.isEmpty, let d = Double(number) { current?.append(d) }
            number = ""
        }
        for c in wkt {
            switch c {
            case "(": current = []
            case ")":
                flushNumber()
                if let cur = current, !cur.isEmpty { parts.append(cur) }
                current = nil
            case " ", ",": flushNumber()
            default: if current != nil { number.append(c) }
            }
        }
        return parts
    }

    /// The same parts from one of our geometries (rings in storage order).
    static func parts(_ g: Geometry?, z: Bool = false) -> [[Double]] {
        func flat(_ cs: [Coordinate]) -> [Double] { cs.flatMap { z ? [$0.x, $0.y, $0.z ?? 0] : [$0.x, $0.y] } }
        guard let g else { return [] }
        switch g {
        case .point(let p): return [flat([p.coordinate])]
        case .lineString(let l): return [flat(l.coordinates)]
        case .polygon(let p): return p.rings.map { flat($0.coordinates) }
        case .multiPoint(let m): return m.points.map { flat([$0.coordinate]) }
        case .multiLineString(let m): return m.lineStrings.map { flat($0.coordinates) }
        case .multiPolygon(let m): return m.polygons.flatMap { $0.rings.map { flat($0.coordinates) } }
        case .geometryCollection(let c): return c.geometries.flatMap { parts($0, z: z) }
        }
    }

    /// True when the parts match to `tolerance`, each part in the same or reversed order of
    /// positions (`dim` numbers per position).
    static func partsMatch(_ a: [[Double]], _ b: [[Double]], tolerance: Double, dim: Int = 2, allowReversed: Bool) -> Bool {
        guard a.count == b.count else { return false }
        for (p, q) in zip(a, b) {
            guard p.count == q.count else { return false }
            if zip(p, q).allSatisfy({ abs($0 - $1) <= tolerance }) { continue }
            guard allowReversed else { return false }
            let n = q.count / dim
            var rev: [Double] = []
            for i in stride(from: n - 1, through: 0, by: -1) { rev.append(contentsOf: q[(i * dim)..<(i * dim + dim)]) }
            if !zip(p, rev).allSatisfy({ abs($0 - $1) <= tolerance }) { return false }
        }
        return true
    }

    /// Twice the signed area (shoelace) of a ring given as [[x, y], ...] from JSONSerialization.
    static func signedArea(_ ring: [[Double]]) -> Double {
        var s = 0.0
        for i in 0..<(ring.count - 1) { s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] }
        return s
    }
}

@Suite("GeoJSON test support")
struct GeoJSONTestSupportTests {
    @Test func csvParserHandlesQuotes() {
        let rows = GDALOracle.parseCSV("a,b\n\"x, \"\"y\"\"\",2\n")
        #expect(rows == [["a": "x, \"y\"", "b": "2"]])
    }

    @Test func wktParts() {
        #expect(GDALOracle.wktParts("POLYGON ((0 0,1 0,1 1,0 0),(0.5 0.5,-1 2e-3,0 0))") ==
                [[0, 0, 1, 0, 1, 1, 0, 0], [0.5, 0.5, -1, 0.002, 0, 0]])
    }
}
