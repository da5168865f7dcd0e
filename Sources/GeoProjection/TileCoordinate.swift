import GeoCore

/// An invalid tile address.
public enum TileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Zoom outside `TileCoordinate.zoomRange`.
    case invalidZoom(Int)
    /// Column or row outside `0..<2^z`.
    case outOfRange(z: Int, x: Int, y: Int)
    /// A longitude/latitude that is not finite.
    case invalidCoordinate(Coordinate)

    /// A one-line message naming the bad value.
    public var description: String {
        switch self {
        case let .invalidZoom(z): return "zoom \(z) is outside \(TileCoordinate.zoomRange)"
        case let .outOfRange(z, x, y):
            return "tile \(z)/\(x)/\(y) does not exist: x and y must be in 0..<\(1 << max(0, min(z, 30)))"
        case let .invalidCoordinate(c): return "coordinate \(c) is not a finite longitude/latitude"
        }
    }
}

/// An XYZ ("slippy map", Google/OSM) tile address in Web Mercator: `z` zoom, `x` column from
/// the antimeridian eastwards, `y` row from the north (85.0511° N) southwards.
public struct TileCoordinate: Sendable, Hashable, CustomStringConvertible {
    /// Zoom levels accepted: 0 (one tile for the world) to 30.
    public static let zoomRange = 0...30

    /// Zoom level.
    public let z: Int
    /// Column, 0..<2^z.
    public let x: Int
    /// Row from the north, 0..<2^z.
    public let y: Int

    /// Creates a tile address.
    /// - Throws: `TileError.invalidZoom`, `.outOfRange`.
    public init(z: Int, x: Int, y: Int) throws {
        guard TileCoordinate.zoomRange.contains(z) else { throw TileError.invalidZoom(z) }
        let n = 1 << z
        guard (0..<n).contains(x), (0..<n).contains(y) else { throw TileError.outOfRange(z: z, x: x, y: y) }
        self.z = z
        self.x = x
        self.y = y
    }

    /// Creates a tile from a TMS address (row counted from the south: `y = 2^z - 1 - tmsY`).
    /// - Throws: as `init(z:x:y:)`.
    public init(z: Int, x: Int, tmsY: Int) throws {
        guard TileCoordinate.zoomRange.contains(z) else { throw TileError.invalidZoom(z) }
        try self.init(z: z, x: x, y: (1 << z) - 1 - tmsY)
    }

    /// Unchecked initialiser for values already known to be valid.
    init(uncheckedZ z: Int, x: Int, y: Int) {
        self.z = z
        self.x = x
        self.y = y
    }

    /// Number of tiles along each axis at this zoom, 2^z.
    public var tilesPerSide: Int { 1 << z }

    /// The row in TMS numbering (from the south), as MBTiles stores it: `2^z - 1 - y`.
    public var tmsY: Int { tilesPerSide - 1 - y }

    /// The tile's extent in EPSG:3857 metres.
    public var mercatorBounds: BoundingBox {
        let size = 2 * WebMercator.originShift / Double(tilesPerSide)
        let minX = -WebMercator.originShift + Double(x) * size
        let maxY = WebMercator.originShift - Double(y) * size
        return BoundingBox(minX: minX, minY: maxY - size, maxX: minX + size, maxY: maxY)
    }

    /// The tile's extent in longitude/latitude degrees (EPSG:4326, x = longitude).
    public var lonLatBounds: BoundingBox {
        let m = mercatorBounds
        let sw = WebMercator.lonLat(fromMercator: Coordinate(m.minX, m.minY))
        let ne = WebMercator.lonLat(fromMercator: Coordinate(m.maxX, m.maxY))
        return BoundingBox(minX: sw.x, minY: sw.y, maxX: ne.x, maxY: ne.y)
    }

    /// The tile one zoom level up that contains this one, or nil at zoom 0.
    public var parent: TileCoordinate? {
        z == 0 ? nil : TileCoordinate(uncheckedZ: z - 1, x: x / 2, y: y / 2)
    }

    /// The four tiles one zoom level down (NW, NE, SW, SE), or empty at the maximum zoom.
    public var children: [TileCoordinate] {
        guard z < TileCoordinate.zoomRange.upperBound else { return [] }
        return [(0, 0), (1, 0), (0, 1), (1, 1)].map {
            TileCoordinate(uncheckedZ: z + 1, x: 2 * x + $0.0, y: 2 * y + $0.1)
        }
    }

    /// `z/x/y`.
    public var description: String { "\(z)/\(x)/\(y)" }
}
