import Foundation
import GeoCore
import Testing
import TestSupport
@testable import GeoFormats

/// GDAL's AAIGrid driver reads the ESRI ASCII grids we write (header, .prj, values at full
/// precision); our reader reads them and GDAL's own output back.
@Suite("Raster: ESRI ASCII grid vs GDAL")
struct RasterASCIIGridTests {
    static let utm42NEsriWKT = """
        PROJCS["WGS_1984_UTM_Zone_42N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],\
        PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],\
        PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",69.0],\
        PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]
        """

    /// 7 x 4 cells of 1500.5 m; values with 12 to 17 significant digits, tiny and huge
    /// magnitudes (exponent form), negative values, and NaN → NODATA.
    static func sample() throws -> (Grid, [Double]) {
        let grid = try Grid(width: 7, height: 4, originX: 412_345.125, originY: 4_512_000.5, cellSize: 1500.5, nodata: -9999)
        var values: [Double] = []
        for r in 0..<4 { for c in 0..<7 { values.append(Double(r * 7 + c) * 1.234567890123 + 0.000123456789) } }
        values[3] = 1.0 / 3.0
        values[4] = -2.718281828459045
        values[5] = 1.5e-9
        values[6] = 6.02214076e23
        values[10] = .nan
        return (grid, values)
    }

    static func gdalValues(_ path: String) throws -> [Double] {
        try RasterGeoTIFFTests.gdalValues(path, openOptions: ["-oo", "DATATYPE=Float64"])
    }

    @Test func doubleValuesReadByGDAL() throws {
        let (grid, values) = try Self.sample()
        let url = try Tool.temporaryDirectory().appendingPathComponent("kde.asc")
        try ESRIASCIIGridWriter.write(grid, doubleValues: values, to: url, prj: Self.utm42NEsriWKT)
        let r = try Tool.run(["gdalinfo", "-json", "-oo", "DATATYPE=Float64", url.path])
        #expect(r.status == 0, "gdalinfo: \(r.stderr)")
        let info = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        #expect(info["size"] as? [Int] == [7, 4])
        #expect(info["geoTransform"] as? [Double] == [412_345.125, 1500.5, 0, 4_512_000.5, 0, -1500.5])
        let band = try #require((info["bands"] as? [[String: Any]])?.first)
        #expect(band["noDataValue"] as? Double == -9999)
        let wkt = try #require((info["coordinateSystem"] as? [String: Any])?["wkt"] as? String)
        #expect(wkt.contains("UTM zone 42N") || wkt.contains("UTM_Zone_42N"), "\(wkt.prefix(80))")
        #expect(wkt.contains("PARAMETER[\"Longitude of natural origin\",69"))

        let back = try Self.gdalValues(url.path)
        try #require(back.count == 28)
        for (i, (v, b)) in zip(values, back).enumerated() {
            if v.isNaN {
                #expect(b == -9999, "cell \(i)")
            } else {
                // GDAL prints 20 significant digits of the Double it parsed: the same Double.
                #expect(b == v, "cell \(i): wrote \(v), GDAL reads \(b)")
            }
        }
    }

    /// At least 9 significant digits in the text itself (independent of any reader).
    @Test func textKeepsNineSignificantDigits() throws {
        let grid = try Grid(width: 2, height: 1, originX: 0, originY: 1, cellSize: 1, nodata: -9999)
        let text = try ESRIASCIIGridWriter.text(grid, doubleValues: [123.456789012, 0.000123456789])
        let last = try #require(text.split(separator: "\n").last)
        #expect(last == "123.456789012 0.000123456789")
        let header = text.split(separator: "\n").prefix(6).map { $0.split(separator: " ").map(String.init) }
        #expect(header.map { $0[0] } == ["ncols", "nrows", "xllcorner", "yllcorner", "cellsize", "NODATA_value"])
        #expect(header.map { $0[1] } == ["2", "1", "0", "0", "1", "-9999"])
    }

