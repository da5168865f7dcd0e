import Foundation
import GeoCore

/// A regular tessellation of square or hexagonal cells covering an extent (projected metres),
/// for aggregating incidents before Gi*. Cell ids are `row * columns + column`, row 0 north,
/// column 0 west, as in shared/reference/gistar_spec.json.
///
/// Squares (`fishnet`): side `size`; cell (r, c) spans x ∈ [xLeft + c·size, xLeft + (c+1)·size),
/// y ∈ (yTop − (r+1)·size, yTop − r·size]; centre at (xLeft + (c+½)·size, yTop − (r+½)·size).
/// Area = size².
///
/// Hexagons (`hexagons`): `size` is the distance between the centres of adjacent cells, which
/// is the cell's width across flats; side a = size/√3, area = (√3/2)·size² (10 km → 86.6025 km²).
/// So a distance band of 1.5 × size reaches the six adjacent cells, as it reaches the eight
/// neighbours of a fishnet of the same size. ArcGIS's Generate Tessellation states a cell's
/// area instead: `hexagonSize(forArea:)` converts. Orientation: `.flatTop` (vertices east and
/// west) with columns 1.5a apart and odd columns half a cell lower, the default, which we take
/// to be ArcGIS's `HEXAGON` from its documentation's illustration (not checked against ArcGIS
/// output); `.pointyTop` (vertices north and south, its `TRANSVERSE_HEXAGON`) with rows 1.5a
/// apart and odd rows half a cell east. Cell (0, 0) is centred half a spacing north (flat top)
/// or west (pointy top) of the extent's north-west corner, so that the shifted columns (rows)
/// also cover the extent's edge, and one extra row and column make every point of the extent,
/// edges included, fall in a cell: hexagons reach beyond the extent as ArcGIS's do.
///
/// Polygons are closed counter-clockwise rings (GeoCore `Polygon`).
public struct Tessellation: Sendable, Hashable {
    /// Cell shape.
    public enum Shape: Sendable, Hashable {
        case square
        case hexagon(HexagonOrientation)
    }

    /// Which way hexagons point.
    public enum HexagonOrientation: Sendable, Hashable {
        /// Flat top and bottom, vertices east and west (ArcGIS `HEXAGON`).
        case flatTop
        /// Vertices north and south (ArcGIS `TRANSVERSE_HEXAGON`).
        case pointyTop
    }

    /// Cell shape.
    public let shape: Shape
    /// Square side or hexagon centre spacing (width across flats), metres.
    public let size: Double
    /// West edge (squares) or x of cell (0, 0)'s centre (hexagons), metres.
    public let originX: Double
    /// North edge (squares) or y of cell (0, 0)'s centre (hexagons), metres.
    public let originY: Double
    /// Number of columns.
    public let columns: Int
    /// Number of rows.
    public let rows: Int

    /// Most cells accepted (memory guard).
    public static let maximumCells = 50_000_000

    /// Number of cells, `rows * columns`.
    public var cellCount: Int { rows * columns }

    /// Area of one cell, square metres: size² or (√3/2)·size².
    public var cellArea: Double {
        switch shape {
        case .square: size * size
        case .hexagon: 3.0.squareRoot() / 2 * size * size
        }
    }

    /// The hexagon `size` (centre spacing) whose cell has `area` square metres: √(2·area/√3).
    public static func hexagonSize(forArea area: Double) -> Double { (2 * area / 3.0.squareRoot()).squareRoot() }

    /// A fishnet of `columns × rows` square cells of side `cellSize` with its north-west corner
    /// at (`xLeft`, `yTop`).
    /// - Throws: `.invalidTessellation` for a size ≤ 0, no cells, non-finite origin, or more than
    ///   `maximumCells` cells.
    public static func fishnet(xLeft: Double, yTop: Double, cellSize: Double, columns: Int, rows: Int) throws -> Tessellation {
        try Tessellation(shape: .square, size: cellSize, originX: xLeft, originY: yTop, columns: columns, rows: rows)
    }

