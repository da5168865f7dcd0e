import GeoCore

/// Resampling a `Grid` from its CRS onto a grid laid out in another CRS (for example a density
/// surface computed in metres of an equal-area projection, drawn on Web Mercator tiles).
///
/// Each target cell centre is mapped into the source CRS and the source is sampled bilinearly
/// between its cell centres; target cells outside the source's cell centres, or next to source
/// nodata, take the nearest source cell (nodata stays nodata). To keep PROJ off the per-cell
/// path, centres are transformed exactly on a lattice every `latticeStep` cells and interpolated
/// bilinearly in between: over 8 cells of a few kilometres the projections used here are linear
/// to well under a millimetre.
public enum GridResampling {
    /// Cells between exactly transformed lattice points.
    public static let latticeStep = 8

    /// Resamples `source` (its `crs` must be set) onto a `width` × `height` grid of `cellSize`
    /// with its north-west corner at (`originX`, `originY`) in `target`.
    /// - Returns: a grid in `target` (its `crs` is `target.definition`), nodata where the source
    ///   has none; `source.nodata` (or -9999 when the source has none) marks empty cells.
    /// - Throws: `ProjectionError` when the CRSs cannot be read or transformed; `Grid.GridError`.
    public static func resample(_ source: Grid, width: Int, height: Int, originX: Double, originY: Double,
                                cellSize: Double, target: CRS) throws -> Grid {
        guard let sourceText = source.crs else { throw ProjectionError.invalidCRS(definition: "", message: "the source grid has no CRS") }
        let sourceCRS = try CRS(sourceText)
        let nodata = source.nodata ?? -9999
        var out = try Grid(width: width, height: height, originX: originX, originY: originY, cellSize: cellSize,
                           crs: target.definition, nodata: nodata, fill: nodata)
        let step = latticeStep
        let lw = (width + step - 1) / step + 1, lh = (height + step - 1) / step + 1
        var lx = [Double](), ly = [Double]()
        lx.reserveCapacity(lw * lh)
        ly.reserveCapacity(lw * lh)
        for j in 0..<lh {
            for i in 0..<lw {
                lx.append(originX + (Double(i * step) + 0.5) * cellSize)
                ly.append(originY - (Double(j * step) + 0.5) * cellSize)
            }
        }
        let transformer = try Transformer(from: target, to: sourceCRS)
        _ = try transformer.transformReportingFailures(x: &lx, y: &ly)
        let g = source
        for row in 0..<height {
            let j = row / step, ty = Double(row - j * step) / Double(step)
            for col in 0..<width {
                let i = col / step, tx = Double(col - i * step) / Double(step)
                let a = j * lw + i, b = a + 1, c = a + lw, d = c + 1
                let x = (lx[a] * (1 - tx) + lx[b] * tx) * (1 - ty) + (lx[c] * (1 - tx) + lx[d] * tx) * ty
                let y = (ly[a] * (1 - tx) + ly[b] * tx) * (1 - ty) + (ly[c] * (1 - tx) + ly[d] * tx) * ty
                guard x.isFinite, y.isFinite, let v = sample(g, x: x, y: y, nodata: nodata) else { continue }
                out.values[row * width + col] = v
            }
        }
        return out
    }

    /// The source value at (x, y): bilinear between the four nearest cell centres, the nearest
    /// cell when one of them is nodata or (x, y) lies in the outer half cell; nil outside.
    static func sample(_ g: Grid, x: Double, y: Double, nodata: Float) -> Float? {
        let fc = (x - g.originX) / g.cellSize - 0.5, fr = (g.originY - y) / g.cellSize - 0.5
        guard fc > -0.5, fr > -0.5, fc < Double(g.width) - 0.5, fr < Double(g.height) - 0.5 else { return nil }
        let c0 = max(0, min(g.width - 1, Int(fc.rounded(.down)))), r0 = max(0, min(g.height - 1, Int(fr.rounded(.down))))
        let c1 = min(c0 + 1, g.width - 1), r1 = min(r0 + 1, g.height - 1)
        let tx = max(0, min(1, fc - Double(c0))), ty = max(0, min(1, fr - Double(r0)))
        let v00 = g.values[r0 * g.width + c0], v01 = g.values[r0 * g.width + c1]
        let v10 = g.values[r1 * g.width + c0], v11 = g.values[r1 * g.width + c1]
        if v00 == nodata || v01 == nodata || v10 == nodata || v11 == nodata {
            let v = g.values[(ty < 0.5 ? r0 : r1) * g.width + (tx < 0.5 ? c0 : c1)]
            return v == nodata ? nil : v
        }
        let top = v00 + (v01 - v00) * Float(tx), bottom = v10 + (v11 - v10) * Float(tx)
        return top + (bottom - top) * Float(ty)
    }
}
