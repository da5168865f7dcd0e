import Foundation
import GeoCore
import GeoFormats
import GeoProjection
import GeoTopology
@testable import IncidentStore

/// Shared inputs of the demo-data tests: the repository's sample Shapefiles and one default run.
enum DemoTestData {
    static let core: Set<String> = ["AFG", "TJK", "UZB", "TKM", "KGZ", "KAZ"]

    /// `<repo>/Shapefiles`, found from this file's path.
    static let shapefiles: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Shapefiles")

    /// The default run (20 000 records, seed 2026, 2021...2025), generated once per test process.
    static let defaultRun: Result<[IncidentRecord], any Error> = Result {
        try DemoIncidents.generate(dataDirectory: shapefiles)
    }

    static func records() throws -> [IncidentRecord] { try defaultRun.get() }

    static func features(_ layer: String) throws -> [Feature] {
        try ShapefileReader(path: shapefiles.appendingPathComponent(layer).path).readAll().features
    }

    /// UTC calendar components of a date.
    static func components(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.dateComponents([.year, .month, .day, .hour], from: date)
    }

    /// Distances in metres from points to a set of lines, by GEOS on an azimuthal equidistant
    /// projection centred on the region (66° E, 40° N). Scale error of that projection at
    /// ≤ 1 700 km from the centre is under 1.2 %, so a 25 km threshold is good to ±0.3 km.
    struct BorderDistance {
        private let transformer: Transformer
        private let segments: [Geometry]
        private let tree: STRtree

        init(lines: [Geometry]) throws {
            transformer = try Transformer(from: try CRS(epsg: 4326),
                                          to: try CRS("+proj=aeqd +lat_0=40 +lon_0=66 +datum=WGS84 +units=m +type=crs"))
            var parts: [Geometry] = []
            for line in lines {
                let projected = try line.transformed(by: transformer)
                let strings: [LineString]
                switch projected {
                case .lineString(let l): strings = [l]
                case .multiLineString(let m): strings = m.lineStrings
                default: strings = []
                }
                // Short pieces (≤ 20 vertices) so each query hands GEOS only nearby line work.
                for s in strings where s.coordinates.count >= 2 {
                    var start = 0
                    while start < s.coordinates.count - 1 {
                        let end = min(s.coordinates.count - 1, start + 20)
                        parts.append(.lineString(LineString(Array(s.coordinates[start...end]))))
                        start = end
                    }
                }
            }
            segments = parts
            tree = STRtree(geometries: parts)
        }

        /// Distance in metres from (lon, lat) to the nearest line, or nil when none is within
        /// `limit` metres.
        func distance(lon: Double, lat: Double, limit: Double) throws -> Double? {
            let p = try transformer.transform(Coordinate(lon, lat))
            let box = BoundingBox(minX: p.x - limit, minY: p.y - limit, maxX: p.x + limit, maxY: p.y + limit)
            let hits = tree.query(box)
            guard !hits.isEmpty else { return nil }
            let near = Geometry.multiLineString(MultiLineString(hits.compactMap {
                if case .lineString(let l) = segments[$0] { return l }
                return nil
            }))
            let d = try Geometry.point(Point(p)).distance(to: near)
            return d <= limit ? d : nil
        }
    }

    /// Lines of `ca_admin0_boundary_lines_land` whose pair satisfies `keep`.
    static func borderLines(_ keep: (String, String) -> Bool) throws -> [Geometry] {
        try features("ca_admin0_boundary_lines_land.shp").compactMap { f in
            guard let l = f["ADM0_A3_L"].stringValue, let r = f["ADM0_A3_R"].stringValue, keep(l, r) else { return nil }
            return f.geometry
        }
    }
}
