import GeoCore

/// A raster as read from a file (ESRI ASCII grid or GeoTIFF): the grid, the values at full
/// precision and the CRS.
public struct RasterFile: Sendable, Hashable {
    /// Size, origin (north-west corner), cell size, NODATA, CRS (as `crs`) and `Float` values.
    public var grid: Grid
    /// The values as stored in the file, converted exactly to `Double` (integers, Float32 and
    /// Float64 samples all fit), row-major, northern row first; NODATA cells keep the NODATA value.
    public var values: [Double]
    /// The CRS as text PROJ parses: `EPSG:n` or a PROJ string for a GeoTIFF, the `.prj`
    /// sidecar's ESRI WKT for an ASCII grid; nil when the file names none.
    public var crs: String?

    public init(grid: Grid, values: [Double], crs: String?) {
        self.grid = grid
        self.values = values
        self.crs = crs
    }
}
