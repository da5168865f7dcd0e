import CGeoTIFF
import Foundation

/// Reads the first band (sample 0) of a TIFF image's first directory as `Double`s, row-major,
/// northern (top) row first, through libtiff's decoders (any compression libtiff was built with:
/// none, PackBits, LZW, DEFLATE, …; predictors are undone by libtiff, samples arrive in the
/// machine's byte order).
///
/// Layouts: strips or tiles; `PlanarConfiguration` 1 (contiguous: band 1 is every
/// `SamplesPerPixel`-th sample) or 2 (separate: band 1 is plane 0). Samples: `SampleFormat` 1
/// (unsigned) or 2 (signed) integers of 8, 16 or 32 bits, 3 (IEEE float) of 32 or 64 bits;
/// every one converts exactly to `Double`.
struct TIFFBandReader {
    enum Kind: Equatable { case unsigned, signed, float }

    let width: Int
    let height: Int
    let kind: Kind
    /// Bytes per sample: 1, 2, 4 or 8.
    let bytes: Int
    /// Samples per pixel.
    let samples: Int
    /// `PlanarConfiguration` 2: band 1 is plane 0 and its samples are adjacent.
    let separate: Bool

    /// Bytes from one band-1 sample to the next along a row.
    var pixelStride: Int { separate ? bytes : bytes * samples }

    /// Reads the layout tags of the open file and checks the image has at most `maxCells`.
    /// - Throws: `GeoTIFFError.libtiff` when a required tag is missing, `.tooManyCells`,
    ///   `.unsupportedRaster` for sample types or photometric interpretations not decoded here.
    init(_ h: TIFFHandle, maxCells: Int) throws {
        func refuse(_ reason: String) -> GeoTIFFError { .unsupportedRaster(file: h.path, reason: reason) }
        guard let w = h.uint32(UInt32(TIFFTAG_IMAGEWIDTH)), let l = h.uint32(UInt32(TIFFTAG_IMAGELENGTH)) else {
            throw h.failure("TIFFGetField(ImageWidth/ImageLength)")
        }
        width = Int(w)
        height = Int(l)
        guard width > 0, height > 0 else { throw refuse("the image is empty (\(width) x \(height) pixels)") }
        let cells = Self.product(width, height)
        guard cells < Int.max, cells <= maxCells else {
            throw GeoTIFFError.tooManyCells(file: h.path, width: width, height: height, limit: maxCells)
        }
        guard let bits = h.uint16(UInt32(TIFFTAG_BITSPERSAMPLE), defaulted: true),
              let format = h.uint16(UInt32(TIFFTAG_SAMPLEFORMAT), defaulted: true),
              let spp = h.uint16(UInt32(TIFFTAG_SAMPLESPERPIXEL), defaulted: true),
              let planar = h.uint16(UInt32(TIFFTAG_PLANARCONFIG), defaulted: true) else {
            throw h.failure("TIFFGetFieldDefaulted(BitsPerSample/SampleFormat/SamplesPerPixel/PlanarConfiguration)")
        }
        switch (Int32(format), bits) {
        case (SAMPLEFORMAT_UINT, 8), (SAMPLEFORMAT_UINT, 16), (SAMPLEFORMAT_UINT, 32): kind = .unsigned
        case (SAMPLEFORMAT_INT, 8), (SAMPLEFORMAT_INT, 16), (SAMPLEFORMAT_INT, 32): kind = .signed
        case (SAMPLEFORMAT_IEEEFP, 32), (SAMPLEFORMAT_IEEEFP, 64): kind = .float
        default:
            throw refuse("SampleFormat \(format) with \(bits) bits per sample is not supported (unsigned/signed integers of 8, 16, 32 bits and IEEE floats of 32, 64 bits are); convert with gdal_translate -ot Float32")
        }
        bytes = Int(bits) / 8
        samples = Int(spp)
        guard samples >= 1 else { throw refuse("SamplesPerPixel is 0") }
        guard planar == PLANARCONFIG_CONTIG || planar == PLANARCONFIG_SEPARATE else {
            throw refuse("PlanarConfiguration \(planar) is neither 1 (contiguous) nor 2 (separate)")
        }
        separate = planar == PLANARCONFIG_SEPARATE && samples > 1
        // YCbCr (JPEG) pixels arrive subsampled and are not band values.
        if let photometric = h.uint16(UInt32(TIFFTAG_PHOTOMETRIC)), Int32(photometric) == PHOTOMETRIC_YCBCR {
            throw refuse("YCbCr (JPEG) pixels are not supported; convert with gdal_translate -co PHOTOMETRIC=MINISBLACK")
        }
    }

    /// Decodes band 1 of the whole image.
    /// - Throws: `GeoTIFFError.libtiff` with libtiff's message when a strip or tile cannot be
    ///   read or decoded (e.g. a truncated file), or is shorter than its rows need.
    func read(_ h: TIFFHandle) throws -> [Double] {
        var out = [Double](repeating: 0, count: width * height)
        try out.withUnsafeMutableBufferPointer { dst in
            // width, height ≥ 1 (checked in init), so the buffer has an address.
            guard let base = dst.baseAddress else { return }
            if TIFFIsTiled(h.tif) != 0 {
                try readTiles(h, into: base)
            } else {
                try readStrips(h, into: base)
            }
        }
        return out
    }

