/// A single position.
public struct Point: Sendable, Hashable {
    public var coordinate: Coordinate
    public init(_ coordinate: Coordinate) { self.coordinate = coordinate }
    public init(x: Double, y: Double) { self.coordinate = Coordinate(x, y) }
}

/// A sequence of two or more positions joined by straight segments (fewer only when empty).
public struct LineString: Sendable, Hashable {
    public var coordinates: [Coordinate]
    public init(_ coordinates: [Coordinate]) { self.coordinates = coordinates }
    /// True when the first and last positions are equal in x and y.
    public var isClosed: Bool {
        guard let f = coordinates.first, let l = coordinates.last, coordinates.count > 1 else { return false }
        return f.x == l.x && f.y == l.y
    }
}

/// A closed line: first position equals the last, at least four positions when not empty.
/// Orientation is not fixed here; writers orient rings as their format requires.
public struct LinearRing: Sendable, Hashable {
    public var coordinates: [Coordinate]
    public init(_ coordinates: [Coordinate]) { self.coordinates = coordinates }

    /// True when closed with at least four positions (the OGC rule).
    public var isClosedRing: Bool { coordinates.count >= 4 && LineString(coordinates).isClosed }

    /// Twice the signed planar area by the shoelace formula: positive for counter-clockwise
    /// rings in a y-up coordinate system. Units: squared coordinate units.
    public var signedArea: Double {
        guard coordinates.count > 2 else { return 0 }
        var sum = 0.0
        // Relative to the first vertex, to keep precision for projected coordinates.
        let x0 = coordinates[0].x, y0 = coordinates[0].y
        for i in 1..<(coordinates.count - 1) {
            let a = coordinates[i], b = coordinates[i + 1]
            sum += (a.x - x0) * (b.y - y0) - (b.x - x0) * (a.y - y0)
        }
        return sum / 2
    }

    /// True when the ring runs counter-clockwise (y axis pointing up / north).
    public var isCounterClockwise: Bool { signedArea > 0 }

    /// The same ring running the other way.
    public func reversed() -> LinearRing { LinearRing(coordinates.reversed()) }

    /// This ring oriented counter-clockwise (`true`) or clockwise (`false`).
    public func oriented(counterClockwise: Bool) -> LinearRing {
        let area = signedArea
        if area == 0 || (area > 0) == counterClockwise { return self }
        return reversed()
    }

    /// Even-odd point-in-ring test; points on the boundary may go either way.
    public func contains(_ p: Coordinate) -> Bool {
        var inside = false
        var j = coordinates.count - 1
        for i in 0..<coordinates.count {
            let a = coordinates[i], b = coordinates[j]
            if (a.y > p.y) != (b.y > p.y) {
                let xCross = (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x
                if p.x < xCross { inside.toggle() }
            }
            j = i
        }
        return inside
    }
}

/// An area: one exterior ring and any number of holes.
public struct Polygon: Sendable, Hashable {
    public var exterior: LinearRing
    public var holes: [LinearRing]
    public init(exterior: LinearRing, holes: [LinearRing] = []) {
        self.exterior = exterior
        self.holes = holes
    }
    /// Every ring, exterior first.
    public var rings: [LinearRing] { [exterior] + holes }
}

/// Several points as one geometry.
public struct MultiPoint: Sendable, Hashable {
    public var points: [Point]
    public init(_ points: [Point]) { self.points = points }
}

/// Several lines as one geometry.
public struct MultiLineString: Sendable, Hashable {
    public var lineStrings: [LineString]
    public init(_ lineStrings: [LineString]) { self.lineStrings = lineStrings }
}

/// Several polygons as one geometry.
public struct MultiPolygon: Sendable, Hashable {
    public var polygons: [Polygon]
    public init(_ polygons: [Polygon]) { self.polygons = polygons }
}

/// Any mix of geometries.
public struct GeometryCollection: Sendable, Hashable {
    public var geometries: [Geometry]
    public init(_ geometries: [Geometry]) { self.geometries = geometries }
}
