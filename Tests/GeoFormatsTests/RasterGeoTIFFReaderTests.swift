import Foundation
import GeoCore
import Testing
import TestSupport
@testable import GeoFormats

/// `GeoTIFFReader` on GeoTIFFs that GDAL 3.6 (`gdal_translate`) made from known ESRI ASCII
/// grids, in every layout the reader supports: each value is compared with the `.asc` source
/// (converted to the band's type) and with the values GDAL itself reads from the GeoTIFF; size,
/// origin, cell size, NODATA and CRS with `gdalinfo -json`.
@Suite("Raster: GeoTIFF reader vs GDAL")
struct RasterGeoTIFFReaderTests {
    /// The source grid: 37 x 23 cells (partial 16-pixel tiles and 5-row strips at the edges).
    static let width = 37, height = 23

    /// How a case's values are made and how a band of its type stores them.
    enum Values: Sendable {
        /// (r·37 + c)·0.37 − 100.1, not exact in binary; NODATA −9999 where (r + c) % 11 == 0.
        /// Stored as Float32 (`float32`) or Float64.
        case real(float32: Bool)
        /// Integers spread over lo...hi: lo + (i · 2654435761) mod (hi − lo + 1), i = r·37 + c.
        case integer(lo: Int, hi: Int)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// gdal_translate options (type, creation options, metadata, NODATA).
        var options: [String]
        var values: Values
        var epsg: Int
        var nodata: Double?
        var pixelIsPoint = false
        /// Band 1 of a 3-band image (bands 2 and 3 hold other values).
        var bands = 1
        /// GDAL 3.6 has no Int8 type: it writes and reads Byte values 0...255, and
        /// `PIXELTYPE=SIGNEDBYTE` marks the file's samples as signed (SampleFormat 2), so a
        /// byte b ≥ 128 is the Int8 value b − 256.
        var signedByte = false
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "Float32 tiled DEFLATE", options: ["-ot", "Float32", "-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16",
                                                       "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3"],
             values: .real(float32: true), epsg: 32642, nodata: -9999),
        Case(name: "Int16 striped LZW", options: ["-ot", "Int16", "-co", "COMPRESS=LZW", "-co", "PREDICTOR=2", "-co", "BLOCKYSIZE=5",
                                                   "-a_nodata", "-32768"],
             values: .integer(lo: -32768, hi: 32767), epsg: 32642, nodata: -32768),
        Case(name: "Byte PackBits, EPSG:4326, -a_nodata", options: ["-ot", "Byte", "-co", "COMPRESS=PACKBITS", "-a_nodata", "255"],
             values: .integer(lo: 0, hi: 255), epsg: 4326, nodata: 255),
        Case(name: "Float64 uncompressed, PixelIsPoint", options: ["-ot", "Float64", "-mo", "AREA_OR_POINT=Point"],
             values: .real(float32: false), epsg: 32642, nodata: -9999, pixelIsPoint: true),
        Case(name: "Int8 (SIGNEDBYTE) DEFLATE", options: ["-ot", "Byte", "-co", "PIXELTYPE=SIGNEDBYTE", "-co", "COMPRESS=DEFLATE"],
             values: .integer(lo: 0, hi: 255), epsg: 32642, nodata: nil, signedByte: true),
        Case(name: "UInt16 tiled", options: ["-ot", "UInt16", "-co", "TILED=YES", "-co", "BLOCKXSIZE=32", "-co", "BLOCKYSIZE=16"],
             values: .integer(lo: 0, hi: 65535), epsg: 32642, nodata: nil),
        Case(name: "Int32 LZW", options: ["-ot", "Int32", "-co", "COMPRESS=LZW", "-a_nodata", "-2147483648"],
             values: .integer(lo: -2_147_483_648, hi: 2_147_483_647), epsg: 32642, nodata: -2_147_483_648),
        Case(name: "UInt32 DEFLATE, PixelIsPoint, EPSG:4326", options: ["-ot", "UInt32", "-co", "COMPRESS=DEFLATE", "-mo", "AREA_OR_POINT=Point"],
             values: .integer(lo: 0, hi: 4_294_967_295), epsg: 4326, nodata: nil, pixelIsPoint: true),
        Case(name: "3 bands, pixel-interleaved tiles, Float32", options: ["-ot", "Float32", "-co", "INTERLEAVE=PIXEL", "-co", "TILED=YES",
                                                                          "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16", "-co", "COMPRESS=DEFLATE"],
             values: .real(float32: true), epsg: 32642, nodata: -9999, bands: 3),
        Case(name: "3 bands, band-interleaved strips, Int16", options: ["-ot", "Int16", "-co", "INTERLEAVE=BAND", "-co", "BLOCKYSIZE=5",
                                                                        "-co", "COMPRESS=LZW"],
             values: .integer(lo: -32768, hi: 32767), epsg: 32642, nodata: nil, bands: 3),
    ]

    /// Runs a GDAL tool; a missing tool or a failure fails the test with GDAL's message.
    static func gdal(_ arguments: [String]) throws {
        let r = try Tool.run(arguments)
        try #require(r.status == 0, "\(arguments.joined(separator: " ")) failed (is GDAL installed?): \(r.stderr)")
    }

    /// The `.asc` text of `values` for a UTM (30 m cells at 400000, 4500000) or geographic
    /// (0.25° cells at 60.5° E, 38.25° N) grid; values as Swift's shortest round-trip text.
    static func ascText(_ values: [Double], geographic: Bool, nodata: Double?) -> String {
        var text = "ncols \(width)\nnrows \(height)\n"
        text += geographic ? "xllcorner 60.5\nyllcorner 38.25\ncellsize 0.25\n" : "xllcorner 400000\nyllcorner 4500000\ncellsize 30\n"
        if let nodata { text += "NODATA_value \(nodata)\n" }
        for r in 0..<height {
            text += (0..<width).map { c in
                let v = values[r * width + c]
                return v == v.rounded() ? String(Int64(v)) : v.description
            }.joined(separator: " ") + "\n"
        }
        return text
    }

    /// The source values (as the `.asc` holds them) and the values band 1 holds.
    static func values(_ kind: Values, nodata: Double?, seed: Int = 0) -> (source: [Double], stored: [Double]) {
        var source: [Double] = [], stored: [Double] = []
        for r in 0..<height {
            for c in 0..<width {
                let i = r * width + c + seed * 101
                switch kind {
                case .real(let float32):
                    let v = (r + c) % 11 == 0 && nodata != nil ? -9999 : Double(i) * 0.37 - 100.1
                    source.append(v)
                    stored.append(float32 ? Double(Float(v)) : v)
                case .integer(let lo, let hi):
                    let v = Double(lo + (i * 2_654_435_761) % (hi - lo + 1))
                    source.append(v)
                    stored.append(v)
                }
            }
        }
        return (source, stored)
    }

    /// Writes the case's `.asc` (and, for several bands, two more with other values, stacked
    /// by `gdalbuildvrt -separate`) and converts it with gdal_translate.
    static func makeTIFF(_ c: Case, in dir: URL) throws -> (tif: URL, stored: [Double]) {
        let geographic = c.epsg == 4326
        // Only real-valued sources carry NODATA in the .asc; integer cases set it with -a_nodata.
        let ascNodata: Double? = if case .real = c.values { c.nodata } else { nil }
        var sources: [String] = []
        var stored: [Double] = []
        for band in 0..<c.bands {
            let v = values(c.values, nodata: ascNodata, seed: band)
            if band == 0 { stored = v.stored }
            let asc = dir.appendingPathComponent("band\(band).asc")
            try ascText(v.source, geographic: geographic, nodata: ascNodata).write(to: asc, atomically: true, encoding: .utf8)
            sources.append(asc.path)
        }
        var input = sources[0]
        // Float64 sources are read as Float64 (GDAL reads real .asc values as Float32 otherwise).
        var openOptions = ["-oo", "DATATYPE=Float64"]
        if c.bands > 1 {
            input = dir.appendingPathComponent("stack.vrt").path
            try gdal(["gdalbuildvrt", "-q", "-separate", input] + sources)
            openOptions = []
        }
        let tif = dir.appendingPathComponent("case.tif")
        try gdal(["gdal_translate", "-q"] + openOptions + c.options + ["-a_srs", "EPSG:\(c.epsg)", input, tif.path])
        return (tif, c.signedByte ? stored.map(signed) : stored)
    }

    /// A byte 0...255 as the Int8 with the same bits.
    static func signed(_ byte: Double) -> Double { byte >= 128 ? byte - 256 : byte }

    @Test(arguments: cases)
    func readsWhatGDALWrote(_ c: Case) throws {
        let dir = try Tool.temporaryDirectory()
        let (tif, stored) = try Self.makeTIFF(c, in: dir)
        let read = try GeoTIFFReader.read(contentsOf: tif)

        // Against the .asc source, converted to the band's type.
        #expect(read.grid.width == Self.width && read.grid.height == Self.height)
        try #require(read.values.count == stored.count)
        let mismatches = zip(read.values, stored).enumerated().filter { $0.element.0 != $0.element.1 }
        let firstMismatches = mismatches.prefix(3).map { "cell \($0.offset): read \($0.element.0), source \($0.element.1)" }
        #expect(mismatches.count == 0, "\(mismatches.count) cells differ from the source: \(firstMismatches)")
        #expect(read.grid.values == read.values.map(Float.init))

        // Against GDAL reading the same GeoTIFF (printed as Float64, exact for every band type).
        var gdalValues = try RasterGeoTIFFTests.gdalValues(tif.path, openOptions: ["-b", "1", "-ot", "Float64"])
        if c.signedByte { gdalValues = gdalValues.map(Self.signed) }
        #expect(gdalValues == read.values, "values differ from GDAL's reading")

        let info = try RasterGeoTIFFTests.gdalinfo(tif.path)
        #expect(info["size"] as? [Int] == [Self.width, Self.height])
        let gt = try #require(info["geoTransform"] as? [Double])
        #expect(gt == [read.grid.originX, read.grid.cellSize, 0, read.grid.originY, 0, -read.grid.cellSize], "GDAL: \(gt)")
        // And the .asc's corner (GDAL writes a PixelIsPoint tie point half a cell inward).
        let expectedOrigin = c.epsg == 4326 ? (60.5, 38.25 + 23 * 0.25, 0.25) : (400_000.0, 4_500_000.0 + 23 * 30, 30.0)
        #expect(read.grid.originX == expectedOrigin.0 && read.grid.originY == expectedOrigin.1 && read.grid.cellSize == expectedOrigin.2)
        let band = try #require((info["bands"] as? [[String: Any]])?.first)
        #expect(band["noDataValue"] as? Double == c.nodata)
        #expect(read.grid.nodata == c.nodata.map(Float.init))
        let meta = info["metadata"] as? [String: [String: String]]
        #expect(meta?[""]?["AREA_OR_POINT"] == (c.pixelIsPoint ? "Point" : "Area"))

        let wkt = try #require((info["coordinateSystem"] as? [String: Any])?["wkt"] as? String)
        #expect(wkt.hasSuffix("ID[\"EPSG\",\(c.epsg)]]"))
        #expect(read.crs == "EPSG:\(c.epsg)" && read.grid.crs == read.crs)
    }

    /// The raw tie point of a PixelIsPoint file is the centre of the first cell: GDAL told to
    /// ignore the raster type reports it, half a cell east and south of our corner origin.
    @Test func pixelIsPointTiePointIsTheCellCentre() throws {
        let dir = try Tool.temporaryDirectory()
        let (tif, _) = try Self.makeTIFF(Self.cases[3], in: dir)
        let r = try Tool.run(["gdalinfo", "-json", "--config", "GTIFF_POINT_GEO_IGNORE", "TRUE", tif.path])
        try #require(r.status == 0, "gdalinfo: \(r.stderr)")
        let info = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        let raw = try #require(info["geoTransform"] as? [Double])
        let read = try GeoTIFFReader.read(contentsOf: tif)
        #expect(raw[0] == read.grid.originX + 15 && raw[3] == read.grid.originY - 15, "raw \(raw)")
    }

    /// Through our writer and back: values (Float32), origin, NODATA, CRS; a PROJ-string CRS
    /// comes back as the PROJ string GDAL also reads from the file.
    @Test func roundTripThroughOwnWriter() throws {
        let dir = try Tool.temporaryDirectory()
        let (tif, stored) = try Self.makeTIFF(Self.cases[0], in: dir)
        let first = try GeoTIFFReader.read(contentsOf: tif)
        let again = dir.appendingPathComponent("again.tif")
        try GeoTIFFWriter.write(first.grid, to: again, georeference: RasterGeoreference())
        let back = try GeoTIFFReader.read(contentsOf: again)
        #expect(back.values == stored)
        #expect(back.grid == first.grid)

        // In an origin inside the Albers projection's domain (GDAL checks it).
        let moved = try Grid(width: first.grid.width, height: first.grid.height, originX: -100_000, originY: 50_000,
                             cellSize: 30, nodata: first.grid.nodata, values: first.grid.values)
        let proj = "+proj=aea +lat_0=45 +lon_0=65 +lat_1=38 +lat_2=52 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
        let aea = dir.appendingPathComponent("aea.tif")
        try GeoTIFFWriter.write(moved, to: aea, georeference: RasterGeoreference(proj: proj))
        let user = try GeoTIFFReader.read(contentsOf: aea)
        let ours = Set(try #require(user.crs).split(separator: " "))
        let gdalProj = try #require((try RasterGeoTIFFTests.gdalinfo(aea.path, proj4: true)["coordinateSystem"] as? [String: Any])?["proj4"] as? String)
        for token in proj.split(separator: " ") where token != "+no_defs" {
            #expect(ours.contains(token), "\(token) missing from \(user.crs ?? "")")
            #expect(gdalProj.split(separator: " ").contains(token), "\(token) missing from GDAL's \(gdalProj)")
        }
        #expect(user.values == stored && user.grid.originX == -100_000 && user.grid.originY == 50_000)
    }

    @Test func rasterReaderDispatchesOnExtension() throws {
        let dir = try Tool.temporaryDirectory()
        let (tif, stored) = try Self.makeTIFF(Self.cases[1], in: dir)
        let tiff = dir.appendingPathComponent("copy.TIFF")
        try FileManager.default.copyItem(at: tif, to: tiff)
        #expect(try RasterReader.read(contentsOf: tiff).values == stored)
        let asc = try RasterReader.read(contentsOf: dir.appendingPathComponent("band0.asc"))
        #expect(asc.values == stored && asc.crs == nil)
        #expect(throws: FormatError(file: dir.appendingPathComponent("x.png").path, "unknown raster extension '.png': use .asc, .tif or .tiff")) {
            try RasterReader.read(contentsOf: dir.appendingPathComponent("x.png"))
        }
        #expect(throws: GeoTIFFError.tooManyCells(file: tiff.path, width: 37, height: 23, limit: 850)) {
            try RasterReader.read(contentsOf: tiff, maxCells: 850)
        }
        #expect(try RasterReader.read(contentsOf: tiff, maxCells: 851).values.count == 851)
    }

    /// GDAL writes a NaN NODATA as the text "nan"; GDAL's own reading reports NaN too.
    @Test func nanNodata() throws {
        let dir = try Tool.temporaryDirectory()
        let (source, _) = try Self.makeTIFF(Self.cases[0], in: dir)
        let tif = dir.appendingPathComponent("nan.tif")
        try Self.gdal(["gdal_translate", "-q", "-a_nodata", "nan", source.path, tif.path])
        let band = try #require((try RasterGeoTIFFTests.gdalinfo(tif.path)["bands"] as? [[String: Any]])?.first)
        #expect(band["noDataValue"] as? String == "NaN", "GDAL: \(band["noDataValue"] ?? "none")")
        let read = try GeoTIFFReader.read(contentsOf: tif)
        #expect(read.grid.nodata?.isNaN == true)
    }
}
