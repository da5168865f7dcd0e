import Foundation
import GeoCore
import Testing
import TestSupport
@testable import GeoFormats

/// GDAL (gdalinfo 3.6, gdal_translate) reads the GeoTIFFs we write: size, origin, cell size,
/// NODATA, CRS, tiling, compression, predictor and every pixel value.
@Suite("Raster: GeoTIFF writer vs GDAL")
struct RasterGeoTIFFTests {
    /// 300 x 270 cells (two tiles across, two down, partial edge tiles), value r·1000 + c + 0.25
    /// (exact in Float32), NODATA −9999 on the diagonal of the first 50 rows and NaN at (5, 7).
    static func sampleGrid(crs: String? = nil, originX: Double = 400_000, originY: Double = 4_600_000) throws -> Grid {
        var g = try Grid(width: 300, height: 270, originX: originX, originY: originY, cellSize: 250, crs: crs, nodata: -9999)
        for r in 0..<g.height { for c in 0..<g.width { g[r, c] = Float(r * 1000 + c) + 0.25 } }
        for r in 0..<50 { g[r, r] = -9999 }
        g[5, 7] = .nan
        return g
    }

    static func gdalinfo(_ path: String, proj4: Bool = false) throws -> [String: Any] {
        let r = try Tool.run(["gdalinfo", "-json"] + (proj4 ? ["-proj4"] : []) + [path])
        #expect(r.status == 0, "gdalinfo: \(r.stderr)")
        #expect(!r.stderr.contains("Warning") && !r.stderr.contains("ERROR"), "gdalinfo stderr: \(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
    }

    /// The values GDAL reads, through `gdal_translate -of AAIGrid` to standard output (the
    /// header lines start with a letter; values are separated by blanks).
    static func gdalValues(_ path: String, openOptions: [String] = []) throws -> [Double] {
        let r = try Tool.run(["gdal_translate", "-q"] + openOptions + ["-of", "AAIGrid", path, "/vsistdout/"])
        #expect(r.status == 0, "gdal_translate: \(r.stderr)")
        return r.output.split(separator: "\n").filter { $0.first.map { !$0.isLetter } ?? false }
            .flatMap { $0.split(separator: " ").compactMap { Double($0) } }
    }

    @Test func epsgCodeStructureAndValues() throws {
        let grid = try Self.sampleGrid()
        let url = try Tool.temporaryDirectory().appendingPathComponent("utm.tif")
        try GeoTIFFWriter.write(grid, to: url, georeference: RasterGeoreference(epsg: 32642))
        let info = try Self.gdalinfo(url.path)
        #expect(info["size"] as? [Int] == [300, 270])
        #expect(info["geoTransform"] as? [Double] == [400_000, 250, 0, 4_600_000, 0, -250])
        let band = try #require((info["bands"] as? [[String: Any]])?.first)
        #expect(band["block"] as? [Int] == [256, 256])
        #expect(band["type"] as? String == "Float32")
        #expect(band["noDataValue"] as? Double == -9999)
        let meta = try #require(info["metadata"] as? [String: [String: String]])
        #expect(meta["IMAGE_STRUCTURE"]?["COMPRESSION"] == "DEFLATE")
        #expect(meta["IMAGE_STRUCTURE"]?["PREDICTOR"] == "3")
        #expect(meta[""]?["AREA_OR_POINT"] == "Area")
        let wkt = try #require((info["coordinateSystem"] as? [String: Any])?["wkt"] as? String)
        #expect(wkt.hasPrefix("PROJCRS[\"WGS 84 / UTM zone 42N\""))
        #expect(wkt.hasSuffix("ID[\"EPSG\",32642]]"), "\(wkt.suffix(80))")

        let values = try Self.gdalValues(url.path)
        try #require(values.count == 300 * 270)
        for r in 0..<grid.height {
            for c in 0..<grid.width {
                let expected: Double = (r == c && r < 50) || (r == 5 && c == 7) ? -9999 : Double(r * 1000 + c) + 0.25
                if values[r * 300 + c] != expected {
                    Issue.record("cell (\(r), \(c)): GDAL reads \(values[r * 300 + c]), expected \(expected)")
                    return
                }
            }
        }
    }

    /// The PROJ strings GDAL reads back (`gdalinfo -proj4`): every parameter we gave is there.
    @Test(arguments: [
        "+proj=aea +lat_0=45 +lon_0=65 +lat_1=38 +lat_2=52 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs",
        "+proj=tmerc +lat_0=0 +lon_0=68.5 +k=0.9999 +x_0=300000 +y_0=0 +ellps=GRS80 +units=m +no_defs",
        "+proj=laea +lat_0=45 +lon_0=65 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs",
        "+proj=lcc +lat_0=40 +lon_0=68 +lat_1=35 +lat_2=45 +x_0=1000000 +y_0=200000 +datum=WGS84 +units=m +no_defs",
    ])
    func projStringKeys(proj: String) throws {
        // An origin inside every projection's domain (tmerc's false easting is 300 km).
        let grid = try Self.sampleGrid(originX: proj.contains("tmerc") ? 200_000 : -100_000, originY: 4_900_000 * (proj.contains("tmerc") ? 1 : 0) + 50_000)
        let url = try Tool.temporaryDirectory().appendingPathComponent("proj.tif")
        try GeoTIFFWriter.write(grid, to: url, georeference: RasterGeoreference(proj: proj))
        let info = try Self.gdalinfo(url.path, proj4: true)
        let cs = try #require(info["coordinateSystem"] as? [String: Any])
        let back = try #require(cs["proj4"] as? String)
        let tokens = Set(back.split(separator: " ").map(String.init))
        for t in proj.split(separator: " ").map(String.init) {
            #expect(tokens.contains(t), "\(t) missing from GDAL's \(back)")
        }
        #expect(info["geoTransform"] as? [Double] == [grid.originX, 250, 0, grid.originY, 0, -250])
    }