    /// The fishnet of square cells of side `cellSize` from the extent's north-west corner, with
    /// ⌈width/size⌉ columns and ⌈height/size⌉ rows (at least one each): it covers the extent,
    /// its east and south edges included.
    public static func fishnet(covering extent: BoundingBox, cellSize: Double) throws -> Tessellation {
        guard cellSize.isFinite, cellSize > 0 else { throw HotSpotAnalysisError.invalidTessellation("cell size \(cellSize) m must be positive") }
        let c = max(1, Int((extent.width / cellSize).rounded(.up))), r = max(1, Int((extent.height / cellSize).rounded(.up)))
        return try fishnet(xLeft: extent.minX, yTop: extent.maxY, cellSize: cellSize, columns: c, rows: r)
    }

    /// Hexagons of centre spacing `size` (metres) covering `extent` (see the type's comment).
    public static func hexagons(covering extent: BoundingBox, size: Double, orientation: HexagonOrientation = .flatTop) throws -> Tessellation {
        guard size.isFinite, size > 0 else { throw HotSpotAnalysisError.invalidTessellation("hexagon size \(size) m must be positive") }
        let a = size / 3.0.squareRoot()
        let across = orientation == .flatTop ? 1.5 * a : size   // column spacing
        let down = orientation == .flatTop ? size : 1.5 * a     // row spacing
        // Every other column (flat top) or row (pointy top) is shifted by half a spacing; the
        // origin moves out by that half so that the shifted cells' first centres still cover
        // the extent's northern (western) edge: no point of the extent falls outside.
        let (x0, y0) = orientation == .flatTop ? (extent.minX, extent.maxY + size / 2) : (extent.minX - size / 2, extent.maxY)
        let c = Int(((extent.maxX - x0) / across).rounded(.up)) + 1, r = Int(((y0 - extent.minY) / down).rounded(.up)) + 1
        return try Tessellation(shape: .hexagon(orientation), size: size, originX: x0, originY: y0, columns: c, rows: r)
    }

    init(shape: Shape, size: Double, originX: Double, originY: Double, columns: Int, rows: Int) throws {
        guard size.isFinite, size > 0 else { throw HotSpotAnalysisError.invalidTessellation("cell size \(size) m must be positive") }
        guard originX.isFinite, originY.isFinite else { throw HotSpotAnalysisError.invalidTessellation("the origin must be finite") }
        guard columns >= 1, rows >= 1 else { throw HotSpotAnalysisError.invalidTessellation("\(columns) × \(rows) cells: need at least one") }
        guard columns.multipliedReportingOverflow(by: rows).partialValue <= Self.maximumCells,
              !columns.multipliedReportingOverflow(by: rows).overflow else {
            throw HotSpotAnalysisError.invalidTessellation("\(columns) × \(rows) cells is over \(Self.maximumCells): use a larger cell size")
        }
        self.shape = shape
        self.size = size
        self.originX = originX
        self.originY = originY
        self.columns = columns
        self.rows = rows
    }

    /// Centre of cell (`row`, `column`), metres.
    public func centre(row: Int, column: Int) -> Coordinate {
        switch shape {
        case .square:
            return Coordinate(originX + (Double(column) + 0.5) * size, originY - (Double(row) + 0.5) * size)
        case .hexagon(.flatTop):
            let a = size / 3.0.squareRoot()
            return Coordinate(originX + Double(column) * 1.5 * a, originY - Double(row) * size - (column & 1 == 1 ? size / 2 : 0))
        case .hexagon(.pointyTop):
            let a = size / 3.0.squareRoot()
            return Coordinate(originX + Double(column) * size + (row & 1 == 1 ? size / 2 : 0), originY - Double(row) * 1.5 * a)
        }
    }

    /// Centre of cell `id`.
    public func centre(ofCell id: Int) -> Coordinate { centre(row: id / columns, column: id % columns) }

    /// Centres of every cell, in id order.
    public var centres: [Coordinate] { (0..<cellCount).map(centre(ofCell:)) }

