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
    /// - Throws: `FormatError` when `doubleValues` has the wrong count or the origin is not
    ///   finite; Foundation's file errors when the files cannot be written.
    public static func write(_ grid: Grid, doubleValues: [Double]? = nil, to url: URL, prj: String? = nil) throws {
        try text(grid, doubleValues: doubleValues).write(to: url, atomically: true, encoding: .utf8)
        if let prj {
            try prj.write(to: url.deletingPathExtension().appendingPathExtension("prj"), atomically: true, encoding: .utf8)
        }
    }

    /// The `.asc` file's text (see `write`).
    /// - Throws: `FormatError` when `doubleValues` has the wrong count or the origin is not finite.
    public static func text(_ grid: Grid, doubleValues: [Double]? = nil) throws -> String {
        let count = grid.width * grid.height
        if let doubleValues, doubleValues.count != count {
            throw FormatError("ASCII grid: \(doubleValues.count) double values given for a \(grid.width)x\(grid.height) grid (\(count) cells)")
        }
        let yll = grid.originY - Double(grid.height) * grid.cellSize
        guard grid.originX.isFinite, yll.isFinite else {
            throw FormatError("ASCII grid: origin (\(grid.originX), \(grid.originY)) must be finite")
        }
        let nodataText: String
        if let nd = grid.nodata, nd.isFinite { nodataText = number(nd) } else { nodataText = number(defaultNodata) }
        var out = ""
        out.reserveCapacity(count * 12 + 200)
        out += "ncols        \(grid.width)\n"
        out += "nrows        \(grid.height)\n"
        out += "xllcorner    \(number(grid.originX))\n"
        out += "yllcorner    \(number(yll))\n"
        out += "cellsize     \(number(grid.cellSize))\n"
        out += "NODATA_value \(nodataText)\n"
        for row in 0..<grid.height {
            for col in 0..<grid.width {
                let i = row * grid.width + col
                if col > 0 { out += " " }
                if let doubleValues {
                    let v = doubleValues[i]
                    let isNodata = !v.isFinite || (grid.nodata.map { Double($0) == v } ?? false)
                    out += isNodata ? nodataText : number(v)
                } else {
                    let v = grid.values[i]
                    out += (!v.isFinite || v == grid.nodata) ? nodataText : number(v)
                }
            }
            out += "\n"
        }
        return out
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