    private func readStrips(_ h: TIFFHandle, into dst: UnsafeMutablePointer<Double>) throws {
        guard let rps = h.uint32(UInt32(TIFFTAG_ROWSPERSTRIP), defaulted: true) else {
            throw h.failure("TIFFGetFieldDefaulted(RowsPerStrip)")
        }
        let rowsPerStrip = max(1, min(Int(rps), height))
        let rowBytes = width * pixelStride
        // TIFFStripSize64: decoded bytes of a full strip (one plane when separate); 0 on overflow.
        let stripBytes = Int(clamping: TIFFStripSize64(h.tif))
        guard stripBytes >= Self.product(rowsPerStrip, rowBytes) else {
            throw h.failure("TIFFStripSize64 (\(stripBytes) bytes for \(rowsPerStrip) rows of \(rowBytes))")
        }
        try checkBuffer(stripBytes, "strip", h)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: stripBytes, alignment: 16)
        defer { buffer.deallocate() }
        for row0 in stride(from: 0, to: height, by: rowsPerStrip) {
            let strip = TIFFComputeStrip(h.tif, UInt32(row0), 0)
            let rows = min(rowsPerStrip, height - row0)
            // TIFFReadEncodedStrip: decoded bytes (fewer for the last strip), or -1 on error.
            let n = TIFFReadEncodedStrip(h.tif, strip, buffer, tmsize_t(stripBytes))
            guard n != -1 else { throw h.failure("TIFFReadEncodedStrip(\(strip))") }
            guard Int(n) >= rows * rowBytes else {
                throw GeoTIFFError.libtiff(file: h.path, operation: "TIFFReadEncodedStrip(\(strip))",
                                           message: "decoded \(n) bytes, \(rows) rows need \(rows * rowBytes)")
            }
            for r in 0..<rows {
                convert(UnsafeRawPointer(buffer) + r * rowBytes, count: width, to: dst + (row0 + r) * width)
            }
        }
    }

    private func readTiles(_ h: TIFFHandle, into dst: UnsafeMutablePointer<Double>) throws {
        guard let tw = h.uint32(UInt32(TIFFTAG_TILEWIDTH)), let tl = h.uint32(UInt32(TIFFTAG_TILELENGTH)), tw > 0, tl > 0 else {
            throw h.failure("TIFFGetField(TileWidth/TileLength)")
        }
        let tileWidth = Int(tw), tileLength = Int(tl)
        let rowBytes = tileWidth * pixelStride
        // TIFFTileSize64: decoded bytes of one tile (one plane when separate); 0 on overflow.
        let tileBytes = Int(clamping: TIFFTileSize64(h.tif))
        guard tileBytes >= Self.product(tileLength, rowBytes) else {
            throw h.failure("TIFFTileSize64 (\(tileBytes) bytes for \(tileLength) rows of \(rowBytes))")
        }
        try checkBuffer(tileBytes, "tile", h)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: tileBytes, alignment: 16)
        defer { buffer.deallocate() }
        for y0 in stride(from: 0, to: height, by: tileLength) {
            for x0 in stride(from: 0, to: width, by: tileWidth) {
                let tile = TIFFComputeTile(h.tif, UInt32(x0), UInt32(y0), 0, 0)
                // TIFFReadEncodedTile: decoded bytes, or -1 on error.
                let n = TIFFReadEncodedTile(h.tif, tile, buffer, tmsize_t(tileBytes))
                guard n != -1 else { throw h.failure("TIFFReadEncodedTile(\(tile))") }
                guard Int(n) >= tileLength * rowBytes else {
                    throw GeoTIFFError.libtiff(file: h.path, operation: "TIFFReadEncodedTile(\(tile))",
                                               message: "decoded \(n) bytes, a tile needs \(tileLength * rowBytes)")
                }
                let cols = min(tileWidth, width - x0)
                for r in 0..<min(tileLength, height - y0) {
                    convert(UnsafeRawPointer(buffer) + r * rowBytes, count: cols, to: dst + (y0 + r) * width + x0)
                }
            }
        }
    }

    /// The largest decoded strip or tile read: 1 GiB (the cell limit bounds the image, not a
    /// hostile file's claimed block size or samples per pixel).
    static let maxBlockBytes = 1 << 30

    private func checkBuffer(_ byteCount: Int, _ what: String, _ h: TIFFHandle) throws {
        guard byteCount <= Self.maxBlockBytes else {
            throw GeoTIFFError.unsupportedRaster(file: h.path, reason: "one \(what) decodes to \(byteCount) bytes, more than the 1 GiB read at once; rewrite it with gdal_translate -co TILED=YES")
        }
    }

    /// a × b, or `Int.max` when that overflows (sizes from a hostile header then fail the checks
    /// instead of trapping).
    static func product(_ a: Int, _ b: Int) -> Int {
        let (p, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : p
    }

    /// Converts `count` band-1 samples starting at `src` (each `pixelStride` bytes apart).
    private func convert(_ src: UnsafeRawPointer, count: Int, to dst: UnsafeMutablePointer<Double>) {
        switch (kind, bytes) {
        case (.unsigned, 1): copy(src, count, dst, UInt8.self) { Double($0) }
        case (.unsigned, 2): copy(src, count, dst, UInt16.self) { Double($0) }
        case (.unsigned, 4): copy(src, count, dst, UInt32.self) { Double($0) }
        case (.signed, 1): copy(src, count, dst, Int8.self) { Double($0) }
        case (.signed, 2): copy(src, count, dst, Int16.self) { Double($0) }
        case (.signed, 4): copy(src, count, dst, Int32.self) { Double($0) }
        case (.float, 4): copy(src, count, dst, Float.self) { Double($0) }
        default: copy(src, count, dst, Double.self) { $0 }  // (.float, 8): init allows nothing else
        }
    }

    @inline(__always)
    private func copy<T>(_ src: UnsafeRawPointer, _ count: Int, _ dst: UnsafeMutablePointer<Double>, _ type: T.Type,
                         _ toDouble: (T) -> Double) {
        let stride = pixelStride
        for i in 0..<count { dst[i] = toDouble(src.loadUnaligned(fromByteOffset: i * stride, as: T.self)) }
    }
}
