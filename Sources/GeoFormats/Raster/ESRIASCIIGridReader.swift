import Foundation
import GeoCore

/// Reads ESRI ASCII grids (`.asc`), for round trips and tests.
///
/// Header keys are case-insensitive and may come in any order: `ncols`, `nrows`, `cellsize`,
/// `xllcorner` or `xllcenter`, `yllcorner` or `yllcenter` (a centre is moved half a cell to the
/// corner), and the optional `NODATA_value`. Values are separated by any white space. The
/// `.prj` sidecar's text (ESRI WKT, which PROJ reads) becomes `crs` and `grid.crs`.
public enum ESRIASCIIGridReader {
    /// Reads `url` and its `.prj` sidecar when present (its text, trimmed of surrounding white
    /// space, becomes `crs` and `grid.crs`).
    /// - Throws: `FormatError` naming the file and line for a malformed header, a value that is
    ///   not a number, or a value count that disagrees with `ncols × nrows`.
    public static func read(contentsOf url: URL) throws -> RasterFile {
        let data = try Data(contentsOf: url)
        var result: RasterFile
        do {
            result = try parse(String(decoding: data, as: UTF8.self))
        } catch let e as FormatError {
            throw e.inFile(url.path)
        }
        let prjURL = url.deletingPathExtension().appendingPathExtension("prj")
        if FileManager.default.fileExists(atPath: prjURL.path) {
            let prj = try String(contentsOf: prjURL, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            result.crs = prj
            result.grid.crs = prj
        }
        return result
    }

    /// Parses the text of an `.asc` file (`crs` nil).
    /// - Throws: `FormatError` as `read(contentsOf:)`.
    public static func parse(_ text: String) throws -> RasterFile {
        var header: [String: Double] = [:]
        var values: [Double] = []
        var lineNumber = 0
        var inHeader = true
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if tokens.isEmpty { continue }
            if inHeader, let first = tokens.first, first.first.map({ $0.isLetter }) == true {
                guard tokens.count == 2, let v = Double(tokens[1]) else {
                    throw FormatError(location: "line \(lineNumber)", "header line must be 'key number', found '\(line)'")
                }
                header[first.lowercased()] = v
                continue
            }
            inHeader = false
            for t in tokens {
                guard let v = Double(t) else {
                    throw FormatError(location: "line \(lineNumber)", "'\(t)' is not a number")
                }
                values.append(v)
            }
        }
        func key(_ names: String...) throws -> Double {
            for n in names { if let v = header[n] { return v } }
            throw FormatError(location: "header", "missing '\(names[0])'")
        }
        let ncols = try key("ncols"), nrows = try key("nrows"), cell = try key("cellsize")
        guard ncols >= 1, nrows >= 1, ncols == ncols.rounded(), nrows == nrows.rounded(), ncols * nrows < 1e10 else {
            throw FormatError(location: "header", "ncols \(ncols) and nrows \(nrows) must be positive integers")
        }
        let width = Int(ncols), height = Int(nrows)
        let xll = try header["xllcorner"] ?? (key("xllcenter", "xllcorner") - cell / 2)
        let yll = try header["yllcorner"] ?? (key("yllcenter", "yllcorner") - cell / 2)
        guard values.count == width * height else {
            throw FormatError(location: "data", "\(values.count) values for \(width) x \(height) cells")
        }
        let nodata = header["nodata_value"]
        do {
            let grid = try Grid(width: width, height: height, originX: xll, originY: yll + Double(height) * cell,
                                cellSize: cell, nodata: nodata.map(Float.init), values: values.map(Float.init))
            return RasterFile(grid: grid, values: values, crs: nil)
        } catch let e as Grid.GridError {
            throw FormatError(location: "header", e.description)
        }
    }
}
