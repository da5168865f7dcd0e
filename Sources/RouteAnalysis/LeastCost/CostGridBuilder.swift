import GeoCore
import GeoTopology

/// One layer burned into a cost grid: geometries (in the grid's CRS) and the cost per CRS unit
/// they give the cells they cover. `Float.infinity` makes those cells impassable.
public struct CostLayer: Sendable, Hashable {
    /// Lines, polygons or their multi- and collection forms; points are ignored.
    public var geometries: [Geometry]
    /// Cost per CRS unit (per metre in a projected CRS); `.infinity` for impassable.
    public var cost: Float

    /// A layer of `geometries` burned in at `cost` per CRS unit.
    public init(geometries: [Geometry], cost: Float) {
        self.geometries = geometries
        self.cost = cost
    }

    /// An impassable layer (closed border lines, wide rivers): cost +infinity.
    public static func impassable(_ geometries: [Geometry]) -> CostLayer {
        CostLayer(geometries: geometries, cost: .infinity)
    }
}

/// Builds a cost grid for `CostDistance` from a base cost and burned-in layers, with its own
/// rasteriser (no GEOS needed beyond point-in-polygon).
///
/// Rules:
/// - Every cell starts at `baseCost`.
/// - Layers are burned in the order given; a later layer overwrites an earlier one, except that
///   an impassable (+infinity) cell stays impassable. Put cheap roads after expensive terrain.
/// - Polygons cover the cells whose centre lies inside or on the boundary (GEOS-free band index
///   `PointInAreaIndex`).
/// - Lines cover every cell their segments pass through (Amanatides & Woo, "A Fast Voxel
///   Traversal Algorithm for Ray Tracing", Eurographics 1987). Consecutive cells of a burned line
///   share an edge (4-connected), so an impassable line cannot be crossed by an 8-connected move.
public enum CostGridBuilder {
    /// A cost grid over `extent` with square cells of `cellSize` CRS units (the grid covers the
    /// extent, rounded up to whole cells from its north-west corner).
    /// - Throws: `LeastCostError.invalidParameter` for a non-finite or negative base cost or
    ///   layer cost, or an extent / cell size that gives no cells; `Grid.GridError`.
    public static func build(extent: BoundingBox, cellSize: Double, crs: String? = nil,
                             baseCost: Float, layers: [CostLayer]) throws -> Grid {
        guard baseCost.isFinite, baseCost >= 0 else {
            throw LeastCostError.invalidParameter("base cost \(baseCost) must be finite and zero or positive")
        }
        guard cellSize.isFinite, cellSize > 0, extent.width > 0, extent.height > 0 else {
            throw LeastCostError.invalidParameter("a cost grid needs a positive cell size and an extent with area")
        }
        let width = Int((extent.width / cellSize).rounded(.up)), height = Int((extent.height / cellSize).rounded(.up))
        var grid = try Grid(width: width, height: height, originX: extent.minX, originY: extent.maxY,
                            cellSize: cellSize, crs: crs, fill: baseCost)
        try burn(layers, into: &grid)
        return grid
    }

    /// Burns `layers` into an existing cost grid (geometries in the grid's CRS), by the rules of
    /// `build`: later layers overwrite earlier ones, impassable cells stay impassable. Use it to
    /// close border sections or add roads on a cost raster read from a file.
    /// - Throws: `LeastCostError.invalidParameter` for a NaN or negative layer cost.
    public static func burn(_ layers: [CostLayer], into grid: inout Grid) throws {
        for layer in layers {
            guard !layer.cost.isNaN, layer.cost >= 0 else {
                throw LeastCostError.invalidParameter("layer cost \(layer.cost) must be zero or positive (or +infinity)")
            }
            for g in layer.geometries { burn(g, cost: layer.cost, into: &grid) }
        }
    }

