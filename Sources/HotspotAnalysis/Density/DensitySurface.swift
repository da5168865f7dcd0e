import GeoCore

/// A kernel density grid in double precision: what `DensityEstimator` computes, before the
/// conversion to GeoCore's `Float` `Grid`.
///
/// Kept in `Double` because the reference tolerance (relative 10⁻⁹) and the `.asc` output
/// (at least 9 significant digits) are beyond `Float`'s 7 digits; `grid(nodata:)` gives the
/// `Float` raster for drawing and GeoTIFF.
///
/// No data: a cell no kernel reaches (no point of positive weight strictly within h, or every
/// such point behind a barrier) holds exactly 0 here; ArcGIS writes NoData there, and so does
/// `grid(nodata:)`. Every kernel is strictly positive inside its radius, so with weights ≥ 0
/// "density 0" and "no kernel reaches" are the same cells.
public struct DensitySurface: Sendable, Hashable {
    public let layout: DensityGridLayout
    /// Row-major densities, `layout.width × layout.height`, northern row first; 0 = no data.
    public let values: [Double]
    public let unit: DensityUnit
    /// The CRS of the grid as PROJ accepts it, if known.
    public var crs: String?

    /// The NoData value `grid()` writes by default (ArcGIS's usual −9999; densities are ≥ 0).
    public static let defaultNodata: Float = -9999

    /// A surface from existing values (row-major, northern row first, 0 = no data).
    /// - Throws: `DensityError.invalidGridSize` when `values` does not hold one value per cell.
    public init(layout: DensityGridLayout, values: [Double], unit: DensityUnit, crs: String? = nil) throws {
        guard values.count == layout.width * layout.height else {
            throw DensityError.invalidGridSize(width: layout.width, height: layout.height, limit: values.count)
        }
        self.init(checked: layout, values: values, unit: unit, crs: crs)
    }

    /// The estimators' own initialiser: `values` has one value per cell by construction.
    init(checked layout: DensityGridLayout, values: [Double], unit: DensityUnit, crs: String?) {
        self.layout = layout
        self.values = values
        self.unit = unit
        self.crs = crs
    }

    /// The density at (row, column), rows from the north; 0 where no kernel reaches.
    public subscript(row: Int, column: Int) -> Double { values[row * layout.width + column] }

    /// True when some kernel reaches the cell (see the type).
    public func hasData(row: Int, column: Int) -> Bool { self[row, column] != 0 }

    /// The largest density (0 for an empty surface).
    public var maximum: Double { values.max() ?? 0 }

    /// The densities of the cells with data, in row-major order.
    public var dataValues: [Double] { values.filter { $0 != 0 } }

    /// The surface as a GeoCore `Grid` of `Float`s with `crs` set; cells without data hold
    /// `nodata` (default −9999) and `Grid.nodata` says so. Values are rounded to `Float`
    /// (relative error ≤ 6·10⁻⁸); a positive density too small for `Float` becomes its
    /// smallest positive value rather than 0.
    /// - Throws: `Grid.GridError` only if the layout were inconsistent (it is checked on creation).
    public func grid(nodata: Float = DensitySurface.defaultNodata) throws -> Grid {
        let floats = values.map { v -> Float in
            if v == 0 { return nodata }
            let f = Float(v)
            return f == 0 ? (v > 0 ? Float.leastNonzeroMagnitude : -Float.leastNonzeroMagnitude) : f
        }
        return try Grid(width: layout.width, height: layout.height, originX: layout.originX, originY: layout.originY,
                        cellSize: layout.cellSize, crs: crs, nodata: nodata, values: floats)
    }
}
