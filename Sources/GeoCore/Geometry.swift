/// Any OGC simple-features geometry, as a value.
public indirect enum Geometry: Sendable, Hashable {
    case point(Point)
    case lineString(LineString)
    case polygon(Polygon)
    case multiPoint(MultiPoint)
    case multiLineString(MultiLineString)
    case multiPolygon(MultiPolygon)
    case geometryCollection(GeometryCollection)

    /// The empty geometry collection, which stands for "no geometry" (e.g. an empty intersection).
    /// Computed rather than stored: a global holding an indirect enum's box is reported as a
    /// leak by LeakSanitizer (the box pointer is stored tagged), which stopped `make fuzz`.
    public static var empty: Geometry { .geometryCollection(GeometryCollection([])) }

    /// The OGC type name: `Point`, `LineString`, `Polygon`, `MultiPoint`, `MultiLineString`,
    /// `MultiPolygon` or `GeometryCollection` (also the GeoJSON `type`).
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .lineString: "LineString"
        case .polygon: "Polygon"
        case .multiPoint: "MultiPoint"
        case .multiLineString: "MultiLineString"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    /// 0 for points, 1 for lines, 2 for polygons; a collection has its highest member's.
    /// -1 for an empty collection.
    public var dimension: Int {
        switch self {
        case .point, .multiPoint: 0
        case .lineString, .multiLineString: 1
        case .polygon, .multiPolygon: 2
        case .geometryCollection(let c): c.geometries.map(\.dimension).max() ?? -1
        }
    }

    /// Calls `body` for every coordinate, in storage order.
    public func forEachCoordinate(_ body: (Coordinate) throws -> Void) rethrows {
        switch self {
        case .point(let p): try body(p.coordinate)
        case .lineString(let l): for c in l.coordinates { try body(c) }
        case .polygon(let p): for r in p.rings { for c in r.coordinates { try body(c) } }
        case .multiPoint(let m): for p in m.points { try body(p.coordinate) }
        case .multiLineString(let m): for l in m.lineStrings { for c in l.coordinates { try body(c) } }
        case .multiPolygon(let m):
            for p in m.polygons { for r in p.rings { for c in r.coordinates { try body(c) } } }
        case .geometryCollection(let g): for member in g.geometries { try member.forEachCoordinate(body) }
        }
    }

    /// Returns the geometry with every coordinate replaced by `transform(coordinate)`.
    public func mapCoordinates(_ transform: (Coordinate) throws -> Coordinate) rethrows -> Geometry {
        // Nested helpers cannot be `rethrows`; this wrapper restores the rethrows contract.
        try withoutActuallyEscaping(transform) { transform in try mapCoordinatesThrowing(transform) }
    }

    private func mapCoordinatesThrowing(_ transform: (Coordinate) throws -> Coordinate) throws -> Geometry {
        func ring(_ r: LinearRing) throws -> LinearRing { LinearRing(try r.coordinates.map(transform)) }
        func poly(_ p: Polygon) throws -> Polygon {
            Polygon(exterior: try ring(p.exterior), holes: try p.holes.map(ring))
        }
        switch self {
        case .point(let p): return .point(Point(try transform(p.coordinate)))
        case .lineString(let l): return .lineString(LineString(try l.coordinates.map(transform)))
        case .polygon(let p): return .polygon(try poly(p))
        case .multiPoint(let m): return .multiPoint(MultiPoint(try m.points.map { Point(try transform($0.coordinate)) }))
        case .multiLineString(let m):
            return .multiLineString(MultiLineString(try m.lineStrings.map { LineString(try $0.coordinates.map(transform)) }))
        case .multiPolygon(let m): return .multiPolygon(MultiPolygon(try m.polygons.map(poly)))
        case .geometryCollection(let g):
            return .geometryCollection(GeometryCollection(try g.geometries.map { try $0.mapCoordinatesThrowing(transform) }))
        }
    }

    /// The number of coordinates.
    public var coordinateCount: Int {
        var n = 0
        forEachCoordinate { _ in n += 1 }
        return n
    }

    /// True when the geometry has no coordinates.
    public var isEmpty: Bool {
        switch self {
        case .point: false
        case .lineString(let l): l.coordinates.isEmpty
        case .polygon(let p): p.exterior.coordinates.isEmpty
        case .multiPoint(let m): m.points.isEmpty
        case .multiLineString(let m): m.lineStrings.allSatisfy { $0.coordinates.isEmpty }
        case .multiPolygon(let m): m.polygons.allSatisfy { $0.exterior.coordinates.isEmpty }
        case .geometryCollection(let g): g.geometries.allSatisfy(\.isEmpty)
        }
    }

    /// The bounding box of all coordinates, or nil when empty.
    public var boundingBox: BoundingBox? {
        var box: (Double, Double, Double, Double)?
        forEachCoordinate { c in
            if var b = box {
                b.0 = Swift.min(b.0, c.x); b.1 = Swift.min(b.1, c.y)
                b.2 = Swift.max(b.2, c.x); b.3 = Swift.max(b.3, c.y)
                box = b
            } else {
                box = (c.x, c.y, c.x, c.y)
            }
        }
        guard let b = box else { return nil }
        return BoundingBox(minX: b.0, minY: b.1, maxX: b.2, maxY: b.3)
    }

    /// True when any coordinate carries `z`.
    public var hasZ: Bool {
        var found = false
        forEachCoordinate { if $0.z != nil { found = true } }
        return found
    }

    /// True when any coordinate carries `m`.
    public var hasM: Bool {
        var found = false
        forEachCoordinate { if $0.m != nil { found = true } }
        return found
    }
}
