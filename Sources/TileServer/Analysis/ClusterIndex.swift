import Foundation
import GeoCore
import GeoProjection

/// The members of one clustered `incidents` source (one `IncidentClusters` key) sorted on a
/// grid, for tiles above `clusterMaxZoom` crowded past `clusterTileLimit`: how many members a
/// box holds, and the clusters of a zoom around a box, each in work proportional to the members
/// near the box (binary searches per grid row), not to the store.
///
/// Grid: the Web Mercator tiles of zoom `gridZoom`; members are sorted by (row, column), so the
/// members of one row's run of columns are one contiguous slice.
struct ClusterIndex: Sendable {
    static let gridZoom = 14
    /// `row << 32 | column` of each member, ascending.
    private let cells: [UInt64]
    private let members: [GridClusters.Member]

    init(_ unsorted: [GridClusters.Member]) {
        let n = Double(1 << Self.gridZoom)
        let keyed = unsorted.map { m -> (UInt64, GridClusters.Member) in
            let (u, v) = Self.unit(lon: m.lon, lat: m.lat)
            return (Self.cell(row: Int(v * n), column: Int(u * n)), m)
        }.sorted { $0.0 < $1.0 }
        cells = keyed.map(\.0)
        members = keyed.map(\.1)
    }

    var count: Int { members.count }

    /// How many members lie inside `box` (lon/lat, edges included).
    func count(in box: BoundingBox) -> Int {
        var n = 0
        forEachMember(near: box) { m in if box.contains(Coordinate(x: m.lon, y: m.lat)) { n += 1 } }
        return n
    }

    /// The clusters (`GridClusters`) of `zoom` with `radius`-pixel cells, of every cell that
    /// meets `box`: whole cells, so that neighbouring tiles draw the same points where they overlap.
    func clusters(around box: BoundingBox, radius: Double, zoom: Int) -> [Feature] {
        let low = GridClusters.cell(WebMercator.mercator(fromLonLat: Coordinate(x: box.minX, y: box.minY)), radius: radius, zoom: zoom)
        let high = GridClusters.cell(WebMercator.mercator(fromLonLat: Coordinate(x: box.maxX, y: box.maxY)), radius: radius, zoom: zoom)
        // Cell y grows southwards: `low` (south-west corner) has the larger y.
        let xs = low.x...high.x, ys = high.y...low.y
        // The lon/lat box of those whole cells, to find their members on the grid.
        let world = 256 * pow(2, Double(zoom))
        let west = Double(xs.lowerBound) * radius / world, east = Double(xs.upperBound + 1) * radius / world
        let north = Double(ys.lowerBound) * radius / world, south = Double(ys.upperBound + 1) * radius / world
        let cellBox = BoundingBox(minX: west * 360 - 180, minY: Self.latitude(v: min(south, 1)),
                                  maxX: east * 360 - 180, maxY: Self.latitude(v: max(north, 0)))
        var inside: [GridClusters.Member] = []
        forEachMember(near: cellBox) { m in
            let c = GridClusters.cell(WebMercator.mercator(fromLonLat: Coordinate(x: m.lon, y: m.lat)), radius: radius, zoom: zoom)
            if xs.contains(c.x), ys.contains(c.y) { inside.append(m) }
        }
        return GridClusters.features(inside, radius: radius, zoom: zoom)
    }

    /// Calls `body` with every member of the grid tiles that meet `box` (a superset of the box's).
    private func forEachMember(near box: BoundingBox, _ body: (GridClusters.Member) -> Void) {
        let n = 1 << Self.gridZoom
        let (u0, v1) = Self.unit(lon: box.minX, lat: box.minY), (u1, v0) = Self.unit(lon: box.maxX, lat: box.maxY)
        let columns = Self.clamp(Int(u0 * Double(n)), n)...Self.clamp(Int(u1 * Double(n)), n)
        for row in Self.clamp(Int(v0 * Double(n)), n)...Self.clamp(Int(v1 * Double(n)), n) {
            var i = firstIndex(notBelow: Self.cell(row: row, column: columns.lowerBound))
            let end = Self.cell(row: row, column: columns.upperBound)
            while i < cells.count, cells[i] <= end {
                body(members[i])
                i += 1
            }
        }
    }

    private func firstIndex(notBelow key: UInt64) -> Int {
        var low = 0, high = cells.count
        while low < high {
            let mid = (low + high) / 2
            if cells[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private static func cell(row: Int, column: Int) -> UInt64 {
        let n = 1 << gridZoom
        return UInt64(clamp(row, n)) << 32 | UInt64(clamp(column, n))
    }

    private static func clamp(_ i: Int, _ n: Int) -> Int { min(max(i, 0), n - 1) }

    /// Position in the Web Mercator world as fractions 0...1 from its north-west corner.
    private static func unit(lon: Double, lat: Double) -> (u: Double, v: Double) {
        let p = WebMercator.pixel(fromLonLat: Coordinate(x: lon, y: lat), zoom: 0, tileSize: 1)
        return (p.x, p.y)
    }

    /// The latitude of the fraction `v` of the Web Mercator world from its north edge.
    private static func latitude(v: Double) -> Double {
        WebMercator.lonLat(fromMercator: Coordinate(x: 0, y: (1 - 2 * v) * WebMercator.originShift)).y
    }
}
