import Foundation
import GeoCore
import GeoFormats
import GeoProjection
import GeoTopology

/// One border (all line pieces of one pair of countries) parametrised by geodesic length.
struct DemoBorder: Sendable {
    /// The pair, alphabetical: `AFG-TJK`.
    let key: String
    let weight: Double
    /// Segment end points and the cumulative length in km at the end of each segment.
    let starts: [Coordinate]
    let ends: [Coordinate]
    let cumulativeKm: [Double]

    var lengthKm: Double { cumulativeKm.last ?? 0 }
    var touchesAfghanistan: Bool { key.contains("AFG") }

    /// The point `km` along the border (clamped to its length), interpolated linearly in
    /// longitude/latitude within a segment (segments of the 1:10m lines are a few km long).
    func point(atKm km: Double) -> Coordinate {
        let s = min(max(km, 0), lengthKm)
        var lo = 0, hi = cumulativeKm.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulativeKm[mid] >= s { hi = mid } else { lo = mid + 1 }
        }
        let segStart = lo == 0 ? 0 : cumulativeKm[lo - 1]
        let segLength = cumulativeKm[lo] - segStart
        let t = segLength > 0 ? (s - segStart) / segLength : 0
        let a = starts[lo], b = ends[lo]
        return Coordinate(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
    }
}

/// A populated place of a core country.
struct DemoPlace: Sendable {
    let name: String
    let country: String
    let location: Coordinate
    let population: Int
}

/// The layers the generator samples from, read from the sample Shapefiles directory.
struct DemoGeography: Sendable {
    let borders: [DemoBorder]
    /// Places of core countries (all sizes), for border-post names.
    let places: [DemoPlace]
    /// Indices into `places` of towns that anchor incidents.
    let anchorTowns: [Int]
    private let countries: [(code: String, box: BoundingBox, index: PointInAreaIndex)]
    private let lakes: [(box: BoundingBox, index: PointInAreaIndex)]
    private let placeTree: STRtree
    /// Longitude scale for nearest-place search (equirectangular at 41° N, the region's middle).
    private static let placeXScale = cos(41.0 * .pi / 180)

    /// Layer file names inside the data directory.
    static let boundaryLayer = "ca_admin0_boundary_lines_land.shp"
    static let countryLayer = "ca_admin0_countries.shp"
    static let placeLayer = "ca_populated_places.shp"
    static let lakeLayer = "ca_lakes.shp"

    /// Reads the four layers from `directory`.
    /// - Throws: `FormatError` from the Shapefile reader, `ProjectionError` from geodesic
    ///   lengths, `DemoIncidentsError.missingData` when a layer lacks what the generator needs.
    init(directory: URL) throws {
        func read(_ name: String) throws -> [Feature] {
            try ShapefileReader(path: directory.appendingPathComponent(name).path).readAll().features
        }
        borders = try Self.readBorders(try read(Self.boundaryLayer))
        var countryIndex: [(code: String, box: BoundingBox, index: PointInAreaIndex)] = []
        for f in try read(Self.countryLayer) {
            guard let code = f["ADM0_A3"].stringValue, DemoTables.coreCountries.contains(code),
                  let g = f.geometry, let box = g.boundingBox, let index = PointInAreaIndex(g) else { continue }
            countryIndex.append((code, box, index))
        }
        guard Set(countryIndex.map(\.code)) == DemoTables.coreCountries else {
            throw DemoIncidentsError.missingData("\(Self.countryLayer) lacks polygons of some core countries")
        }
        countries = countryIndex.sorted { $0.code < $1.code }
        lakes = try read(Self.lakeLayer).compactMap { f in
            guard let g = f.geometry, let box = g.boundingBox, let index = PointInAreaIndex(g) else { return nil }
            return (box, index)
        }
        var found: [DemoPlace] = []
        for f in try read(Self.placeLayer) {
            guard let code = f["ne_adm0"].stringValue, DemoTables.coreCountries.contains(code),
                  let name = f["name"].stringValue, !name.isEmpty,
                  case .point(let p)? = f.geometry else { continue }
            found.append(DemoPlace(name: name, country: code, location: p.coordinate,
                                   population: Int(f["pop"].doubleValue ?? 0)))
        }
        places = found
        anchorTowns = found.indices.filter { found[$0].population >= DemoTables.cityMinPopulation }
        guard !anchorTowns.isEmpty else {
            throw DemoIncidentsError.missingData("\(Self.placeLayer) has no town of a core country")
        }
        placeTree = STRtree(boxes: found.map { p in
            let c = Coordinate(p.location.x * Self.placeXScale, p.location.y)
            return BoundingBox(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y)
        })
    }

    private static func readBorders(_ features: [Feature]) throws -> [DemoBorder] {
        var pieces: [String: [[Coordinate]]] = [:]
        for f in features {
            guard let l = f["ADM0_A3_L"].stringValue, let r = f["ADM0_A3_R"].stringValue else { continue }
            let key = [l, r].sorted().joined(separator: "-")
            guard DemoTables.borderWeights[key] != nil, let g = f.geometry else { continue }
            switch g {
            case .lineString(let line): pieces[key, default: []].append(line.coordinates)
            case .multiLineString(let m): pieces[key, default: []] += m.lineStrings.map(\.coordinates)
            default: continue
            }
        }
        var borders: [DemoBorder] = []
        for key in pieces.keys.sorted() {
            guard let weight = DemoTables.borderWeights[key], let lines = pieces[key] else { continue }
            var starts: [Coordinate] = [], ends: [Coordinate] = [], cumulative: [Double] = []
            var total = 0.0
            for line in lines where line.count >= 2 {
                for i in 1..<line.count {
                    let d = try Geodesic.distance(from: line[i - 1], to: line[i]) / 1000
                    guard d > 0 else { continue }
                    total += d
                    starts.append(line[i - 1])
                    ends.append(line[i])
                    cumulative.append(total)
                }
            }
            guard total > 0 else { continue }
            borders.append(DemoBorder(key: key, weight: weight, starts: starts, ends: ends, cumulativeKm: cumulative))
        }
        guard borders.contains(where: \.touchesAfghanistan) else {
            throw DemoIncidentsError.missingData("\(Self.boundaryLayer) has no Afghan border lines")
        }
        return borders
    }

    /// The core country whose interior holds `c` when `c` is not in a lake, else nil. Points
    /// the band index cannot decide (within rounding of an edge) count as outside.
    func coreCountry(at c: Coordinate) -> String? {
        for lake in lakes where lake.box.contains(c) {
            if lake.index.locate(x: c.x, y: c.y) != .exterior { return nil }
        }
        for country in countries where country.box.contains(c) {
            if country.index.locate(x: c.x, y: c.y) == .interior { return country.code }
        }
        return nil
    }

    /// Total population of places within about `radiusKm` of `c` (a box of ±radius, in the
    /// equirectangular approximation), for weighting hotspots by how settled their area is.
    func population(near c: Coordinate, radiusKm: Double) -> Int {
        let dy = radiusKm / 111.2
        let q = Coordinate(c.x * Self.placeXScale, c.y)
        return placeTree.query(BoundingBox(minX: q.x - dy, minY: q.y - dy, maxX: q.x + dy, maxY: q.y + dy))
            .reduce(0) { $0 + places[$1].population }
    }

    /// The place nearest to `c` (equirectangular distance; fine for naming).
    func nearestPlace(to c: Coordinate) -> DemoPlace? {
        let query = Coordinate(c.x * Self.placeXScale, c.y)
        guard let hit = placeTree.nearest(to: query).first else { return nil }
        return places[hit.index]
    }
}