    /// Burns one geometry into `grid`.
    static func burn(_ g: Geometry, cost: Float, into grid: inout Grid) {
        switch g {
        case .point, .multiPoint: return
        case .lineString(let l): burnLine(l.coordinates, cost: cost, into: &grid)
        case .multiLineString(let m): for l in m.lineStrings { burnLine(l.coordinates, cost: cost, into: &grid) }
        case .polygon, .multiPolygon: burnArea(g, cost: cost, into: &grid)
        case .geometryCollection(let c): for member in c.geometries { burn(member, cost: cost, into: &grid) }
        }
    }

    static func set(_ grid: inout Grid, _ row: Int, _ col: Int, _ cost: Float) {
        guard row >= 0, row < grid.height, col >= 0, col < grid.width else { return }
        if grid[row, col] != .infinity { grid[row, col] = cost }
    }

    static func burnArea(_ g: Geometry, cost: Float, into grid: inout Grid) {
        guard let box = g.boundingBox, let index = PointInAreaIndex(g) else { return }
        let c0 = max(0, Int(((box.minX - grid.originX) / grid.cellSize).rounded(.down)))
        let c1 = min(grid.width - 1, Int(((box.maxX - grid.originX) / grid.cellSize).rounded(.down)))
        let r0 = max(0, Int(((grid.originY - box.maxY) / grid.cellSize).rounded(.down)))
        let r1 = min(grid.height - 1, Int(((grid.originY - box.minY) / grid.cellSize).rounded(.down)))
        guard c0 <= c1, r0 <= r1 else { return }
        for r in r0...r1 {
            for c in c0...c1 {
                let centre = grid.cellCenter(row: r, column: c)
                if let location = index.locate(x: centre.x, y: centre.y), location != .exterior { set(&grid, r, c, cost) }
            }
        }
    }

    static func burnLine(_ line: [Coordinate], cost: Float, into grid: inout Grid) {
        guard line.count >= 2 else { return }
        // Continuous grid coordinates: u = column, v = row (v grows southwards).
        func uv(_ p: Coordinate) -> (Double, Double) {
            ((p.x - grid.originX) / grid.cellSize, (grid.originY - p.y) / grid.cellSize)
        }
        for k in 1..<line.count {
            let (u0, v0) = uv(line[k - 1]), (u1, v1) = uv(line[k])
            guard u0.isFinite, v0.isFinite, u1.isFinite, v1.isFinite else { continue }
            traverse(u0, v0, u1, v1) { r, c in set(&grid, r, c, cost) }
        }
    }

    /// Visits the cells (row, column) a segment passes through, in order, one axis step at a
    /// time (Amanatides & Woo); the step count is bounded by the cells the segment spans.
    static func traverse(_ u0: Double, _ v0: Double, _ u1: Double, _ v1: Double, _ visit: (Int, Int) -> Void) {
        var c = Int(u0.rounded(.down)), r = Int(v0.rounded(.down))
        let cEnd = Int(u1.rounded(.down)), rEnd = Int(v1.rounded(.down))
        let du = u1 - u0, dv = v1 - v0
        let stepC = du > 0 ? 1 : -1, stepR = dv > 0 ? 1 : -1
        let tDeltaC = du != 0 ? abs(1 / du) : .infinity, tDeltaR = dv != 0 ? abs(1 / dv) : .infinity
        var tMaxC = du > 0 ? (Double(c + 1) - u0) / du : du < 0 ? (u0 - Double(c)) / -du : .infinity
        var tMaxR = dv > 0 ? (Double(r + 1) - v0) / dv : dv < 0 ? (v0 - Double(r)) / -dv : .infinity
        visit(r, c)
        var steps = abs(cEnd - c) + abs(rEnd - r)
        while steps > 0 {
            if tMaxC < tMaxR { c += stepC; tMaxC += tDeltaC } else { r += stepR; tMaxR += tDeltaR }
            visit(r, c)
            steps -= 1
        }
    }
}
