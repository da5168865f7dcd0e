import CPROJ
import GeoCore

/// The solution of the inverse geodesic problem between two points on the WGS 84 ellipsoid.
public struct GeodesicInverse: Sendable, Hashable {
    /// Length of the shortest path (geodesic) in metres.
    public let distance: Double
    /// Azimuth of the path at the first point, degrees clockwise from north, in (-180, 180].
    public let initialAzimuth: Double
    /// Azimuth of the path at the second point (direction of travel on arrival), degrees.
    public let finalAzimuth: Double
    /// Azimuth from the second point back to the first (`finalAzimuth` ± 180), degrees in
    /// (-180, 180]; pyproj's `az21`.
    public var backAzimuth: Double {
        let back = finalAzimuth + 180
        return back > 180 ? back - 360 : back
    }
}

/// Geodesic (ellipsoidal shortest-path) measurements on WGS 84 in longitude/latitude degrees.
///
/// Distances and azimuths are PROJ's `proj_geod`; polygon area and perimeter are PROJ's
/// `geod_polygonarea`. Both run Karney's algorithms (C. F. F. Karney, "Algorithms for
/// geodesics", J. Geodesy 87, 43–55, 2013; accurate to ~15 nm), the same code pyproj's `Geod`
/// calls, so areas hold for rings of any size, including ones that cross the antimeridian.
///
/// Uses the calling thread's PROJ context; safe to call from any thread or task.
public enum Geodesic {
    /// Distance and azimuths between two longitude/latitude points (degrees).
    /// - Throws: `ProjectionError.geodesicFailed` for non-finite or out-of-range input.
    public static func inverse(from a: Coordinate, to b: Coordinate) throws -> GeodesicInverse {
        try inverse(from: a, to: b, context: ProjContext.current())
    }

    /// Geodesic distance in metres between two longitude/latitude points.
    /// - Throws: `ProjectionError.geodesicFailed` for non-finite or out-of-range input.
    public static func distance(from a: Coordinate, to b: Coordinate) throws -> Double {
        try inverse(from: a, to: b).distance
    }

    /// Length in metres of a line through `coordinates` along geodesics.
    /// - Throws: `ProjectionError.geodesicFailed` for non-finite or out-of-range input.
    public static func length(of coordinates: [Coordinate]) throws -> Double {
        guard coordinates.count >= 2 else { return 0 }
        let context = try ProjContext.current()
        var total = 0.0
        for i in 1..<coordinates.count {
            total += try inverse(from: coordinates[i - 1], to: coordinates[i], context: context).distance
        }
        return total
    }

    /// Geodesic length in metres of a line string.
    public static func length(of line: LineString) throws -> Double {
        try length(of: line.coordinates)
    }

    /// Signed area (m², positive when counter-clockwise in lon/lat) and perimeter (m) of a ring;
    /// the ring is closed implicitly if its last point differs from its first.
    /// - Throws: `ProjectionError.geodesicFailed` for invalid coordinates or PROJ errors.
    public static func areaAndPerimeter(of ring: [Coordinate]) throws -> (signedArea: Double, perimeter: Double) {
        for c in ring { try validate(c) }
        var points = ring
        if let first = points.first, let last = points.last, first.x == last.x, first.y == last.y {
            points.removeLast()  // geod_polygonarea closes the ring itself.
        }
        guard points.count >= 3 else { return (0, try length(of: closed(ring))) }
        // WGS 84: a = 6378137 m, f = 1/298.257223563 (EPSG:7030).
        var geod = geod_geodesic()
        geod_init(&geod, 6_378_137, 1 / 298.257223563)
        var lats = points.map(\.y)
        var lons = points.map(\.x)
        var area = 0.0, perimeter = 0.0
        // geod_polygonarea: area positive for counter-clockwise traversal; no failure return.
        geod_polygonarea(&geod, &lats, &lons, Int32(points.count), &area, &perimeter)
        guard area.isFinite, perimeter.isFinite else {
            throw ProjectionError.geodesicFailed(message: "no area for a ring of \(points.count) points")
        }
        return (area, perimeter)
    }

    /// Area in m² of a polygon: the exterior ring's area minus its holes' areas.
    /// - Throws: `ProjectionError.geodesicFailed`.
    public static func area(of polygon: Polygon) throws -> Double {
        var total = abs(try areaAndPerimeter(of: polygon.exterior.coordinates).signedArea)
        for hole in polygon.holes {
            total -= abs(try areaAndPerimeter(of: hole.coordinates).signedArea)
        }
        return total
    }

    /// Perimeter in metres of a polygon: the lengths of all its rings.
    public static func perimeter(of polygon: Polygon) throws -> Double {
        try polygon.rings.reduce(0) { $0 + (try length(of: closed($1.coordinates))) }
    }

    // MARK: - internals

    private static func closed(_ ring: [Coordinate]) -> [Coordinate] {
        guard let first = ring.first, let last = ring.last, first != last else { return ring }
        return ring + [first]
    }

    private static func validate(_ c: Coordinate) throws {
        guard c.isFinite, abs(c.y) <= 90 else {
            throw ProjectionError.geodesicFailed(message: "invalid longitude/latitude \(c)")
        }
    }

    static func inverse(from a: Coordinate, to b: Coordinate, context: ProjContext) throws -> GeodesicInverse {
        try validate(a)
        try validate(b)
        let geod = try context.wgs84Ellipsoid()
        // proj_geod: input radians (lam, phi); output (distance m, azi1 deg, azi2 deg, 0).
        let result = proj_geod(geod, proj_coord(a.x * .pi / 180, a.y * .pi / 180, 0, 0),
                               proj_coord(b.x * .pi / 180, b.y * .pi / 180, 0, 0))
        let v = result.v
        guard v.0.isFinite, v.1.isFinite, v.2.isFinite else {
            throw ProjectionError.geodesicFailed(message: context.takeErrorMessage(default: "no result for \(a) -> \(b)"))
        }
        return GeodesicInverse(distance: v.0, initialAzimuth: v.1, finalAzimuth: v.2)
    }
}
