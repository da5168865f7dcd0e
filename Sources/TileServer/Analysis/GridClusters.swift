import Foundation
import GeoCore
import GeoProjection

/// Incidents aggregated on a screen-space grid per zoom, for `incidents` sources with
/// `"cluster": true`.
///
/// Rule: at zoom z the world is 256·2^z pixels wide (Web Mercator, EPSG:3857); cells are squares
/// of `radius` pixels from the world's north-west corner, so a cell of zoom z − 1 is exactly four
/// cells of zoom z and every tile draws the same clusters (no seams, no per-tile work). A cell
/// holding one incident draws that incident as it is; a cell holding more draws one point at
/// the mean of their Web Mercator positions with `point_count`, `point_count_abbreviated`
/// (`1.2k`, as supercluster abbreviates), `cluster` = true and `category` = the most frequent category (ties: the first in
/// alphabetical order; none when no incident has one).
///
/// Cost: one pass over the incidents at the finest zoom, then each coarser zoom from the cells
/// of the next finer one; memory a few words per incident while building, then one feature per
/// cell and zoom.
struct GridClusters: Sendable {
    /// One incident: its position and the properties it draws with when alone in its cell.
    struct Member: Sendable {
        var lon: Double
        var lat: Double
        var category: String?
        var properties: [String: PropertyValue]
    }

    /// The features of each zoom 0...maxZoom (index = zoom).
    let levels: [[Feature]]

    /// Clusters `members` at zooms 0...`maxZoom` with cells of `radius` pixels.
    init(_ members: [Member], radius: Double, maxZoom: Int) {
        precondition(radius > 0 && maxZoom >= 0, "radius > 0 and maxZoom >= 0 (the style decoder checks both)")
        var cells = Self.cells(members, radius: radius, zoom: maxZoom)
        var levels: [[Feature]] = Array(repeating: [], count: maxZoom + 1)
        for z in stride(from: maxZoom, through: 0, by: -1) {
            levels[z] = Self.features(of: cells, members)
            if z > 0 {
                var coarser: [Cell: Accumulator] = [:]
                for (cell, a) in cells { coarser[Cell(x: cell.x >> 1, y: cell.y >> 1), default: Accumulator()].merge(a) }
                cells = coarser
            }
        }
        self.levels = levels
    }

    /// The features of `zoom` alone, for `members` that fill whole cells of that zoom (a crowded
    /// tile's cells, `ClusterIndex`): the same features as `levels[zoom]` of clusters of a
    /// larger set holding these members.
    static func features(_ members: [Member], radius: Double, zoom: Int) -> [Feature] {
        features(of: cells(members, radius: radius, zoom: zoom), members)
    }

    /// One feature per cell, in row-major order of the cells (so that overlapping points draw
    /// in the same order on every tile and in every run).
    static func features(of cells: [Cell: Accumulator], _ members: [Member]) -> [Feature] {
        cells.sorted { ($0.key.y, $0.key.x) < ($1.key.y, $1.key.x) }.map { $0.value.feature(members) }
    }

    /// The occupied cells of `zoom`, each with its members.
    static func cells(_ members: [Member], radius: Double, zoom: Int) -> [Cell: Accumulator] {
        var cells: [Cell: Accumulator] = [:]
        for (i, m) in members.enumerated() {
            let p = WebMercator.mercator(fromLonLat: Coordinate(x: m.lon, y: m.lat))
            cells[cell(p, radius: radius, zoom: zoom), default: Accumulator()].add(i, x: p.x, y: p.y, category: m.category)
        }
        return cells
    }

    /// The cell of zoom `zoom` holding the Web Mercator position `p`.
    static func cell(_ p: Coordinate, radius: Double, zoom: Int) -> Cell {
        let world = 256 * pow(2, Double(zoom)), half = WebMercator.originShift
        let u = (p.x + half) / (2 * half), v = (half - p.y) / (2 * half)
        // At most 256·2^24 px / 1 px < 2^33 cells a side: Int64 holds every cell index.
        return Cell(x: Int64(max((u * world / radius).rounded(.down), 0)), y: Int64(max((v * world / radius).rounded(.down), 0)))
    }

    /// The features of `zoom` (the finest level above `maxZoom`).
    func features(atZoom zoom: Int) -> [Feature] {
        levels[min(max(zoom, 0), levels.count - 1)]
    }

    /// The count as MapLibre's clusters abbreviate it (supercluster's rule): 1234 → `1.2k`,
    /// 25400 → `25k`, below 1000 the number itself.
    static func abbreviated(_ n: Int) -> String {
        if n >= 10_000 { return "\(Int((Double(n) / 1000).rounded()))k" }
        if n >= 1000 {
            let tenths = Int((Double(n) / 100).rounded())
            return tenths % 10 == 0 ? "\(tenths / 10)k" : "\(tenths / 10).\(tenths % 10)k"
        }
        return String(n)
    }

    struct Cell: Hashable { let x: Int64, y: Int64 }

    /// The incidents of one cell: count, sums of positions, categories, and the first member.
    struct Accumulator {
        var count = 0
        var sumX = 0.0, sumY = 0.0
        var categories: [String: Int] = [:]
        var first = -1

        mutating func add(_ index: Int, x: Double, y: Double, category: String?) {
            if first < 0 { first = index }
            count += 1
            sumX += x
            sumY += y
            if let category { categories[category, default: 0] += 1 }
        }

        mutating func merge(_ other: Accumulator) {
            if first < 0 || (other.first >= 0 && other.first < first) { first = other.first }
            count += other.count
            sumX += other.sumX
            sumY += other.sumY
            for (c, n) in other.categories { categories[c, default: 0] += n }
        }

        /// The member itself when alone, else the cluster point.
        func feature(_ members: [Member]) -> Feature {
            if count == 1 {
                let m = members[first]
                return Feature(geometry: .point(Point(x: m.lon, y: m.lat)), properties: m.properties)
            }
            let centre = WebMercator.lonLat(fromMercator: Coordinate(x: sumX / Double(count), y: sumY / Double(count)))
            var p: [String: PropertyValue] = ["point_count": .integer(Int64(count)), "cluster": .bool(true),
                                              "point_count_abbreviated": .string(GridClusters.abbreviated(count))]
            if let top = categories.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) { p["category"] = .string(top.key) }
            return Feature(geometry: .point(Point(x: centre.x, y: centre.y)), properties: p)
        }
    }
}
