import CGeoTIFF
import Foundation
import GeoCore

/// Writes a `Grid` as a GeoTIFF through libtiff and libgeotiff.
///
/// The file: one band of IEEE Float32 (`SampleFormat` 3), tiled 256 × 256
/// (`TileWidth`/`TileLength`; GDAL's default block size for tiled GeoTIFFs), DEFLATE compression
/// (`Compression` 8, Adobe deflate) with the floating-point predictor (`Predictor` 3, libtiff's
/// byte-shuffled horizontal differencing for floats, which GDAL and ArcGIS read); tiles are
/// padded past the grid's edge with the NODATA value (0 when there is none).
///
/// Georeferencing (GeoTIFF 1.0): `ModelTiepointTag` ties raster (0, 0) to (`originX`,
/// `originY`), `ModelPixelScaleTag` is (`cellSize`, `cellSize`, 0), `GTRasterTypeGeoKey` is
/// `RasterPixelIsArea` (the tie point is the outer corner of the first cell, as `Grid`'s
/// origin). The CRS keys come from `georeference.epsg` when set (`ProjectedCSTypeGeoKey` or
/// `GeographicTypeGeoKey`, by libgeotiff's EPSG lookup), else from `georeference.proj`
/// (user-defined keys for Albers, transverse Mercator / UTM, Lambert conformal conic, Lambert
/// azimuthal; see `GeoKeySet.proj`), else from `grid.crs` read the same way.
///
/// NODATA: `grid.nodata` goes into GDAL's `GDAL_NODATA` tag (42113, ASCII), registered with
/// libtiff by a tag extender; NaN cells are written as the NODATA value when there is one.
///
/// Errors from libtiff are caught by per-file handlers and thrown with libtiff's words; a
/// partly written file is removed.
public enum GeoTIFFWriter {
    /// Tile edge in pixels.
    public static let tileSize = 256

