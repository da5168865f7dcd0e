import Foundation
import GeoCore

/// Writes ESRI ASCII grids (`.asc`) and their `.prj` sidecar.
///
/// Layout (ESRI "ASCII raster format", as ArcGIS's ASCII To Raster and GDAL's AAIGrid driver
/// read it): six header lines `ncols`, `nrows`, `xllcorner`, `yllcorner`, `cellsize`,
/// `NODATA_value`, then `nrows` lines of `ncols` values separated by one space, the northern
/// row first (as `Grid`). `xllcorner`/`yllcorner` are the outer lower-left corner of the grid:
/// (`originX`, `originY - nrows·cellSize`).
///
/// Numbers are written as the shortest decimal text that reads back as exactly the same binary
/// value (Swift's `description`: up to 9 significant digits for `Float`, 17 for `Double`; never
/// fewer digits than the value needs, exponent form such as `1.5e-07` for very small or large
/// magnitudes, which GDAL and ArcGIS read). NaN cells, and infinite ones, are written as the
/// NODATA value: `grid.nodata`, or −9999 (ArcGIS's default) when the grid has none.
public enum ESRIASCIIGridWriter {
    /// The NODATA value written when the grid has none (ArcGIS's default for ASCII grids).
    public static let defaultNodata: Double = -9999

    /// Writes `grid` to `url` and, when `prj` is given, its text to the sidecar `url` with the
    /// extension `.prj` (ESRI WKT, written verbatim in UTF-8).
    ///
    /// - Parameters:
    ///   - doubleValues: when given, these values (row-major, northern row first, exactly
    ///     `width * height` of them) are written instead of the grid's `Float` values, so a
    ///     Double analysis keeps its full precision; the grid still gives size, origin, cell
    ///     size and NODATA.
    ///   - prj: the CRS as ESRI WKT, or nil for no `.prj`.
    /// - Throws: `FormatError` when `doubleValues` has the wrong count, the origin is not
    ///   finite or the folder does not accept a new file; Foundation's file errors when writing fails.
    public static func write(_ grid: Grid, doubleValues: [Double]? = nil, to url: URL, prj: String? = nil) throws {
        try check(grid, doubleValues)
        // Rows are streamed to a temporary file beside the target, then moved into place, so a
        // large grid never sits in memory as one string and a failed write leaves no half file.
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
            throw FormatError(file: url.path, "cannot create a file in \(url.deletingLastPathComponent().path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temp)
            defer { try? handle.close() }
            var chunk = header(grid)
            for row in 0..<grid.height {
                appendRow(row, of: grid, doubleValues: doubleValues, to: &chunk)
                if chunk.utf8.count > 1 << 20 || row == grid.height - 1 {
                    try handle.write(contentsOf: Data(chunk.utf8))
                    chunk = ""
                }
            }
            try handle.close()
            // rename(2): atomic within a folder, replaces an existing file; 0 on success.
            guard rename(temp.path, url.path) == 0 else {
                throw FormatError(file: url.path, "cannot move the written grid into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
        if let prj {
            try prj.write(to: url.deletingPathExtension().appendingPathExtension("prj"), atomically: true, encoding: .utf8)
        }
    }

    /// The `.asc` file's text (see `write`); for small grids and tests.
    /// - Throws: `FormatError` when `doubleValues` has the wrong count or the origin is not finite.
    public static func text(_ grid: Grid, doubleValues: [Double]? = nil) throws -> String {
        try check(grid, doubleValues)
        var out = header(grid)
        for row in 0..<grid.height { appendRow(row, of: grid, doubleValues: doubleValues, to: &out) }
        return out
    }

    private static func check(_ grid: Grid, _ doubleValues: [Double]?) throws {
        let count = grid.width * grid.height
        if let doubleValues, doubleValues.count != count {
            throw FormatError("ASCII grid: \(doubleValues.count) double values given for a \(grid.width)x\(grid.height) grid (\(count) cells)")
        }
        let yll = grid.originY - Double(grid.height) * grid.cellSize
        guard grid.originX.isFinite, yll.isFinite else {
            throw FormatError("ASCII grid: origin (\(grid.originX), \(grid.originY)) must be finite")
        }
    }

    private static func nodataText(_ grid: Grid) -> String {
        if let nd = grid.nodata, nd.isFinite { return number(nd) }
        return number(defaultNodata)
    }

    private static func header(_ grid: Grid) -> String {
        let yll = grid.originY - Double(grid.height) * grid.cellSize
        return "ncols        \(grid.width)\n" + "nrows        \(grid.height)\n"
            + "xllcorner    \(number(grid.originX))\n" + "yllcorner    \(number(yll))\n"
            + "cellsize     \(number(grid.cellSize))\n" + "NODATA_value \(nodataText(grid))\n"
    }

    private static func appendRow(_ row: Int, of grid: Grid, doubleValues: [Double]?, to out: inout String) {
        let nodata = nodataText(grid)
        for col in 0..<grid.width {
            let i = row * grid.width + col
            if col > 0 { out += " " }
            if let doubleValues {
                let v = doubleValues[i]
                let isNodata = !v.isFinite || (grid.nodata.map { Double($0) == v } ?? false)
                out += isNodata ? nodata : number(v)
            } else {
                let v = grid.values[i]
                out += (!v.isFinite || v == grid.nodata) ? nodata : number(v)
            }
        }
        out += "\n"
    }

    /// Shortest round-trip text of a Double; integral values without a trailing `.0`.
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return v.description
    }

    /// Shortest round-trip text of a Float; integral values without a trailing `.0`.
    static func number(_ v: Float) -> String {
        if v == v.rounded(), abs(v) < 1e7 { return String(Int64(v)) }
        return v.description
    }
}
