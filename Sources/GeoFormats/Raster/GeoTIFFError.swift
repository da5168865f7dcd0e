/// An error reading or writing a GeoTIFF, carrying libtiff's or libgeotiff's own words where
/// they gave any.
public enum GeoTIFFError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libtiff failed: `operation` is the libtiff call, `message` what libtiff's error handler
    /// reported (e.g. "…: Permission denied" when the folder is not writable, "Not a TIFF or MDI
    /// file, bad magic number …" when reading another kind of file, "Read error at row …" for
    /// a truncated file).
    case libtiff(file: String, operation: String, message: String)
    /// libgeotiff failed to set, write or read the GeoKeys.
    case libgeotiff(file: String, operation: String, message: String)
    /// The georeference cannot be expressed as GeoKeys: no EPSG code or PROJ string, an EPSG
    /// code that is neither a projected nor a geographic CRS, or an unsupported PROJ string;
    /// when reading, GeoKeys that name no CRS PROJ can take (e.g. geocentric).
    case unsupportedCRS(String)
    /// The grid cannot be stored (e.g. larger than a classic TIFF's 4 GiB).
    case invalidGrid(String)
    /// The file is a TIFF the reader cannot turn into a `Grid`; `reason` says why and what to do
    /// (rotated or south-up georeferencing, non-square cells, no georeferencing, a sample
    /// type or photometric interpretation it does not decode).
    case unsupportedRaster(file: String, reason: String)
    /// The image has more than `limit` cells (the reader's `maxCells`); refused before reading.
    case tooManyCells(file: String, width: Int, height: Int, limit: Int)

    public var description: String {
        switch self {
        case let .libtiff(file, op, msg): "\(file): libtiff \(op) failed: \(msg)"
        case let .libgeotiff(file, op, msg): "\(file): libgeotiff \(op) failed: \(msg)"
        case let .unsupportedCRS(msg): "GeoTIFF CRS: \(msg)"
        case let .invalidGrid(msg): "GeoTIFF grid: \(msg)"
        case let .unsupportedRaster(file, reason): "\(file): \(reason)"
        case let .tooManyCells(file, w, h, limit):
            "\(file): \(w) x \(h) = \(w.multipliedReportingOverflow(by: h).overflow ? "too many" : String(w * h)) cells exceed the limit of \(limit); raise the limit or cut the raster (gdal_translate -srcwin / -outsize)"
        }
    }
}
