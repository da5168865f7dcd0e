import GeoCore
import GeoTopology

/// Border crossings derived from geometry: the points where roads cross country boundary lines.
///
/// These are computed points, not recorded checkpoints: a road drawn across a boundary line at
/// 1:10m scale gives a point whether or not a checkpoint exists there, and a real checkpoint is
/// missed when the generalised road stops short of the line.
///
/// Method (all in the plane of the input coordinates, normally WGS 84 longitude/latitude):
/// 1. Boundary lines are indexed by bounding box (`STRtree`); each road (LineString or
///    MultiLineString) is intersected with every boundary line whose box meets its box, by GEOS
///    (`GEOSIntersection_r`). Point parts of the intersection are crossings; line parts (a road
///    running along the boundary) are not crossings and are left out.
/// 2. Points closer than `mergeTolerance` degrees (1e-7°, about 1 cm) on the same boundary line
///    are one crossing: the source layers split roads at borders, so the two pieces of one road
///    meet the line at the same point. The first road in input order gives the road fields.
/// 3. The two countries come from the boundary line's fields `ADM0_A3_L`/`ADM0_A3_R` (ISO-like
///    A3 codes) and `ADM0_LEFT`/`ADM0_RIGHT` (names), as Natural Earth's boundary lines carry
///    them. When the line lacks them and `countries` is given, each side is found by
///    point-in-polygon: a point on the road `sideStep` degrees (1e-4°, about 10 m) before and
///    after the crossing is located in the countries layer (code from `ISO_A3`, else `ADM0_A3`;
///    name from `ADMIN`, else `NAME`).
///
/// Output features are points, sorted by longitude then latitude, with integer ids from 1 and
/// the properties: `derived` (integer 1), `country_a`, `country_b` (A3 codes, "" when unknown),
/// `name_a`, `name_b`, `road_type` (the road's `type` field), `road_id` (the road's `road_id`
/// field, else its index from 0), `lon`, `lat` (degrees, rounded to 7 decimals).
public enum BorderCrossings {
    /// Points closer than this (coordinate units, degrees for lon/lat) on one boundary line merge.
    public static let mergeTolerance = 1e-7
    /// Distance along the road (coordinate units) to each side of a crossing for the country lookup.
    public static let sideStep = 1e-4

    /// Derives border-crossing points from `roads` × `boundaries` (see the type's documentation).
    /// - Parameters:
    ///   - roads: line features; other geometry types are skipped.
    ///   - boundaries: country boundary lines, ideally with Natural Earth's `ADM0_*` fields.
    ///   - countries: country polygons, used only for boundary lines without country fields.
    /// - Throws: `TopologyError` from GEOS for invalid geometries.
    public static func derive(roads: FeatureCollection, boundaries: FeatureCollection,
                              countries: FeatureCollection?) throws -> [Feature] {
        let boundaryGeometries = boundaries.features.map { $0.geometry ?? .empty }
        let tree = STRtree(geometries: boundaryGeometries)
        let locator = countries.map(CountryLocator.init)
        var found: [CrossingCandidate] = []
        var seen: [CrossingKey: Int] = [:]
        for (roadIndex, road) in roads.features.enumerated() {
            guard let geometry = road.geometry, geometry.dimension == 1, let box = geometry.boundingBox else { continue }
            for b in tree.query(box).sorted() {
                let cut = try robustIntersection(geometry, boundaryGeometries[b])
                for point in crossingPoints(cut) {
                    let key = CrossingKey(boundary: b, point: point, tolerance: mergeTolerance)
                    if seen[key] != nil { continue }
                    seen[key] = found.count
                    found.append(CrossingCandidate(point: point, roadIndex: roadIndex, boundaryIndex: b))
                }
            }
        }
        var features: [Feature] = []
        for c in found {
            let road = roads.features[c.roadIndex]
            let boundary = boundaries.features[c.boundaryIndex]
            var sides = CountrySides(boundary: boundary)
            if sides == nil, let locator, let geometry = road.geometry {
                sides = locator.sides(of: c.point, along: geometry, step: sideStep)
            }
            let s = sides ?? CountrySides(codeA: "", nameA: "", codeB: "", nameB: "")
            let roadID: PropertyValue = road.value(named: "road_id").flatMap { v in
                v.doubleValue.map { .integer(Int64($0)) } } ?? .integer(Int64(c.roadIndex))
            features.append(Feature(geometry: .point(Point(c.point)), properties: [
                "derived": .integer(1),
                "country_a": .string(s.codeA), "country_b": .string(s.codeB),
                "name_a": .string(s.nameA), "name_b": .string(s.nameB),
                "road_type": .string(road.value(named: "type")?.description ?? ""),
                "road_id": roadID,
                "lon": .double((c.point.x * 1e7).rounded() / 1e7),
                "lat": .double((c.point.y * 1e7).rounded() / 1e7),
            ]))
        }
        features.sort { a, b in
            let pa = a.pointCoordinate, pb = b.pointCoordinate
            return pa.x != pb.x ? pa.x < pb.x : pa.y < pb.y
        }
        for i in features.indices { features[i].id = .integer(Int64(i + 1)) }
        return features
    }