    @Test func utmProjStringBecomesEPSGCode() throws {
        let grid = try Self.sampleGrid(crs: "+proj=utm +zone=42 +datum=WGS84 +units=m +no_defs")
        let url = try Tool.temporaryDirectory().appendingPathComponent("utm-proj.tif")
        try GeoTIFFWriter.write(grid, to: url, georeference: RasterGeoreference())
        let wkt = try #require((try Self.gdalinfo(url.path)["coordinateSystem"] as? [String: Any])?["wkt"] as? String)
        #expect(wkt.hasSuffix("ID[\"EPSG\",32642]]"))
    }

    @Test func geographicEPSGCode() throws {
        let grid = try Grid(width: 3, height: 2, originX: 60, originY: 45, cellSize: 0.5, values: [1, 2, 3, 4, 5, 6])
        let url = try Tool.temporaryDirectory().appendingPathComponent("wgs84.tif")
        try GeoTIFFWriter.write(grid, to: url, georeference: RasterGeoreference(crs: "EPSG:4326"))
        let info = try Self.gdalinfo(url.path)
        let wkt = try #require((info["coordinateSystem"] as? [String: Any])?["wkt"] as? String)
        #expect(wkt.hasPrefix("GEOGCRS[\"WGS 84\""))
        #expect(wkt.hasSuffix("ID[\"EPSG\",4326]]"))
        #expect(info["geoTransform"] as? [Double] == [60, 0.5, 0, 45, 0, -0.5])
        #expect((info["bands"] as? [[String: Any]])?.first?["noDataValue"] == nil, "no NODATA tag without grid.nodata")
        #expect(try Self.gdalValues(url.path) == [1, 2, 3, 4, 5, 6])
    }

    @Test func missingFolderThrowsLibtiffMessage() throws {
        let grid = try Self.sampleGrid()
        let url = URL(fileURLWithPath: "/nonexistent-bordermap-folder/out.tif")
        #expect {
            try GeoTIFFWriter.write(grid, to: url, georeference: RasterGeoreference(epsg: 32642))
        } throws: { error in
            guard case let .libtiff(file, operation, message)? = error as? GeoTIFFError else { return false }
            return file == url.path && operation == "TIFFOpenExt" && message.contains("No such file or directory")
        }
    }

    @Test(arguments: [
        RasterGeoreference(proj: "+proj=robin +lon_0=0 +datum=WGS84"),
        RasterGeoreference(proj: "+proj=aea +lat_1=38 +lat_2=52 +datum=WGS84 +units=ft"),
        RasterGeoreference(proj: "+proj=aea +lat_1=38 +lat_2=52 +datum=WGS84 +alpha=3"),
        RasterGeoreference(epsg: 99999),
        RasterGeoreference(epsg: 6326),  // a datum, not a CRS
        RasterGeoreference(),
    ])
    func unsupportedCRSIsRefusedBeforeWriting(georeference: RasterGeoreference) throws {
        let url = try Tool.temporaryDirectory().appendingPathComponent("bad.tif")
        #expect(throws: GeoTIFFError.self) {
            try GeoTIFFWriter.write(try Self.sampleGrid(), to: url, georeference: georeference)
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test func formatByExtension() throws {
        #expect(RasterFormat(pathExtension: "TIF") == .geoTIFF)
        #expect(RasterFormat(pathExtension: "tiff") == .geoTIFF)
        #expect(RasterFormat(pathExtension: "asc") == .asciiGrid)
        #expect(RasterFormat(pathExtension: "png") == nil)
        let dir = try Tool.temporaryDirectory()
        try RasterWriter.write(try Self.sampleGrid(), to: dir.appendingPathComponent("a.tiff"),
                               georeference: RasterGeoreference(epsg: 32642))
        #expect(try Self.gdalinfo(dir.appendingPathComponent("a.tiff").path)["size"] as? [Int] == [300, 270])
        #expect(throws: FormatError.self) {
            try RasterWriter.write(try Self.sampleGrid(), to: dir.appendingPathComponent("a.png"), georeference: RasterGeoreference(epsg: 32642))
        }
    }

    /// Files written at the same time keep their own libtiff messages: three good writes and
    /// one into a missing folder, concurrently; only the bad one fails, with its own path.
    @Test func concurrentWritesKeepTheirOwnErrors() async throws {
        let dir = try Tool.temporaryDirectory()
        let grid = try Self.sampleGrid()
        let urls = (0..<3).map { dir.appendingPathComponent("c\($0).tif") } + [URL(fileURLWithPath: "/nonexistent-bordermap-folder/c.tif")]
        let outcomes = await withTaskGroup(of: (Int, String?).self) { group in
            for (k, url) in urls.enumerated() {
                group.addTask {
                    do {
                        try GeoTIFFWriter.write(grid, to: url, georeference: RasterGeoreference(epsg: 32642))
                        return (k, nil)
                    } catch {
                        return (k, "\(error)")
                    }
                }
            }
            var out = [String?](repeating: nil, count: urls.count)
            for await (k, e) in group { out[k] = e }
            return out
        }
        #expect(outcomes[0] == nil && outcomes[1] == nil && outcomes[2] == nil, "\(outcomes)")
        let bad = try #require(outcomes[3])
        #expect(bad.hasPrefix("/nonexistent-bordermap-folder/c.tif: libtiff TIFFOpenExt failed") && bad.contains("No such file or directory"), "\(bad)")
        for url in urls.prefix(3) { #expect(try Self.gdalinfo(url.path)["size"] as? [Int] == [300, 270]) }
    }
}
