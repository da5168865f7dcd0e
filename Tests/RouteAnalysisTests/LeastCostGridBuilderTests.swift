import GeoCore
import Testing
@testable import RouteAnalysis

@Suite("Cost grids built from layers")
struct LeastCostGridBuilderTests {
    static let extent = BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10)

    @Test("polygons cover cells whose centre is inside; lines every cell they pass; order and impassable rule")
    func burning() throws {
        let square = Geometry.polygon(Polygon(exterior: LinearRing([Coordinate(0, 0), Coordinate(4, 0), Coordinate(4, 4),
                                                                    Coordinate(0, 4), Coordinate(0, 0)])))
        let road = Geometry.lineString(LineString([Coordinate(0.5, 8.5), Coordinate(9.5, 8.5)]))
        let wall = Geometry.lineString(LineString([Coordinate(6.5, 0.2), Coordinate(6.5, 6.9)]))
        let grid = try CostGridBuilder.build(extent: Self.extent, cellSize: 1, baseCost: 5, layers: [
            CostLayer(geometries: [square], cost: 9),
            CostLayer.impassable([wall]),
            CostLayer(geometries: [road, wall], cost: 0.5),
        ])
        #expect(grid.width == 10 && grid.height == 10)
        // Square (0..4, 0..4): rows 6...9 (south), columns 0...3.
        for r in 0..<10 {
            for c in 0..<10 {
                let expected: Float
                if r == 1 { expected = 0.5 }                               // road y = 8.5, x 0.5...9.5: columns 0...9
                else if c == 6 && r >= 3 { expected = .infinity }         // wall x = 6.5, y 0.2...6.9: rows 3...9, kept impassable
                else if r >= 6 && c <= 3 { expected = 9 }
                else { expected = 5 }
                #expect(grid[r, c] == expected, "cell \(r),\(c)")
            }
        }
    }

    @Test("a diagonal impassable line is 4-connected and blocks every 8-connected move across it")
    func diagonalBarrier() throws {
        // A 45° barrier through cell corners from (0, 10) to (10, 0) on a 10×10 grid.
        let wall = Geometry.lineString(LineString([Coordinate(0, 10), Coordinate(10, 0)]))
        let grid = try CostGridBuilder.build(extent: Self.extent, cellSize: 1, baseCost: 1, layers: [.impassable([wall])])
        // Source in the north-east corner cell, which lies above the line.
        let surface = try CostDistance.compute(cost: grid, sources: [Coordinate(9.5, 9.5)])
        // Every cell whose centre is below the line x + y < 10 must be unreachable.
        for r in 0..<10 {
            for c in 0..<10 {
                let centre = grid.cellCenter(row: r, column: c)
                if centre.x + centre.y < 10 { #expect(surface.cost(row: r, column: c) == .infinity, "cell \(r),\(c) reached across the wall") }
            }
        }
    }

    @Test("bad parameters are rejected")
    func invalid() {
        #expect(throws: LeastCostError.self) { try CostGridBuilder.build(extent: Self.extent, cellSize: 0, baseCost: 1, layers: []) }
        #expect(throws: LeastCostError.self) { try CostGridBuilder.build(extent: Self.extent, cellSize: 1, baseCost: -1, layers: []) }
        #expect(throws: LeastCostError.self) {
            try CostGridBuilder.build(extent: Self.extent, cellSize: 1, baseCost: 1, layers: [CostLayer(geometries: [], cost: .nan)])
        }
    }
}
