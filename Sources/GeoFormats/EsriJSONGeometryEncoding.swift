import GeoCore

/// Writes geometries as Esri JSON geometry objects (points, multipoints, polylines, polygons).
enum EsriJSONGeometryEncoding {
    static func append(_ g: Geometry, geometryType: String, hasZ: Bool, decimals: Int, to out: inout [UInt8]) {
        switch geometryType {
        case "esriGeometryPoint":
            guard case .point(let p) = g else { return multi(g, hasZ, decimals, &out) }
            let c = p.coordinate
            out.append(contentsOf: "{\"x\":".utf8)
            JSONNumberFormat.appendFixed(c.x, decimals: decimals, to: &out)
            out.append(contentsOf: ",\"y\":".utf8)
            JSONNumberFormat.appendFixed(c.y, decimals: decimals, to: &out)
            if hasZ {
                out.append(contentsOf: ",\"z\":".utf8)
                JSONNumberFormat.appendFixed(c.z ?? 0, decimals: decimals, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case "esriGeometryMultipoint": multi(g, hasZ, decimals, &out)
        case "esriGeometryPolyline":
            var paths: [[Coordinate]] = []
            collectPaths(g, &paths)
            out.append(contentsOf: "{\"paths\":".utf8)
            parts(paths, hasZ, decimals, &out)
            out.append(UInt8(ascii: "}"))
        default:
            var rings: [[Coordinate]] = []
            collectRings(g, &rings)
            out.append(contentsOf: "{\"rings\":".utf8)
            parts(rings, hasZ, decimals, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func multi(_ g: Geometry, _ hasZ: Bool, _ decimals: Int, _ out: inout [UInt8]) {
        var points: [Coordinate] = []
        g.forEachCoordinate { points.append($0) }
        out.append(contentsOf: "{\"points\":".utf8)
        positions(points, hasZ, decimals, &out)
        out.append(UInt8(ascii: "}"))
    }

    private static func collectPaths(_ g: Geometry, _ paths: inout [[Coordinate]]) {
        switch g {
        case .lineString(let l): paths.append(l.coordinates)
        case .multiLineString(let m): paths.append(contentsOf: m.lineStrings.map(\.coordinates))
        case .geometryCollection(let c): for m in c.geometries { collectPaths(m, &paths) }
        default: break
        }
    }

    /// Shells clockwise, holes counter-clockwise.
    private static func collectRings(_ g: Geometry, _ rings: inout [[Coordinate]]) {
        switch g {
        case .polygon(let p):
            guard !p.exterior.coordinates.isEmpty else { return }
            rings.append(p.exterior.oriented(counterClockwise: false).coordinates)
            for h in p.holes { rings.append(h.oriented(counterClockwise: true).coordinates) }
        case .multiPolygon(let m): for p in m.polygons { collectRings(.polygon(p), &rings) }
        case .geometryCollection(let c): for m in c.geometries { collectRings(m, &rings) }
        default: break
        }
    }

    private static func parts(_ parts: [[Coordinate]], _ hasZ: Bool, _ decimals: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, p) in parts.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            positions(p, hasZ, decimals, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func positions(_ cs: [Coordinate], _ hasZ: Bool, _ decimals: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, c) in cs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            JSONNumberFormat.appendFixed(c.x, decimals: decimals, to: &out)
            out.append(UInt8(ascii: ","))
            JSONNumberFormat.appendFixed(c.y, decimals: decimals, to: &out)
            if hasZ {
                out.append(UInt8(ascii: ","))
                JSONNumberFormat.appendFixed(c.z ?? 0, decimals: decimals, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
    }
}
