/// A georeferenced raster of `Float` values: `width` x `height` square cells of `cellSize`
/// CRS units, north-up. Row 0 is the northern edge; cell (row, column) covers
/// x in [originX + col·cellSize, originX + (col+1)·cellSize) and
/// y in (originY - (row+1)·cellSize, originY - row·cellSize].
///
/// Analysis modules produce grids (densities per km², z-scores, costs); the renderer draws them.
public struct Grid: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// X of the western edge of column 0.
    public let originX: Double
    /// Y of the northern edge of row 0.
    public let originY: Double
    /// Cell edge length in CRS units (metres for projected CRSs).
    public let cellSize: Double
    /// The CRS as PROJ accepts it (see `FeatureCollection.crs`).
    public var crs: String?
    /// The value that marks a cell without data, if any.
    public var nodata: Float?
    /// Row-major values, `width * height` of them, northern row first.
    public var values: [Float]

    /// Errors from building a grid with inconsistent dimensions.
    public enum GridError: Error, Equatable, CustomStringConvertible {
        case invalidSize(width: Int, height: Int)
        case invalidCellSize(Double)
        case valueCountMismatch(expected: Int, got: Int)

        public var description: String {
            switch self {
            case .invalidSize(let w, let h): "grid size \(w)x\(h) must be at least 1x1"
            case .invalidCellSize(let c): "grid cell size \(c) must be finite and positive"
            case .valueCountMismatch(let e, let g): "grid expects \(e) values, got \(g)"
            }
        }
    }

    /// Creates a grid filled with `fill`.
    /// - Throws: `GridError` when the size is not positive or the cell size not finite and positive.
    public init(width: Int, height: Int, originX: Double, originY: Double, cellSize: Double,
                crs: String? = nil, nodata: Float? = nil, fill: Float = 0) throws {
        try self.init(width: width, height: height, originX: originX, originY: originY, cellSize: cellSize,
                      crs: crs, nodata: nodata,
                      values: Array(repeating: fill, count: Grid.checkedCount(width, height)))
    }

    /// Creates a grid from existing values (row-major, northern row first).
    /// - Throws: `GridError` when dimensions and value count disagree.
    public init(width: Int, height: Int, originX: Double, originY: Double, cellSize: Double,
                crs: String? = nil, nodata: Float? = nil, values: [Float]) throws {
        let count = try Grid.checkedCount(width, height)
        guard cellSize.isFinite, cellSize > 0 else { throw GridError.invalidCellSize(cellSize) }
        guard values.count == count else { throw GridError.valueCountMismatch(expected: count, got: values.count) }
        self.width = width
        self.height = height
        self.originX = originX
        self.originY = originY
        self.cellSize = cellSize
        self.crs = crs
        self.nodata = nodata
        self.values = values
    }

    private static func checkedCount(_ width: Int, _ height: Int) throws -> Int {
        guard width > 0, height > 0 else { throw GridError.invalidSize(width: width, height: height) }
        let (count, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow else { throw GridError.invalidSize(width: width, height: height) }
        return count
    }

    /// The value at (row, column); rows count from the north.
    public subscript(row: Int, column: Int) -> Float {
        get { values[row * width + column] }
        set { values[row * width + column] = newValue }
    }

    /// The extent of the whole grid.
    public var bounds: BoundingBox {
        BoundingBox(minX: originX, minY: originY - Double(height) * cellSize,
                    maxX: originX + Double(width) * cellSize, maxY: originY)
    }

    /// The centre of cell (row, column).
    public func cellCenter(row: Int, column: Int) -> Coordinate {
        Coordinate(originX + (Double(column) + 0.5) * cellSize, originY - (Double(row) + 0.5) * cellSize)
    }

    /// The (row, column) of the cell holding `c`, or nil when outside the grid.
    public func cell(containing c: Coordinate) -> (row: Int, column: Int)? {
        let col = ((c.x - originX) / cellSize).rounded(.down)
        let row = ((originY - c.y) / cellSize).rounded(.down)
        guard col >= 0, row >= 0, col < Double(width), row < Double(height) else { return nil }
        return (Int(row), Int(col))
    }

    /// The smallest and largest values that are not nodata and not NaN, or nil if none.
    public var valueRange: ClosedRange<Float>? {
        var lo = Float.infinity, hi = -Float.infinity
        for v in values where !v.isNaN && v != nodata {
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        return lo <= hi ? lo...hi : nil
    }
}
