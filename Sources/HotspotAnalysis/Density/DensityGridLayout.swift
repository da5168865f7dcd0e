import GeoCore

/// Where a density grid's cells are: `width` × `height` square cells of `cellSize` CRS units,
/// north-up, row 0 at the north, the same convention as GeoCore's `Grid`.
///
/// Cell centres: x_j = originX + (j + ½)·cellSize, y_i = originY − (i + ½)·cellSize (the
/// convention of `shared/reference/kde_spec.json`). When the origin lies within 10⁻⁶ of a cell
/// of a multiple of `cellSize` (grids aligned to a global lattice, such as Web Mercator zoom
/// levels), the centres are computed from the global cell index instead,
/// x_j = (k₀ + j + ½)·cellSize with k₀ = round(originX / cellSize) (likewise y), so that two
/// grids that share cell centres compute bit-identical centre coordinates, and hence
/// bit-identical densities there (no seams between tiles).
public struct DensityGridLayout: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// X of the western edge of column 0.
    public let originX: Double
    /// Y of the northern edge of row 0.
    public let originY: Double
    /// Cell edge in CRS units (metres).
    public let cellSize: Double

    /// The largest grid accepted: 400 million cells (3.2 GB of doubles).
    public static let maxCells = 400_000_000

    /// - Throws: `DensityError.invalidCellSize`, `.invalidGridSize`.
    public init(width: Int, height: Int, originX: Double, originY: Double, cellSize: Double) throws {
        guard cellSize.isFinite, cellSize > 0 else { throw DensityError.invalidCellSize(cellSize) }
        guard width > 0, height > 0, originX.isFinite, originY.isFinite,
              width <= Self.maxCells / height else {
            throw DensityError.invalidGridSize(width: width, height: height, limit: Self.maxCells)
        }
        self.width = width
        self.height = height
        self.originX = originX
        self.originY = originY
        self.cellSize = cellSize
    }

    /// The grid covering `extent` with cells of `cellSize`: origin at its north-west corner,
    /// ⌈width / cellSize⌉ columns and ⌈height / cellSize⌉ rows (at least one each), so
    /// the grid may reach up to one cell past the east and south edges (as ArcGIS does).
    /// - Throws: `DensityError.invalidCellSize`, `.invalidGridSize`.
    public init(covering extent: BoundingBox, cellSize: Double) throws {
        guard cellSize.isFinite, cellSize > 0 else { throw DensityError.invalidCellSize(cellSize) }
        // A ratio within 1e-9 of a whole number counts as whole (the default cell size is
        // extent / 250, which need not divide back to exactly 250 in floating point).
        let cols = max(1.0, (extent.width / cellSize - 1e-9).rounded(.up))
        let rows = max(1.0, (extent.height / cellSize - 1e-9).rounded(.up))
        guard cols * rows <= Double(Self.maxCells) else {
            throw DensityError.invalidGridSize(width: Int(min(cols, 1e15)), height: Int(min(rows, 1e15)), limit: Self.maxCells)
        }
        try self.init(width: Int(cols), height: Int(rows), originX: extent.minX, originY: extent.maxY, cellSize: cellSize)
    }

    /// ArcGIS Pro's default cell size for an extent: the shorter of its width and height
    /// divided by 250 (the longer side when the shorter is 0, e.g. points on one line).
    /// - Throws: `DensityError.degenerateExtent` when both are 0.
    public static func defaultCellSize(for extent: BoundingBox) throws -> Double {
        let shorter = min(extent.width, extent.height)
        let side = shorter > 0 ? shorter : max(extent.width, extent.height)
        guard side > 0, side.isFinite else { throw DensityError.degenerateExtent }
        return side / 250
    }

    /// ArcGIS's default output grid: the extent of the input points (ArcGIS's default
    /// "Output extent" is the input features' extent, not grown by the radius) and, unless given,
    /// the default cell size of that extent.
    /// - Throws: `DensityError.noPoints`, `.degenerateExtent`, `.invalidCellSize`, `.invalidGridSize`.
    public static func arcGISDefault(for points: [AnalysisPoint], cellSize: Double? = nil) throws -> DensityGridLayout {
        guard let extent = BoundingBox(covering: points.map { Coordinate($0.x, $0.y) }) else { throw DensityError.noPoints }
        return try DensityGridLayout(covering: extent, cellSize: cellSize ?? defaultCellSize(for: extent))
    }

    /// The grid's extent.
    public var bounds: BoundingBox {
        BoundingBox(minX: originX, minY: originY - Double(height) * cellSize,
                    maxX: originX + Double(width) * cellSize, maxY: originY)
    }

    /// The x of the centres of columns 0..<width (see the type for the rule).
    public func centreXs() -> [Double] {
        let k = (originX / cellSize).rounded()
        if abs(originX - k * cellSize) <= 1e-6 * cellSize, abs(k) < 1e15 {
            return (0..<width).map { (k + Double($0)) * cellSize + 0.5 * cellSize }
        }
        return (0..<width).map { originX + (Double($0) + 0.5) * cellSize }
    }

    /// The y of the centres of rows 0..<height, northern row first (see the type for the rule).
    public func centreYs() -> [Double] {
        let k = (originY / cellSize).rounded()
        if abs(originY - k * cellSize) <= 1e-6 * cellSize, abs(k) < 1e15 {
            return (0..<height).map { (k - Double($0)) * cellSize - 0.5 * cellSize }
        }
        return (0..<height).map { originY - (Double($0) + 0.5) * cellSize }
    }
}
