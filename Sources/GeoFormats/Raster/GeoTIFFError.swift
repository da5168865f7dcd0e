/// An error writing a GeoTIFF, carrying libtiff's or libgeotiff's own words where they gave any.
public enum GeoTIFFError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libtiff failed: `operation` is the libtiff call, `message` what libtiff's error handler
    /// reported (e.g. "…: Permission denied" when the folder is not writable).
    case libtiff(file: String, operation: String, message: String)
    /// libgeotiff failed to set or write the GeoKeys.
    case libgeotiff(file: String, operation: String, message: String)
    /// The georeference cannot be expressed as GeoKeys: no EPSG code or PROJ string, an EPSG
    /// code that is neither a projected nor a geographic CRS, or an unsupported PROJ string.
    case unsupportedCRS(String)
    /// The grid cannot be stored (e.g. larger than a classic TIFF's 4 GiB).
    case invalidGrid(String)

    public var description: String {
        switch self {
        case let .libtiff(file, op, msg): "\(file): libtiff \(op) failed: \(msg)"
        case let .libgeotiff(file, op, msg): "\(file): libgeotiff \(op) failed: \(msg)"
        case let .unsupportedCRS(msg): "GeoTIFF CRS: \(msg)"
        case let .invalidGrid(msg): "GeoTIFF grid: \(msg)"
        }
    }
}
