import GeoCore

/// The result of `CostDistance`: accumulated cost per cell and the back-link direction of each.
///
/// Back-link codes follow ArcGIS's Cost Back Link raster: 0 for a source cell; 1 to 8 name the
/// neighbour to step to on the way back to the nearest source, clockwise from east: 1 east,
/// 2 south-east, 3 south, 4 south-west, 5 west, 6 north-west, 7 north, 8 north-east (north is
/// row − 1). Unreachable and impassable cells have no link (nodata in `backLinkGrid`).
public struct CostSurface: Sendable, Hashable {
    /// The cost grid the surface was computed on.
    public let costGrid: Grid
    /// Accumulated cost per cell, row-major (cost units × CRS units); +infinity when unreachable.
    public let accumulated: [Double]
    /// Back-link code per cell (see the type's documentation); 255 when unreachable.
    public let backLinks: [UInt8]

    /// The code of cells without a back-link.
    static let unreachable: UInt8 = 255
    /// Row and column offsets of the moves in back-link order minus one: E, SE, S, SW, W, NW, N, NE.
    static let moves: [(dr: Int, dc: Int)] = [(0, 1), (1, 1), (1, 0), (1, -1), (0, -1), (-1, -1), (-1, 0), (-1, 1)]

    /// The accumulated cost as a grid (same geometry and CRS as the cost grid); unreachable cells
    /// hold `nodata` = -1.
    public var accumulatedGrid: Grid {
        var g = costGrid
        g.nodata = -1
        g.values = accumulated.map { $0.isFinite ? Float($0) : -1 }
        return g
    }

    /// The back-link codes as a grid (0...8), unreachable cells `nodata` = 255.
    public var backLinkGrid: Grid {
        var g = costGrid
        g.nodata = 255
        g.values = backLinks.map(Float.init)
        return g
    }

    /// The accumulated cost at (row, column); +infinity when unreachable.
    public func cost(row: Int, column: Int) -> Double { accumulated[row * costGrid.width + column] }

    /// The least-cost path from the nearest source to `destination` (grid CRS): the polyline
    /// through the centres of the cells crossed, source first, and its total cost (the
    /// accumulated cost of the destination cell).
    /// - Throws: `LeastCostError.destinationOutsideGrid`, `.destinationUnreachable`.
    public func path(to destination: Coordinate) throws -> LeastCostPath {
        guard let cell = costGrid.cell(containing: destination) else { throw LeastCostError.destinationOutsideGrid }
        return try path(toCell: cell.row * costGrid.width + cell.column)
    }

    /// The least-cost path to the cell with row-major index `index` (see `path(to:)`).
    /// - Throws: `LeastCostError.destinationUnreachable`, `.invalidParameter` for a bad index.
    public func path(toCell index: Int) throws -> LeastCostPath {
        let w = costGrid.width
        guard index >= 0, index < accumulated.count else {
            throw LeastCostError.invalidParameter("cell index \(index) is outside the grid")
        }
        guard accumulated[index].isFinite else { throw LeastCostError.destinationUnreachable(row: index / w, column: index % w) }
        var cells = [index]
        var i = index
        // Each step follows a link to a cell of strictly lower settled cost, so the walk ends at
        // a source within `accumulated.count` steps; the bound guards against corrupted links.
        while backLinks[i] != 0, cells.count <= accumulated.count {
            let move = CostSurface.moves[Int(backLinks[i]) - 1]
            i = (i / w + move.dr) * w + i % w + move.dc
            cells.append(i)
        }
        cells.reverse()
        let coordinates = cells.map { costGrid.cellCenter(row: $0 / w, column: $0 % w) }
        return LeastCostPath(cells: cells, line: LineString(coordinates), totalCost: accumulated[index])
    }
}

/// A least-cost path: the cells crossed (row-major indices, source first), the polyline through
/// their centres in the grid's CRS, and the accumulated cost at the destination.
public struct LeastCostPath: Sendable, Hashable {
    /// Row-major cell indices from the source cell to the destination cell.
    public let cells: [Int]
    /// The path through the cell centres, in the grid's CRS.
    public let line: LineString
    /// Total cost (the destination's accumulated cost).
    public let totalCost: Double

    /// The path as a feature with `total_cost` and `cells` properties (grid CRS coordinates).
    public var feature: Feature {
        Feature(geometry: .lineString(line), properties: ["total_cost": .double(totalCost), "cells": .integer(Int64(cells.count))])
    }
}
