import Foundation
import GeoCore

/// Reads a raster in the format its file extension names.
public enum RasterReader {
    /// Reads `url` as the format its extension names (`RasterFormat(pathExtension:)`): `.asc`
    /// through `ESRIASCIIGridReader` (with its `.prj`), `.tif`/`.tiff` through `GeoTIFFReader`
    /// (band 1).
    ///
    /// - Parameter maxCells: the largest GeoTIFF (width × height) read, checked before any
    ///   raster memory is allocated; default `GeoTIFFReader.defaultMaxCells` (100 million). An
    ///   ASCII grid needs at least two bytes of text per cell, so its size is bounded by the file's.
    /// - Throws: `FormatError` for an unknown extension or a malformed ASCII grid; `GeoTIFFError`
    ///   from the GeoTIFF reader; Foundation's file errors when an ASCII grid cannot be read.
    public static func read(contentsOf url: URL, maxCells: Int = GeoTIFFReader.defaultMaxCells) throws -> RasterFile {
        guard let format = RasterFormat(pathExtension: url.pathExtension) else {
            throw FormatError(file: url.path, "unknown raster extension '.\(url.pathExtension)': use .asc, .tif or .tiff")
        }
        switch format {
        case .asciiGrid: return try ESRIASCIIGridReader.read(contentsOf: url)
        case .geoTIFF: return try GeoTIFFReader.read(contentsOf: url, maxCells: maxCells)
        }
    }
}
