import GeoCore

/// Turns parsed GeoJSON geometry objects into `Geometry` values, reporting errors with the
/// JSON path of the offending member (`features[3].geometry.coordinates[0][2]`).
enum GeoJSONGeometryDecoding {
    /// Decodes a geometry object found at `path`. `.null` gives nil.
    /// - Throws: `FormatError` with `location` = the JSON path of the problem.
    static func decode(_ value: JSONValue, path: String) throws -> Geometry? {
        if case .null = value { return nil }
        guard case .object(let object) = value else {
            throw FormatError(location: path, "expected a geometry object or null, found \(value.kindName)")
        }
        guard case .string(let type)? = object["type"] else {
            throw FormatError(location: path + ".type", "expected a geometry \"type\" string")
        }
        if type == "GeometryCollection" {
            guard let members = object["geometries"]?.arrayElements else {
                throw FormatError(location: path + ".geometries", "expected an array of geometries")
            }
            var geometries: [Geometry] = []
            geometries.reserveCapacity(members.count)
            for (i, m) in members.enumerated() {
                let p = "\(path).geometries[\(i)]"
                guard let g = try decode(m, path: p) else {
                    throw FormatError(location: p, "a GeometryCollection member cannot be null")
                }
                geometries.append(g)
            }
            return .geometryCollection(GeometryCollection(geometries))
        }
        let cpath = path + ".coordinates"
        guard let coordinates = object["coordinates"] else {
            if ["Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon"].contains(type) {
                throw FormatError(location: cpath, "missing \"coordinates\" member of a \(type)")
            }
            throw FormatError(location: path + ".type", "unknown geometry type \"\(type)\"")
        }
        switch type {
        case "Point":
            return .point(Point(try position(coordinates, cpath)))
        case "LineString":
            return .lineString(try lineString(coordinates, cpath))
        case "Polygon":
            return .polygon(try polygon(coordinates, cpath))
        case "MultiPoint":
            let items = try array(coordinates, cpath, of: "positions")
            var points: [Point] = []
            points.reserveCapacity(items.count)
            for (i, item) in items.enumerated() { points.append(Point(try position(item, "\(cpath)[\(i)]"))) }
            return .multiPoint(MultiPoint(points))
        case "MultiLineString":
            let items = try array(coordinates, cpath, of: "line strings")
            return .multiLineString(MultiLineString(try items.enumerated().map { try lineString($1, "\(cpath)[\($0)]") }))
        case "MultiPolygon":
            let items = try array(coordinates, cpath, of: "polygons")
            return .multiPolygon(MultiPolygon(try items.enumerated().map { try polygon($1, "\(cpath)[\($0)]") }))
        default:
            throw FormatError(location: path + ".type", "unknown geometry type \"\(type)\"")
        }
    }

    private static func array(_ value: JSONValue, _ path: String, of what: String) throws -> [JSONValue] {
        switch value {
        case .array(let a): return a
        case .numbers: throw FormatError(location: path, "expected an array of \(what), found an array of numbers")
        default: throw FormatError(location: path, "expected an array of \(what), found \(value.kindName)")
        }
    }

    /// A position: 2 numbers (x, y) or 3 (x, y, z); further numbers are ignored (RFC 7946 §3.1.1).
    static func position(_ value: JSONValue, _ path: String) throws -> Coordinate {
        guard case .numbers(let n) = value, n.count >= 2 else {
            throw FormatError(location: path, "expected a position of 2 or 3 numbers, found \(describe(value))")
        }
        return n.count >= 3 ? Coordinate(x: n[0], y: n[1], z: n[2]) : Coordinate(n[0], n[1])
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .numbers(let n): n.count == 1 ? "1 number" : "\(n.count) numbers"
        case .array(let a): a.isEmpty ? "an empty array" : "an array of \(a[0].kindName == "an array" ? "arrays" : "mixed values")"
        default: value.kindName
        }
    }

    private static func positions(_ value: JSONValue, _ path: String) throws -> [Coordinate] {
        if case .numbers = value {
            throw FormatError(location: path, "expected an array of positions, found a single position")
        }
        let items = try array(value, path, of: "positions")
        var out: [Coordinate] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() { out.append(try position(item, "\(path)[\(i)]")) }
        return out
    }

    private static func lineString(_ value: JSONValue, _ path: String) throws -> LineString {
        let c = try positions(value, path)
        if c.count == 1 { throw FormatError(location: path, "a LineString needs at least 2 positions, found 1") }
        return LineString(c)
    }

    private static func polygon(_ value: JSONValue, _ path: String) throws -> Polygon {
        let items = try array(value, path, of: "linear rings")
        var rings: [LinearRing] = []
        rings.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            let p = "\(path)[\(i)]"
            let c = try positions(item, p)
            guard c.count >= 4 else {
                throw FormatError(location: p, "a linear ring needs at least 4 positions, found \(c.count)")
            }
            guard let f = c.first, let l = c.last, f.x == l.x, f.y == l.y else {
                throw FormatError(location: p, "linear ring is not closed (first position differs from the last)")
            }
            rings.append(LinearRing(c))
        }
        guard let exterior = rings.first else { return Polygon(exterior: LinearRing([])) }
        return Polygon(exterior: exterior, holes: Array(rings.dropFirst()))
    }
}
