import GeoCore

/// Writes `Geometry` values as RFC 7946 GeoJSON geometry objects.
enum GeoJSONGeometryEncoding {
    /// Appends the geometry object. Polygon exterior rings are written counter-clockwise and
    /// holes clockwise (RFC 7946 §3.1.6), re-oriented when needed.
    static func append(_ g: Geometry, decimals: Int, to out: inout [UInt8]) {
        out.append(contentsOf: "{\"type\":\"".utf8)
        out.append(contentsOf: g.typeName.utf8)
        if case .geometryCollection(let c) = g {
            out.append(contentsOf: "\",\"geometries\":[".utf8)
            for (i, m) in c.geometries.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                append(m, decimals: decimals, to: &out)
            }
            out.append(contentsOf: "]}".utf8)
            return
        }
        out.append(contentsOf: "\",\"coordinates\":".utf8)
        switch g {
        case .point(let p): position(p.coordinate, decimals, &out)
        case .lineString(let l): positions(l.coordinates, decimals, &out)
        case .polygon(let p): polygon(p, decimals, &out)
        case .multiPoint(let m): list(m.points, &out) { position($0.coordinate, decimals, &$1) }
        case .multiLineString(let m): list(m.lineStrings, &out) { positions($0.coordinates, decimals, &$1) }
        case .multiPolygon(let m): list(m.polygons, &out) { polygon($0, decimals, &$1) }
        case .geometryCollection: break
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func list<T>(_ items: [T], _ out: inout [UInt8], _ body: (T, inout [UInt8]) -> Void) {
        out.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            body(item, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func position(_ c: Coordinate, _ decimals: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        JSONNumberFormat.appendFixed(c.x, decimals: decimals, to: &out)
        out.append(UInt8(ascii: ","))
        JSONNumberFormat.appendFixed(c.y, decimals: decimals, to: &out)
        if let z = c.z {
            out.append(UInt8(ascii: ","))
            JSONNumberFormat.appendFixed(z, decimals: decimals, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func positions(_ cs: [Coordinate], _ decimals: Int, _ out: inout [UInt8]) {
        list(cs, &out) { position($0, decimals, &$1) }
    }

    private static func polygon(_ p: Polygon, _ decimals: Int, _ out: inout [UInt8]) {
        if p.exterior.coordinates.isEmpty { out.append(contentsOf: "[]".utf8); return }
        out.append(UInt8(ascii: "["))
        positions(p.exterior.oriented(counterClockwise: true).coordinates, decimals, &out)
        for h in p.holes {
            out.append(UInt8(ascii: ","))
            positions(h.oriented(counterClockwise: false).coordinates, decimals, &out)
        }
        out.append(UInt8(ascii: "]"))
    }
}
