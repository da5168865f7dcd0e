import CGeoTIFF
import Foundation
import GeoCore
import Testing
import TestSupport
@testable import GeoFormats

/// GeoTIFFs georeferenced by a `ModelTransformationTag` (GDAL writes one only for rotated or
/// south-up rasters), written here through libtiff with our handle; GDAL reads the same files.
@Suite("Raster: GeoTIFF reader, ModelTransformationTag")
struct RasterGeoTIFFMatrixTests {
    /// A 4 x 3 Float32 image in one strip, no GeoKeys, georeferenced by `matrix` (row-major 4 x 4).
    static func write(_ matrix: [Double], to url: URL) throws -> [Float] {
        let values: [Float] = (0..<12).map { Float($0) * 1.5 - 4 }
        let h = try TIFFHandle(path: url.path)
        try h.set(UInt32(TIFFTAG_IMAGEWIDTH), [UInt32(4)], name: "ImageWidth")
        try h.set(UInt32(TIFFTAG_IMAGELENGTH), [UInt32(3)], name: "ImageLength")
        try h.set(UInt32(TIFFTAG_BITSPERSAMPLE), [Int32(32)], name: "BitsPerSample")
        try h.set(UInt32(TIFFTAG_SAMPLESPERPIXEL), [Int32(1)], name: "SamplesPerPixel")
        try h.set(UInt32(TIFFTAG_SAMPLEFORMAT), [Int32(SAMPLEFORMAT_IEEEFP)], name: "SampleFormat")
        try h.set(UInt32(TIFFTAG_PHOTOMETRIC), [Int32(PHOTOMETRIC_MINISBLACK)], name: "Photometric")
        try h.set(UInt32(TIFFTAG_PLANARCONFIG), [Int32(PLANARCONFIG_CONTIG)], name: "PlanarConfiguration")
        try h.set(UInt32(TIFFTAG_ROWSPERSTRIP), [UInt32(3)], name: "RowsPerStrip")
        try matrix.withUnsafeBufferPointer { p in
            try h.set(GeoTIFFPlacement.modelTransformationTag, [Int32(16), try #require(p.baseAddress)], name: "ModelTransformationTag")
        }
        var strip = values
        let written = strip.withUnsafeMutableBytes { TIFFWriteEncodedStrip(h.tif, 0, $0.baseAddress, tmsize_t($0.count)) }
        try #require(written == 48, "TIFFWriteEncodedStrip: \(h.log.summary)")
        try h.close()
        return values
    }

    @Test func northUpMatrixIsRead() throws {
        let url = try Tool.temporaryDirectory().appendingPathComponent("matrix.tif")
        let values = try Self.write([30, 0, 0, 400_000, 0, -30, 0, 4_500_090, 0, 0, 0, 0, 0, 0, 0, 1], to: url)
        let read = try GeoTIFFReader.read(contentsOf: url)
        #expect(read.values == values.map(Double.init))
        #expect(read.crs == nil && read.grid.crs == nil && read.grid.nodata == nil)
        let info = try RasterGeoTIFFTests.gdalinfo(url.path)
        #expect(info["geoTransform"] as? [Double] == [read.grid.originX, read.grid.cellSize, 0, read.grid.originY, 0, -read.grid.cellSize])
        #expect(read.grid.originX == 400_000 && read.grid.originY == 4_500_090 && read.grid.cellSize == 30)
        #expect(try RasterGeoTIFFTests.gdalValues(url.path, openOptions: ["-ot", "Float64"]) == read.values)
    }

    @Test func southUpMatrixIsRefused() throws {
        let url = try Tool.temporaryDirectory().appendingPathComponent("southup.tif")
        _ = try Self.write([30, 0, 0, 400_000, 0, 30, 0, 4_500_000, 0, 0, 0, 0, 0, 0, 0, 1], to: url)
        #expect(throws: GeoTIFFError.unsupportedRaster(file: url.path, reason:
            "rows run north (y grows by 30.0 per row): south-up rasters are not supported; warp it north-up first, e.g. gdalwarp in.tif out.tif")) {
            try GeoTIFFReader.read(contentsOf: url)
        }
    }
}
