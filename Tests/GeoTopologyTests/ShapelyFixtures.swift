import Foundation
import GeoCore
@testable import GeoTopology

/// Expected values computed once by shapely 2 (Fixtures/make_shapely_fixtures.py); never our output.
struct ShapelyFixtures: Decodable {
    struct Buffer: Decodable {
        let distance: Double
        let quad_segs: Int
        let cap: String
        let join: String
        let mitre_limit: Double
        let area: Double
    }

    struct ConcaveHull: Decodable {
        let ratio: Double
        let allow_holes: Bool
        let area: Double
    }

    struct Single: Decodable {
        let area: Double
        let length: Double
        let centroid: [Double]
        let bounds: [Double]
        let envelope_area: Double
        let convex_hull_area: Double
        let num_coordinates: Int
        let simplify_dp: [String: Int]
        let simplify_tp: [String: Int]
        let buffers: [Buffer]
        let concave_hull: [ConcaveHull]
    }

    struct Pair: Decodable {
        let a: String
        let b: String
        let distance: Double
        let union_area: Double
        let intersection_area: Double
        let difference_area: Double
        let symmetric_difference_area: Double
        let intersects, contains, within, touches, crosses, overlaps, covers, covered_by, disjoint, equals: Bool
    }

    struct LineWork: Decodable {
        let codes: [String]
        let node_parts: Int
        let line_merge_parts: Int
        let polygonize_count: Int
        let polygonize_area: Double
    }

    struct PointsInPolygon: Decodable {
        let points: [[Double]]
        let contains: [Bool]
    }

    struct Invalid: Decodable {
        let wkt: String
        let is_valid: Bool
        let reason: String
        let make_valid_area: Double
        let make_valid_type: String
    }

    struct WKBCase: Decodable {
        let wkt: String
        let hex: String
    }

    let geos: String
    let countries: [String: String]
    let singles: [String: Single]
    let pairs: [Pair]
    let unary_union_area: Double
    let linework: LineWork
    let points_in_tjk: PointsInPolygon
    let invalid: [Invalid]
    let wkb: [WKBCase]

    /// Loaded once for the whole test run.
    static let shared: ShapelyFixtures = {
        do {
            guard let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
                fatalError("Fixtures folder missing from the test bundle")
            }
            let data = try Data(contentsOf: dir.appendingPathComponent("shapely_fixtures.json"))
            return try JSONDecoder().decode(ShapelyFixtures.self, from: data)
        } catch {
            fatalError("cannot load shapely_fixtures.json: \(error)")
        }
    }()

    /// The country polygons parsed from their WKT.
    static let countries: [String: Geometry] = {
        var out: [String: Geometry] = [:]
        for (code, wkt) in shared.countries {
            do { out[code] = try Geometry(wkt: wkt) } catch { fatalError("bad fixture WKT for \(code): \(error)") }
        }
        return out
    }()

    static func country(_ code: String) -> Geometry {
        guard let g = countries[code] else { fatalError("no fixture country \(code)") }
        return g
    }
}

/// True when `a` and `b` agree within a relative tolerance (or an absolute one near zero).
func close(_ a: Double, _ b: Double, rel: Double, abs: Double = 1e-12) -> Bool {
    Swift.abs(a - b) <= Swift.max(abs, rel * Swift.max(Swift.abs(a), Swift.abs(b)))
}