    @Test func floatGridWithoutNodataGetsDefault() throws {
        let grid = try Grid(width: 3, height: 2, originX: -10, originY: 20, cellSize: 5, values: [1.5, .nan, 3, 4, 5, 0.1])
        let url = try Tool.temporaryDirectory().appendingPathComponent("f.asc")
        try ESRIASCIIGridWriter.write(grid, to: url)
        #expect(!FileManager.default.fileExists(atPath: url.deletingPathExtension().appendingPathExtension("prj").path))
        let back = try Self.gdalValues(url.path)
        // 0.1 as Float is written as "0.1" (shortest text for that Float), which GDAL reads as the Double 0.1.
        #expect(back == [1.5, -9999, 3, 4, 5, 0.1])
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("NODATA_value -9999\n"))
        #expect(text.contains("yllcorner    10\n"))
    }

    /// Our reader on GDAL's own AAIGrid output (written by gdal_translate from a GeoTIFF we did
    /// not make) and on our writer's output.
    @Test func readerReadsGDALAndOwnFiles() throws {
        let dir = try Tool.temporaryDirectory()
        let xyz = dir.appendingPathComponent("in.xyz")
        try "X Y Z\n5 15 1\n15 15 2.5\n25 15 3\n5 5 -7\n15 5 0.125\n25 5 9\n".write(to: xyz, atomically: true, encoding: .utf8)
        let asc = dir.appendingPathComponent("gdal.asc")
        let r = try Tool.run(["gdal_translate", "-q", "-of", "AAIGrid", "-a_nodata", "-1", xyz.path, asc.path])
        try #require(r.status == 0, "gdal_translate: \(r.stderr)")
        let read = try ESRIASCIIGridReader.read(contentsOf: asc)
        #expect(read.grid.width == 3 && read.grid.height == 2)
        #expect(read.grid.originX == 0 && read.grid.originY == 20 && read.grid.cellSize == 10)
        #expect(read.values == [1, 2.5, 3, -7, 0.125, 9])
        #expect(read.grid.nodata == -1)

        let (grid, values) = try Self.sample()
        let own = dir.appendingPathComponent("own.asc")
        try ESRIASCIIGridWriter.write(grid, doubleValues: values, to: own, prj: Self.utm42NEsriWKT)
        let back = try ESRIASCIIGridReader.read(contentsOf: own)
        #expect(back.crs == Self.utm42NEsriWKT && back.grid.crs == Self.utm42NEsriWKT)
        #expect(back.grid.originX == grid.originX && back.grid.originY == grid.originY)
        for (v, b) in zip(values, back.values) { #expect(v.isNaN ? b == -9999 : b == v) }
    }

    @Test func malformedFilesNameTheProblem() throws {
        #expect(throws: FormatError(location: "header", "missing 'nrows'")) {
            try ESRIASCIIGridReader.parse("ncols 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2\n")
        }
        #expect(throws: FormatError(location: "line 6", "'x' is not a number")) {
            try ESRIASCIIGridReader.parse("ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 x\n")
        }
        #expect(throws: FormatError(location: "data", "3 values for 2 x 1 cells")) {
            try ESRIASCIIGridReader.parse("ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3\n")
        }
        let grid = try Grid(width: 2, height: 1, originX: 0, originY: 1, cellSize: 1)
        #expect(throws: FormatError.self) { try ESRIASCIIGridWriter.text(grid, doubleValues: [1]) }
    }

    /// A missing folder is reported with the folder's path; an existing file is replaced.
    @Test func writeErrorsAndReplacement() throws {
        let grid = try Grid(width: 1, height: 1, originX: 0, originY: 1, cellSize: 1, values: [5])
        #expect(throws: FormatError(file: "/nonexistent-bordermap-folder/x.asc", "cannot create a file in /nonexistent-bordermap-folder")) {
            try ESRIASCIIGridWriter.write(grid, to: URL(fileURLWithPath: "/nonexistent-bordermap-folder/x.asc"))
        }
        let dir = try Tool.temporaryDirectory()
        let url = dir.appendingPathComponent("r.asc")
        try ESRIASCIIGridWriter.write(grid, to: url)
        try ESRIASCIIGridWriter.write(grid, doubleValues: [7.25], to: url)
        #expect(try Self.gdalValues(url.path) == [7.25])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["r.asc"], "no temporary file left")
    }
}