    /// The cell's outline: a closed counter-clockwise ring (5 positions for squares, 7 for hexagons).
    public func polygon(ofCell id: Int) -> Polygon {
        let c = centre(ofCell: id)
        var ring: [Coordinate]
        switch shape {
        case .square:
            let h = size / 2
            ring = [Coordinate(c.x - h, c.y - h), Coordinate(c.x + h, c.y - h), Coordinate(c.x + h, c.y + h), Coordinate(c.x - h, c.y + h)]
        case .hexagon(.flatTop):
            let a = size / 3.0.squareRoot(), h = size / 2
            ring = [Coordinate(c.x + a, c.y), Coordinate(c.x + a / 2, c.y + h), Coordinate(c.x - a / 2, c.y + h),
                    Coordinate(c.x - a, c.y), Coordinate(c.x - a / 2, c.y - h), Coordinate(c.x + a / 2, c.y - h)]
        case .hexagon(.pointyTop):
            let a = size / 3.0.squareRoot(), h = size / 2
            ring = [Coordinate(c.x + h, c.y - a / 2), Coordinate(c.x + h, c.y + a / 2), Coordinate(c.x, c.y + a),
                    Coordinate(c.x - h, c.y + a / 2), Coordinate(c.x - h, c.y - a / 2), Coordinate(c.x, c.y - a)]
        }
        ring.append(ring[0])
        return Polygon(exterior: LinearRing(ring))
    }

    /// Every cell with its id, row, column, centre and outline.
    public var cells: [TessellationCell] {
        (0..<cellCount).map { TessellationCell(id: $0, row: $0 / columns, column: $0 % columns, centre: centre(ofCell: $0), polygon: polygon(ofCell: $0)) }
    }

    /// The id of the cell holding (x, y), or nil outside the tessellation or for a non-finite
    /// position. Squares: half-open as in the type's comment, the outer east and south edges
    /// included. Hexagons: the nearest centre (ties to the lower id).
    @inline(__always) public func cellID(x: Double, y: Double) -> Int? {
        guard x.isFinite, y.isFinite else { return nil }
        switch shape {
        case .square:
            let fc = (x - originX) / size, fr = (originY - y) / size
            guard fc >= 0, fr >= 0 else { return nil }
            var c = Int(fc), r = Int(fr)
            if c == columns, fc == Double(columns) { c -= 1 }
            if r == rows, fr == Double(rows) { r -= 1 }
            guard c < columns, r < rows else { return nil }
            return r * columns + c
        case .hexagon(let o):
            return hexagonID(x: x, y: y, orientation: o)
        }
    }

    private func hexagonID(x: Double, y: Double, orientation: HexagonOrientation) -> Int? {
        let a = size / 3.0.squareRoot()
        var bestD2 = Double.infinity, bestID = Int.max, bestInside = false
        func consider(_ p: Coordinate, row r: Int, column c: Int) {
            let d2 = (p.x - x) * (p.x - x) + (p.y - y) * (p.y - y)
            let id = r * columns + c
            if d2 < bestD2 || (d2 == bestD2 && id < bestID) {
                bestD2 = d2
                bestID = id
                bestInside = c >= 0 && c < columns && r >= 0 && r < rows
            }
        }
        if orientation == .flatTop {
            let c0 = Int(((x - originX) / (1.5 * a)).rounded(.down))
            for c in (c0 - 1)...(c0 + 1) where c >= -1 && c <= columns {
                let shift = c & 1 == 1 ? size / 2 : 0
                let r = Int(((originY - shift - y) / size).rounded())
                let p = Coordinate(originX + Double(c) * 1.5 * a, originY - Double(r) * size - shift)
                consider(p, row: r, column: c)
            }
        } else {
            let r0 = Int(((originY - y) / (1.5 * a)).rounded(.down))
            for r in (r0 - 1)...(r0 + 1) where r >= -1 && r <= rows {
                let shift = r & 1 == 1 ? size / 2 : 0
                let c = Int(((x - originX - shift) / size).rounded())
                let p = Coordinate(originX + Double(c) * size + shift, originY - Double(r) * 1.5 * a)
                consider(p, row: r, column: c)
            }
        }
        return bestInside ? bestID : nil
    }
}

/// One cell of a `Tessellation`.
public struct TessellationCell: Sendable, Hashable {
    /// `row * columns + column`.
    public var id: Int
    /// Row, 0 north.
    public var row: Int
    /// Column, 0 west.
    public var column: Int
    /// Centre, metres.
    public var centre: Coordinate
    /// Outline, closed counter-clockwise ring.
    public var polygon: Polygon
}