    /// Writes `grid` to `url` (replacing any file there).
    /// - Throws: `GeoTIFFError`: `.unsupportedCRS` when there is no CRS or it cannot be written
    ///   as GeoKeys, `.invalidGrid` when the grid would exceed a classic TIFF's 4 GiB,
    ///   `.libtiff` / `.libgeotiff` with the library's message when writing fails (e.g. the
    ///   folder does not exist or is not writable).
    public static func write(_ grid: Grid, to url: URL, georeference: RasterGeoreference) throws {
        let keys = try geoKeys(grid, georeference)
        let tilesAcross = (grid.width + tileSize - 1) / tileSize, tilesDown = (grid.height + tileSize - 1) / tileSize
        let bytes = Double(tilesAcross * tilesDown) * Double(tileSize * tileSize * 4)
        guard bytes < 3.9e9 else {
            throw GeoTIFFError.invalidGrid("\(grid.width)x\(grid.height) Float32 cells exceed a classic TIFF's 4 GiB")
        }
        guard TIFFIsCODECConfigured(UInt16(COMPRESSION_ADOBE_DEFLATE)) == 1 else {
            throw GeoTIFFError.libtiff(file: url.path, operation: "TIFFIsCODECConfigured", message: "this libtiff has no DEFLATE codec")
        }
        let handle = try TIFFHandle(path: url.path)
        do {
            try writeTags(grid, handle)
            try writeKeys(keys, handle)
            try writeTiles(grid, handle)
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: url)
            throw error
        }
    }

    /// The GeoKeys for the georeference, or for `grid.crs` when it names nothing.
    static func geoKeys(_ grid: Grid, _ georeference: RasterGeoreference) throws -> GeoKeySet {
        if let code = georeference.epsg { return try GeoKeySet.epsg(code) }
        if let proj = georeference.proj { return try GeoKeySet.proj(proj) }
        if let crs = grid.crs {
            let r = RasterGeoreference(crs: crs)
            if let code = r.epsg { return try GeoKeySet.epsg(code) }
            if let proj = r.proj { return try GeoKeySet.proj(proj) }
        }
        throw GeoTIFFError.unsupportedCRS("no CRS: give an EPSG code or a PROJ string (RasterGeoreference), or set grid.crs")
    }

    private static func writeTags(_ grid: Grid, _ h: TIFFHandle) throws {
        try h.set(UInt32(TIFFTAG_IMAGEWIDTH), [UInt32(grid.width)], name: "ImageWidth")
        try h.set(UInt32(TIFFTAG_IMAGELENGTH), [UInt32(grid.height)], name: "ImageLength")
        // 16-bit tags travel through varargs as int.
        try h.set(UInt32(TIFFTAG_BITSPERSAMPLE), [Int32(32)], name: "BitsPerSample")
        try h.set(UInt32(TIFFTAG_SAMPLESPERPIXEL), [Int32(1)], name: "SamplesPerPixel")
        try h.set(UInt32(TIFFTAG_SAMPLEFORMAT), [Int32(SAMPLEFORMAT_IEEEFP)], name: "SampleFormat")
        try h.set(UInt32(TIFFTAG_PHOTOMETRIC), [Int32(PHOTOMETRIC_MINISBLACK)], name: "Photometric")
        try h.set(UInt32(TIFFTAG_PLANARCONFIG), [Int32(PLANARCONFIG_CONTIG)], name: "PlanarConfiguration")
        try h.set(UInt32(TIFFTAG_TILEWIDTH), [UInt32(tileSize)], name: "TileWidth")
        try h.set(UInt32(TIFFTAG_TILELENGTH), [UInt32(tileSize)], name: "TileLength")
        try h.set(UInt32(TIFFTAG_COMPRESSION), [Int32(COMPRESSION_ADOBE_DEFLATE)], name: "Compression")
        try h.set(UInt32(TIFFTAG_PREDICTOR), [Int32(PREDICTOR_FLOATINGPOINT)], name: "Predictor")
        try "BorderMap".withCString { try h.set(UInt32(TIFFTAG_SOFTWARE), [$0], name: "Software") }
        if let nodata = grid.nodata {
            let text = nodata.isNaN ? "nan" : ESRIASCIIGridWriter.number(nodata)
            try text.withCString { try h.set(gdalNodataTag, [$0], name: "GDAL_NODATA") }
        }
        let scale = [grid.cellSize, grid.cellSize, 0]
        let tiepoint = [0, 0, 0, grid.originX, grid.originY, 0]
        // GeoTIFF tags are TIFF_VARIABLE with a count: (int count, double *values).
        try scale.withUnsafeBufferPointer { p in
            try h.set(33550, [Int32(3), p.baseAddress!], name: "ModelPixelScaleTag")  // non-empty array
        }
        try tiepoint.withUnsafeBufferPointer { p in
            try h.set(33922, [Int32(6), p.baseAddress!], name: "ModelTiepointTag")  // non-empty array
        }
    }

    /// Feeds the keys to libgeotiff (`GTIFImport`: 1 on success) and writes the key directory
    /// (`GTIFWriteKeys`: 1 on success).
    private static func writeKeys(_ keys: GeoKeySet, _ h: TIFFHandle) throws {
        let gtif = try GTIFHandle(h)
        let feed = ImportFeed(keys.importLines)
        let imported = GTIFImport(gtif.gtif, ImportFeed.scan, Unmanaged.passUnretained(feed).toOpaque())
        guard imported == 1 else {
            throw GeoTIFFError.libgeotiff(file: h.path, operation: "GTIFImport",
                                          message: "rejected the keys: \(keys.importLines.joined(separator: " | "))")
        }
        guard GTIFWriteKeys(gtif.gtif) == 1 else {
            throw GeoTIFFError.libgeotiff(file: h.path, operation: "GTIFWriteKeys", message: h.log.summary)
        }
    }

    private static func writeTiles(_ grid: Grid, _ h: TIFFHandle) throws {
        let fill = grid.nodata ?? 0
        var tile = [Float](repeating: fill, count: tileSize * tileSize)
        let byteCount = tile.count * MemoryLayout<Float>.size
        for y0 in stride(from: 0, to: grid.height, by: tileSize) {
            for x0 in stride(from: 0, to: grid.width, by: tileSize) {
                for r in 0..<tileSize {
                    let row = y0 + r
                    for c in 0..<tileSize {
                        let col = x0 + c
                        var v = fill
                        if row < grid.height, col < grid.width {
                            v = grid.values[row * grid.width + col]
                            if v.isNaN, grid.nodata != nil { v = fill }
                        }
                        tile[r * tileSize + c] = v
                    }
                }
                let index = TIFFComputeTile(h.tif, UInt32(x0), UInt32(y0), 0, 0)
                // TIFFWriteEncodedTile: bytes written, or -1 on error.
                let written = tile.withUnsafeMutableBytes { TIFFWriteEncodedTile(h.tif, index, $0.baseAddress, tmsize_t(byteCount)) }
                guard written != -1 else { throw h.failure("TIFFWriteEncodedTile(\(index))") }
            }
        }
    }
}

/// The lines `GTIFImport` reads, one per call of its read method.
private final class ImportFeed {
    let lines: [String]
    var next = 0
    init(_ lines: [String]) { self.lines = lines }

    /// `GTIFReadMethod`: copies the next line (at most 1023 bytes, libgeotiff's buffer is 1024)
    /// into `buffer`; after the last line it repeats the end marker so parsing stops.
    static let scan: GTIFReadMethod = { buffer, aux in
        guard let buffer, let aux else { return 0 }
        let feed = Unmanaged<ImportFeed>.fromOpaque(aux).takeUnretainedValue()
        let line = feed.next < feed.lines.count ? feed.lines[feed.next] : "End_Of_Keys."
        feed.next += 1
        let bytes = Array(line.utf8.prefix(1023))
        for (i, b) in bytes.enumerated() { buffer[i] = CChar(bitPattern: b) }
        buffer[bytes.count] = 0
        return 1
    }
}
