import Foundation
import GeoCore
import TestSupport

/// Reads a shapefile through GDAL's `ogr2ogr` (the independent reader) as GeoJSON, parsed here
/// with Foundation, so the tests do not depend on BorderMap's own shapefile reader.
enum CrossingOGRLayer {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The shipped `Shapefiles/<name>.shp` as a FeatureCollection (coordinates with 17 digits).
    static func read(_ name: String) throws -> FeatureCollection {
        let path = PythonOracle.repositoryRoot.appendingPathComponent("Shapefiles/\(name).shp").path
        let r = try Tool.run(["ogr2ogr", "-f", "GeoJSON", "/vsistdout/", path, "-lco", "SIGNIFICANT_FIGURES=17"])
        guard r.status == 0 else { throw Failure(description: "ogr2ogr failed on \(path): \(r.stderr)") }
        guard let root = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any],
              let features = root["features"] as? [[String: Any]]
        else { throw Failure(description: "ogr2ogr output is not a FeatureCollection") }
        return FeatureCollection(name: name, features: try features.map(feature))
    }

    static func feature(_ f: [String: Any]) throws -> Feature {
        var props: [String: PropertyValue] = [:]
        for (k, v) in f["properties"] as? [String: Any] ?? [:] {
            switch v {
            case let s as String: props[k] = .string(s)
            case let n as NSNumber:
                props[k] = ["d", "f"].contains(String(cString: n.objCType)) ? .double(n.doubleValue) : .integer(n.int64Value)
            default: props[k] = .null
            }
        }
        let g = f["geometry"] as? [String: Any]
        return Feature(geometry: try g.map(geometry), properties: props)
    }

    static func geometry(_ g: [String: Any]) throws -> Geometry {
        func c(_ a: Any) throws -> Coordinate {
            guard let p = a as? [Double], p.count >= 2 else { throw Failure(description: "bad position \(a)") }
            return Coordinate(p[0], p[1])
        }
        func line(_ a: Any) throws -> [Coordinate] { try (a as? [Any] ?? []).map(c) }
        func poly(_ a: Any) throws -> Polygon {
            let rings = try (a as? [Any] ?? []).map { LinearRing(try line($0)) }
            guard let first = rings.first else { throw Failure(description: "polygon without rings") }
            return Polygon(exterior: first, holes: Array(rings.dropFirst()))
        }
        let coords = g["coordinates"] as Any
        switch g["type"] as? String {
        case "Point": return .point(Point(try c(coords)))
        case "LineString": return .lineString(LineString(try line(coords)))
        case "MultiLineString": return .multiLineString(MultiLineString(try (coords as? [Any] ?? []).map { LineString(try line($0)) }))
        case "Polygon": return .polygon(try poly(coords))
        case "MultiPolygon": return .multiPolygon(MultiPolygon(try (coords as? [Any] ?? []).map(poly)))
        default: throw Failure(description: "unsupported geometry \(g["type"] ?? "nil")")
        }
    }
}