    /// The fields of the derived-crossings layer, in writing order (for shapefile and Esri JSON).
    public static let fields: [Field] = [
        Field(name: "derived", type: .integer, width: 1),
        Field(name: "country_a", type: .string, width: 3), Field(name: "country_b", type: .string, width: 3),
        Field(name: "name_a", type: .string, width: 40), Field(name: "name_b", type: .string, width: 40),
        Field(name: "road_type", type: .string, width: 20), Field(name: "road_id", type: .integer, width: 6),
        Field(name: "lon", type: .real, width: 12, precision: 7), Field(name: "lat", type: .real, width: 12, precision: 7),
    ]

    /// `a ∩ b` by GEOS; when GEOS rejects `b` as invalid (a TopologyException), once more with
    /// `b.makeValid()`, and the first error is thrown if that fails too.
    static func robustIntersection(_ a: Geometry, _ b: Geometry) throws -> Geometry {
        do {
            return try a.intersection(b)
        } catch let first as TopologyError {
            guard let fixed = try? b.makeValid(), let cut = try? a.intersection(fixed) else { throw first }
            return cut
        }
    }

    /// The point parts of an intersection result (line parts are overlaps, not crossings).
    static func crossingPoints(_ g: Geometry) -> [Coordinate] {
        switch g {
        case .point(let p): [p.coordinate]
        case .multiPoint(let m): m.points.map(\.coordinate)
        case .geometryCollection(let c): c.geometries.flatMap(crossingPoints)
        default: []
        }
    }
}

/// One crossing found before its properties are filled in.
struct CrossingCandidate {
    var point: Coordinate
    var roadIndex: Int
    var boundaryIndex: Int
}

/// A boundary line and a point snapped to a `tolerance` lattice: equal keys are one crossing.
struct CrossingKey: Hashable {
    var boundary: Int
    var ix: Int64
    var iy: Int64
    init(boundary: Int, point: Coordinate, tolerance: Double) {
        self.boundary = boundary
        ix = Int64((point.x / tolerance).rounded())
        iy = Int64((point.y / tolerance).rounded())
    }
}

extension Feature {
    /// The property whose name matches `name` ignoring case, nil when absent or null.
    func value(named name: String) -> PropertyValue? {
        if let v = properties[name], v != .null { return v }
        let lower = name.lowercased()
        for (k, v) in properties where k.lowercased() == lower && v != .null { return v }
        return nil
    }

    /// The coordinate of a point feature (the origin for anything else; used for sorting only).
    var pointCoordinate: Coordinate {
        if case .point(let p) = geometry { return p.coordinate }
        return Coordinate(0, 0)
    }
}
