import Foundation
import GeoCore

/// Closed-form spherical Web Mercator (EPSG:3857) and XYZ tile maths.
///
/// Formulas (EPSG Guidance Note 7-2, "Popular Visualisation Pseudo Mercator", method 1024):
/// `x = R λ`, `y = R ln tan(π/4 + φ/2)` with R = 6 378 137 m (the WGS 84 semi-major axis) and λ, φ
/// in radians; latitudes are clamped to ±85.0511287798° (where y = ±πR, making the world square).
/// Pixel and tile positions use the usual XYZ convention: origin at the north-west corner
/// (−180°, 85.0511° N), x east, y south. Pure Swift; agrees with PROJ's EPSG:3857 to < 1 mm.
public enum WebMercator {
    /// Sphere radius in metres (WGS 84 semi-major axis).
    public static let earthRadius = 6_378_137.0
    /// Half the world's width in metres, πR = 20 037 508.342789244.
    public static let originShift = Double.pi * earthRadius
    /// Largest latitude represented, degrees: atan(sinh(π)) = 85.0511287798066.
    public static let maxLatitude = atan(sinh(Double.pi)) * 180 / .pi
    /// Pixel size assumed by OGC scale denominators (WMTS): 0.28 mm.
    public static let standardPixelSize = 0.00028

    /// EPSG:3857 metres for a longitude/latitude in degrees; latitude is clamped to
    /// ±`maxLatitude`, longitude is not wrapped.
    public static func mercator(fromLonLat c: Coordinate) -> Coordinate {
        let lat = min(max(c.y, -maxLatitude), maxLatitude)
        let x = earthRadius * c.x * .pi / 180
        let y = earthRadius * asinh(tan(lat * .pi / 180))
        return Coordinate(x: x, y: y, z: c.z, m: c.m)
    }

    /// Longitude/latitude in degrees for EPSG:3857 metres.
    public static func lonLat(fromMercator c: Coordinate) -> Coordinate {
        let lon = c.x / earthRadius * 180 / .pi
        let lat = atan(sinh(c.y / earthRadius)) * 180 / .pi
        return Coordinate(x: lon, y: lat, z: c.z, m: c.m)
    }

    /// Ground resolution at the equator in metres per pixel at `zoom`:
    /// `2πR / (tileSize · 2^zoom)` (156 543.034 m at zoom 0 with 256 px tiles).
    public static func resolution(zoom: Int, tileSize: Int = 256) -> Double {
        2 * originShift / (Double(tileSize) * pow(2, Double(zoom)))
    }

    /// OGC scale denominator at `zoom`: resolution / 0.28 mm (559 082 264.03 at zoom 0, 256 px),
    /// as in the WMTS GoogleMapsCompatible tile matrix set.
    public static func scaleDenominator(zoom: Int, tileSize: Int = 256) -> Double {
        resolution(zoom: zoom, tileSize: tileSize) / standardPixelSize
    }

    /// Global pixel position (fractional, from the north-west corner of the world) of a
    /// longitude/latitude at `zoom`; the world is `tileSize · 2^zoom` pixels wide. Latitude is
    /// clamped as in `mercator(fromLonLat:)`.
    public static func pixel(fromLonLat c: Coordinate, zoom: Int, tileSize: Int = 256) -> (x: Double, y: Double) {
        let m = mercator(fromLonLat: c)
        let worldPixels = Double(tileSize) * pow(2, Double(zoom))
        return ((m.x + originShift) / (2 * originShift) * worldPixels,
                (originShift - m.y) / (2 * originShift) * worldPixels)
    }

    /// The tile containing a longitude/latitude at `zoom`, and the pixel position inside that
    /// tile (0..<tileSize). Points on the east or south edge of the world fall in the last tile.
    /// - Throws: `TileError.invalidZoom`, `.invalidCoordinate` for non-finite input.
    public static func tile(containing c: Coordinate, zoom: Int,
                            tileSize: Int = 256) throws -> (tile: TileCoordinate, pixelX: Double, pixelY: Double) {
        guard TileCoordinate.zoomRange.contains(zoom) else { throw TileError.invalidZoom(zoom) }
        guard c.isFinite else { throw TileError.invalidCoordinate(c) }
        let p = pixel(fromLonLat: c, zoom: zoom, tileSize: tileSize)
        let n = 1 << zoom
        let size = Double(tileSize)
        let tx = min(max(Int((p.x / size).rounded(.down)), 0), n - 1)
        let ty = min(max(Int((p.y / size).rounded(.down)), 0), n - 1)
        return (TileCoordinate(uncheckedZ: zoom, x: tx, y: ty), p.x - Double(tx) * size, p.y - Double(ty) * size)
    }

    /// The tiles at `zoom` that intersect a longitude/latitude box (W, S, E, N degrees), as a
    /// lazy range. A box edge lying exactly on a tile edge does not pull in the neighbouring tile.
    /// Boxes crossing the antimeridian are not split: pass the two halves separately.
    /// - Throws: `TileError.invalidZoom`, `.invalidCoordinate`.
    public static func tiles(covering box: BoundingBox, zoom: Int) throws -> TileRange {
        guard TileCoordinate.zoomRange.contains(zoom) else { throw TileError.invalidZoom(zoom) }
        let nw = Coordinate(box.minX, box.maxY), se = Coordinate(box.maxX, box.minY)
        guard nw.isFinite, se.isFinite else { throw TileError.invalidCoordinate(nw.isFinite ? se : nw) }
        let n = 1 << zoom
        let a = pixel(fromLonLat: nw, zoom: zoom, tileSize: 1)
        let b = pixel(fromLonLat: se, zoom: zoom, tileSize: 1)
        let clamp = { (v: Int) in min(max(v, 0), n - 1) }
        let x0 = clamp(Int(a.x.rounded(.down))), y0 = clamp(Int(a.y.rounded(.down)))
        let x1 = max(x0, clamp(Int(b.x.rounded(.up)) - 1)), y1 = max(y0, clamp(Int(b.y.rounded(.up)) - 1))
        return TileRange(zoom: zoom, columns: x0...x1, rows: y0...y1)
    }
}

/// A rectangle of tiles at one zoom level; iterates row by row (north to south, west to east)
/// without storing the tiles.
public struct TileRange: Sequence, Sendable, Hashable {
    /// Zoom level.
    public let zoom: Int
    /// Tile columns (x).
    public let columns: ClosedRange<Int>
    /// Tile rows (y, from the north).
    public let rows: ClosedRange<Int>

    /// Number of tiles.
    public var count: Int { columns.count * rows.count }
    /// Same as `count`: the range knows its size exactly.
    public var underestimatedCount: Int { count }

    /// True when `tile` is at this zoom and inside the rectangle.
    public func contains(_ tile: TileCoordinate) -> Bool {
        tile.z == zoom && columns.contains(tile.x) && rows.contains(tile.y)
    }

    /// Iterates north to south, and west to east within a row.
    public func makeIterator() -> Iterator {
        Iterator(range: self, x: columns.lowerBound, y: rows.lowerBound)
    }

    /// Iterator over a `TileRange`.
    public struct Iterator: IteratorProtocol {
        let range: TileRange
        var x: Int
        var y: Int

        /// The next tile, or nil after the south-east corner.
        public mutating func next() -> TileCoordinate? {
            guard y <= range.rows.upperBound else { return nil }
            let tile = TileCoordinate(uncheckedZ: range.zoom, x: x, y: y)
            if x < range.columns.upperBound {
                x += 1
            } else {
                x = range.columns.lowerBound
                y += 1
            }
            return tile
        }
    }
}
