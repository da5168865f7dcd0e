import Foundation
import GeoCore
import Testing
import TestSupport
@testable import GeoFormats

/// Files `GeoTIFFReader` refuses, each with an error that says what is wrong: made by GDAL
/// (rotated, non-square, ungeoreferenced) or by cutting a GDAL file (truncated), or not a TIFF.
@Suite("Raster: GeoTIFF reader errors")
struct RasterGeoTIFFReaderErrorTests {
    typealias Fixture = RasterGeoTIFFReaderTests

    /// The Float32 tiled DEFLATE case's file in a new folder.
    static func sample() throws -> (dir: URL, tif: URL) {
        let dir = try Tool.temporaryDirectory()
        return (dir, try Fixture.makeTIFF(Fixture.cases[0], in: dir).tif)
    }

    static func reason(_ error: any Error) -> String? {
        guard case let .unsupportedRaster(_, reason)? = error as? GeoTIFFError else { return nil }
        return reason
    }

    /// A geotransform with rotation terms, set in a VRT (GDAL writes it as ModelTransformationTag).
    @Test func rotatedRasterIsRefused() throws {
        let (dir, tif) = try Self.sample()
        let vrt = dir.appendingPathComponent("r.vrt")
        try Fixture.gdal(["gdal_translate", "-q", "-of", "VRT", tif.path, vrt.path])
        let text = try String(contentsOf: vrt, encoding: .utf8)
        let rotated = try #require(text.replacingOccurrences(of: "<GeoTransform>[^<]*</GeoTransform>",
                                                              with: "<GeoTransform>400000, 25.98, 15, 4500690, 15, -25.98</GeoTransform>",
                                                              options: .regularExpression) as String?)
        try #require(rotated != text, "no GeoTransform in the VRT")
        try rotated.write(to: vrt, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("rotated.tif")
        try Fixture.gdal(["gdal_translate", "-q", vrt.path, out.path])
        let gt = try #require(try RasterGeoTIFFTests.gdalinfo(out.path)["geoTransform"] as? [Double])
        #expect(gt == [400_000, 25.98, 15, 4_500_690, 15, -25.98])
        #expect {
            try GeoTIFFReader.read(contentsOf: out)
        } throws: { error in
            Self.reason(error)?.hasPrefix("rotated rasters are not supported (ModelTransformationTag has rotation terms 15.0 and 15.0)") == true
        }
    }

    @Test func nonSquareCellsNameBothSizes() throws {
        let (dir, tif) = try Self.sample()
        let out = dir.appendingPathComponent("nonsquare.tif")
        // 37 x 23 cells over 1110 m x 460 m: 30 m wide, 20 m high.
        try Fixture.gdal(["gdal_translate", "-q", "-a_ullr", "400000", "4500460", "401110", "4500000", tif.path, out.path])
        #expect {
            try GeoTIFFReader.read(contentsOf: out)
        } throws: { error in
            Self.reason(error)?.hasPrefix("cells are not square: 30.0 x 20.0 CRS units") == true
        }
    }

    @Test func ungeoreferencedTIFFIsRefused() throws {
        let (dir, tif) = try Self.sample()
        let out = dir.appendingPathComponent("plain.tif")
        try Fixture.gdal(["gdal_translate", "-q", "-co", "PROFILE=BASELINE", tif.path, out.path])
        #expect {
            try GeoTIFFReader.read(contentsOf: out)
        } throws: { error in
            Self.reason(error)?.hasPrefix("no georeferencing") == true
        }
    }

    /// Half of a tiled DEFLATE file: libtiff's own message about the missing bytes.
    @Test func truncatedFileCarriesLibtiffMessage() throws {
        let (dir, tif) = try Self.sample()
        let data = try Data(contentsOf: tif)
        let cut = dir.appendingPathComponent("cut.tif")
        try data.prefix(data.count / 2).write(to: cut)
        #expect {
            try GeoTIFFReader.read(contentsOf: cut)
        } throws: { error in
            guard case let .libtiff(file, operation, message)? = error as? GeoTIFFError else { return false }
            return file == cut.path && operation.hasPrefix("TIFFReadEncodedTile") && message.contains("Read error")
        }
    }

    @Test func nonTIFFFileCarriesLibtiffMessage() throws {
        let dir = try Tool.temporaryDirectory()
        let url = dir.appendingPathComponent("notes.tif")
        try "hello, this is text\n".write(to: url, atomically: true, encoding: .utf8)
        #expect {
            try GeoTIFFReader.read(contentsOf: url)
        } throws: { error in
            guard case let .libtiff(file, operation, message)? = error as? GeoTIFFError else { return false }
            return file == url.path && operation == "TIFFOpenExt" && message.contains("Not a TIFF")
        }
        #expect {
            try GeoTIFFReader.read(contentsOf: dir.appendingPathComponent("missing.tif"))
        } throws: { error in
            guard case let .libtiff(_, "TIFFOpenExt", message)? = error as? GeoTIFFError else { return false }
            return message.contains("No such file or directory")
        }
    }

    @Test func tooManyCellsBeforeReading() throws {
        let (_, tif) = try Self.sample()
        #expect(throws: GeoTIFFError.tooManyCells(file: tif.path, width: 37, height: 23, limit: 100)) {
            try GeoTIFFReader.read(contentsOf: tif, maxCells: 100)
        }
        #expect(GeoTIFFError.tooManyCells(file: "a.tif", width: 37, height: 23, limit: 100).description
            == "a.tif: 37 x 23 = 851 cells exceed the limit of 100; raise the limit or cut the raster (gdal_translate -srcwin / -outsize)")
    }
}
