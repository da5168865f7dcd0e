import CGeoTIFF
import Foundation
import GeoCore

/// Reads band 1 of a GeoTIFF through libtiff and libgeotiff into a `Grid`.
///
/// Image: the first directory; strips or tiles, contiguous or separate planes, any number of
/// bands (band 1 is read), unsigned or signed integers of 8, 16 or 32 bits or IEEE floats of 32
/// or 64 bits, any compression this libtiff decodes (none, PackBits, LZW, DEFLATE, with or
/// without a predictor). See `TIFFBandReader`.
///
/// Georeferencing (GeoTIFF 1.0): north-up only, from `ModelPixelScaleTag` with one
/// `ModelTiepointTag`, or a `ModelTransformationTag` without rotation; `RasterPixelIsPoint`
/// moves the origin half a cell to the outer corner; cells must be square (see
/// `GeoTIFFPlacement`). CRS: `EPSG:n` from `ProjectedCSTypeGeoKey` / `GeographicTypeGeoKey`,
/// or libgeotiff's PROJ string for user-defined keys; nil without CRS keys.
///
/// NODATA: GDAL's `GDAL_NODATA` tag (42113, the number as ASCII text, e.g. "-9999" or "nan").
public enum GeoTIFFReader {
    /// The default largest image read, in cells (width × height): 100 million (800 MB of
    /// `Double` values plus 400 MB of `Float` grid).
    public static let defaultMaxCells = 100_000_000

    /// Reads band 1 of the GeoTIFF at `url`.
    ///
    /// - Parameter maxCells: images with more cells are refused before any raster memory is
    ///   allocated.
    /// - Returns: the grid (`Float` values, `crs` and `nodata` set), the values as `Double`s
    ///   exactly as stored, and the CRS text.
    /// - Throws: `GeoTIFFError`: `.libtiff` with libtiff's message when the file cannot be
    ///   opened (missing, not a TIFF) or a strip or tile cannot be read (truncated, corrupt, a
    ///   compression this libtiff lacks); `.tooManyCells` above `maxCells`;
    ///   `.unsupportedRaster` for rotated, south-up or ungeoreferenced rasters, non-square
    ///   cells, unsupported sample types, or a `GDAL_NODATA` text that is not a number;
    ///   `.unsupportedCRS` / `.libgeotiff` for CRS keys that cannot be read.
    public static func read(contentsOf url: URL, maxCells: Int = defaultMaxCells) throws -> RasterFile {
        // "m": no memory mapping; libtiff then reports reads past the end of a truncated file
        // ("Read error on tile …") instead of failing silently, and a file cut while mapped
        // cannot crash the process.
        let h = try TIFFHandle(path: url.path, mode: "rm")
        let band = try TIFFBandReader(h, maxCells: maxCells)
        let placement = try GeoTIFFPlacement.read(h)
        let nodata = try nodataValue(h)
        let values = try band.read(h)
        do {
            let grid = try Grid(width: band.width, height: band.height, originX: placement.originX, originY: placement.originY,
                                cellSize: placement.cellSize, crs: placement.crs, nodata: nodata.map(Float.init),
                                values: values.map(Float.init))
            return RasterFile(grid: grid, values: values, crs: placement.crs)
        } catch let e as Grid.GridError {
            throw GeoTIFFError.unsupportedRaster(file: h.path, reason: e.description)
        }
    }

    /// The `GDAL_NODATA` tag's number, nil when absent.
    static func nodataValue(_ h: TIFFHandle) throws -> Double? {
        guard let text = h.ascii(gdalNodataTag) else { return nil }
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let v = Double(t) ?? (t.lowercased() == "nan" ? .nan : nil) else {
            throw GeoTIFFError.unsupportedRaster(file: h.path, reason: "GDAL_NODATA tag '\(text)' is not a number")
        }
        return v
    }
}
