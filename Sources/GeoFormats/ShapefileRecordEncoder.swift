import GeoCore

/// Chooses a shapefile's shape type for a set of geometries and encodes each as record content.
///
/// Families: Point; MultiPoint (a Point among MultiPoints is written as a one-point MultiPoint);
/// LineString and MultiLineString as PolyLine; Polygon and MultiPolygon as Polygon. Any z makes
/// the Z variant, else any m the M variant. Rings are written as the specification requires:
/// shells clockwise, holes counter-clockwise. Missing M values are written as -1e39 ("no
/// data", below the -1e38 threshold); a Z record whose geometry has no M leaves the optional
/// M block out (PointZ always has its M slot). Empty geometries become Null shapes.
enum ShapefileRecordEncoder {
    static let noDataM = -1e39

    static func family(_ g: Geometry) -> ShapeType? {
        switch g {
        case .point: .point
        case .multiPoint: .multiPoint
        case .lineString, .multiLineString: .polyLine
        case .polygon, .multiPolygon: .polygon
        default: nil
        }
    }

    /// The shape type for `geometries` (nil entries are Null shapes); `feature(i)` names entry
    /// i in errors. Throws `FormatError` for a GeometryCollection or a mix of families.
    static func shapeType(for geometries: [Geometry?], feature: (Int) -> String) throws -> ShapeType {
        var base: ShapeType?
        var z = false, m = false
        var first = 0
        for (i, g) in geometries.enumerated() {
            guard let g, !g.isEmpty else { continue }
            guard let fam = family(g) else {
                throw FormatError(location: feature(i), "a \(g.typeName) cannot be written to a shapefile")
            }
            z = z || g.hasZ
            m = m || g.hasM
            switch (base, fam) {
            case (nil, _): base = fam; first = i
            case (let b?, _) where b == fam: break
            case (.point?, .multiPoint), (.multiPoint?, .point): base = .multiPoint
            case (let b?, _):
                throw FormatError(location: feature(i), "is a \(g.typeName) but \(feature(first)) makes this a \(b) shapefile; a shapefile holds one geometry type")
            }
        }
        guard let base else { return .null }
        return ShapeType.make(base: base, z: z, m: m)
    }

    /// Record content for `g` as `type`, plus its bounding box and z/m ranges (for the header).
    static func encode(_ g: Geometry?, as type: ShapeType, location: String) throws -> (bytes: [UInt8], coords: [Coordinate]) {
        guard let g, !g.isEmpty, type != .null else { return ([0, 0, 0, 0], []) }
        var b: [UInt8] = []
        b.appendInt32LE(type.rawValue)
        var all: [Coordinate] = []
        try g.forEachCoordinate { c in
            guard c.isFinite else { throw FormatError(location: location, "coordinate \(c) is not finite") }
            all.append(c)
        }
        let parts: [[Coordinate]]
        switch g {
        case .point(let p):
            b.appendDoubleLE(p.coordinate.x)
            b.appendDoubleLE(p.coordinate.y)
            if type.hasZ { b.appendDoubleLE(p.coordinate.z ?? 0) }
            if type.hasM { b.appendDoubleLE(p.coordinate.m ?? noDataM) }
            return (b, all)
        case .multiPoint: parts = [all]
        case .lineString(let l): parts = [l.coordinates]
        case .multiLineString(let ml): parts = ml.lineStrings.map(\.coordinates).filter { !$0.isEmpty }
        case .polygon(let p): parts = rings(p)
        case .multiPolygon(let mp): parts = mp.polygons.flatMap(rings)
        default: throw FormatError(location: location, "a \(g.typeName) cannot be written to a shapefile")
        }
        let coords = parts.flatMap { $0 }
        let box = BoundingBox(covering: coords) ?? BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0)
        for v in [box.minX, box.minY, box.maxX, box.maxY] { b.appendDoubleLE(v) }
        if type.base != .multiPoint { b.appendInt32LE(Int32(clamping: parts.count)) }
        b.appendInt32LE(Int32(clamping: coords.count))
        if type.base != .multiPoint {
            var start = 0
            for p in parts {
                b.appendInt32LE(Int32(clamping: start))
                start += p.count
            }
        }
        for c in coords {
            b.appendDoubleLE(c.x)
            b.appendDoubleLE(c.y)
        }
        let hasM = coords.contains { $0.m != nil }
        if type.hasZ { appendBlock(&b, coords.map { $0.z ?? 0 }) }
        if type.hasM && (!type.hasZ || hasM) { appendBlock(&b, coords.map { $0.m ?? noDataM }) }
        return (b, all)
    }

    private static func appendBlock(_ b: inout [UInt8], _ v: [Double]) {
        let real = v.filter { $0 > -1e38 }
        b.appendDoubleLE(real.min() ?? noDataM)
        b.appendDoubleLE(real.max() ?? noDataM)
        for x in v { b.appendDoubleLE(x) }
    }

    /// Polygon rings, closed, shell clockwise and holes counter-clockwise; empty rings dropped.
    private static func rings(_ p: Polygon) -> [[Coordinate]] {
        func closed(_ r: LinearRing) -> LinearRing {
            guard let f = r.coordinates.first, !LineString(r.coordinates).isClosed else { return r }
            return LinearRing(r.coordinates + [f])
        }
        var out: [[Coordinate]] = []
        if !p.exterior.coordinates.isEmpty { out.append(closed(p.exterior).oriented(counterClockwise: false).coordinates) }
        for h in p.holes where !h.coordinates.isEmpty { out.append(closed(h).oriented(counterClockwise: true).coordinates) }
        return out
    }
}
