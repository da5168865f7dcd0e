import Foundation
import GeoCore
import Testing
import TestSupport
@testable import RouteAnalysis

@Suite("Least-cost paths on cost grids (ArcGIS Cost Distance rule)")
struct LeastCostTests {
    static func grid(_ w: Int, _ h: Int, cell: Double = 1, _ values: [Float]) throws -> Grid {
        try Grid(width: w, height: h, originX: 0, originY: Double(h) * cell, cellSize: cell, values: values)
    }

    @Test("uniform cost: the accumulated cost is the octile distance min·√2 + |dr − dc| (times cell size and cost)")
    func uniformOctile() throws {
        let cost = try Self.grid(9, 7, cell: 10, Array(repeating: 2, count: 63))
        let surface = try CostDistance.compute(cost: cost, sourceCells: [3 * 9 + 4])
        for r in 0..<7 {
            for c in 0..<9 {
                let dr = abs(r - 3), dc = abs(c - 4)
                let expected = 10.0 * 2 * (Double(min(dr, dc)) * 2.0.squareRoot() + Double(abs(dr - dc)))
                #expect(abs(surface.cost(row: r, column: c) - expected) < 1e-9, "cell \(r),\(c)")
            }
        }
        #expect(surface.backLinks[3 * 9 + 4] == 0)
        #expect(surface.backLinks[3 * 9 + 5] == 5, "the cell east of the source links west (5)")
        #expect(surface.backLinks[2 * 9 + 4] == 3, "the cell north of the source links south (3)")
        #expect(surface.backLinks[4 * 9 + 5] == 6, "the cell south-east of the source links north-west (6)")
    }

    @Test("move cost is distance × mean of the two cells: hand-computed 1×3 and 2×2 grids")
    func meanRule() throws {
        let row = try CostDistance.compute(cost: try Self.grid(3, 1, [1, 3, 5]), sourceCells: [0])
        #expect(row.accumulated == [0, 2, 6])
        // 2×2 [[1, 2], [4, 3]] from (0,0): diagonal √2·(1+3)/2 = 2√2 beats 1.5 + 2.5 = 4.
        let square = try CostDistance.compute(cost: try Self.grid(2, 2, [1, 2, 4, 3]), sourceCells: [0])
        #expect(abs(square.cost(row: 1, column: 1) - 2 * 2.0.squareRoot()) < 1e-12)
        #expect(square.cost(row: 0, column: 1) == 1.5)
        #expect(square.cost(row: 1, column: 0) == 2.5)
    }

    @Test("a wall with one gap: the path goes through the gap at the hand-computed cost 6√2 + 6")
    func wallWithGap() throws {
        // 7×7, cost 1, cell 1; column 3 impassable (nodata) except row 6.
        var values = [Float](repeating: 1, count: 49)
        for r in 0..<6 { values[r * 7 + 3] = -9999 }
        var cost = try Self.grid(7, 7, values)
        cost.nodata = -9999
        // Source in cell (0,0), destination in cell (0,6) (cell centres at x+0.5, y = 7 - r - 0.5).
        let surface = try CostDistance.compute(cost: cost, sources: [Coordinate(0.5, 6.5)])
        let path = try surface.path(to: Coordinate(6.5, 6.5))
        #expect(abs(path.totalCost - (6 * 2.0.squareRoot() + 6)) < 1e-9)
        #expect(path.cells.first == 0)
        #expect(path.cells.last == 6)
        #expect(path.cells.contains(6 * 7 + 3), "the path passes the gap cell")
        #expect(path.cells.allSatisfy { $0 % 7 != 3 || $0 / 7 == 6 }, "no wall cell on the path")
        #expect(path.line.coordinates.first == Coordinate(0.5, 6.5))
        #expect(path.line.coordinates.last == Coordinate(6.5, 6.5))
        // Consecutive cells are neighbours and the move costs add up to the total.
        var sum = 0.0
        for (a, b) in zip(path.cells, path.cells.dropFirst()) {
            let dr = abs(a / 7 - b / 7), dc = abs(a % 7 - b % 7)
            #expect(max(dr, dc) == 1)
            sum += dr + dc == 2 ? 2.0.squareRoot() : 1
        }
        #expect(abs(sum - path.totalCost) < 1e-9)
        #expect(surface.accumulatedGrid.values[3] == -1, "wall cells are unreachable: nodata -1")
    }

    @Test("errors: no source, source on an impassable cell, unreachable destination, negative cost")
    func errors() throws {
        let walled = try Self.grid(3, 1, [1, .infinity, 1])
        #expect(throws: LeastCostError.noSource) { try CostDistance.compute(cost: walled, sources: []) }
        #expect(throws: LeastCostError.sourceOnImpassableCell(index: 0, row: 0, column: 1)) {
            try CostDistance.compute(cost: walled, sourceCells: [1])
        }
        #expect(throws: LeastCostError.sourceOutsideGrid(index: 0)) {
            try CostDistance.compute(cost: walled, sources: [Coordinate(-5, 0.5)])
        }
        let surface = try CostDistance.compute(cost: walled, sourceCells: [0])
        #expect(throws: LeastCostError.destinationUnreachable(row: 0, column: 2)) { try surface.path(toCell: 2) }
        #expect(throws: LeastCostError.negativeCost(row: 0, column: 0, value: -1)) {
            try CostDistance.compute(cost: try Self.grid(2, 1, [-1, 1]), sourceCells: [1])
        }
    }

    @Test("random grids with impassable cells and two sources agree with scipy's Dijkstra on an independently built graph",
          arguments: [11 as UInt64, 12, 13])
    func randomAgainstScipy(seed: UInt64) throws {
        try #require(PythonOracle.unavailableReason == nil, "\(PythonOracle.unavailableReason ?? "")")
        var rng = SplitMix64(seed: seed)
        let w = 23, h = 17, cell = 30.0
        let values: [Float] = (0..<(w * h)).map { _ in rng.unit() < 0.15 ? .infinity : Float(0.5 + 4 * rng.unit()) }
        var v = values
        let sources = [0, w * h - 1]
        for s in sources { v[s] = 1 }
        let cost = try Grid(width: w, height: h, originX: 500_000, originY: 4_000_000, cellSize: cell, values: v)
        let surface = try CostDistance.compute(cost: cost, sourceCells: sources)
        let input: [String: Any] = ["w": w, "h": h, "cell": cell, "sources": sources,
                                    "values": v.map { $0.isFinite ? Double($0) : -1 }]
        let script = """
        import json, sys, math
        import numpy as np
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import dijkstra
        d = json.load(sys.stdin); w, h, cell = d["w"], d["h"], d["cell"]; v = d["values"]
        rows, cols, wts = [], [], []
        for r in range(h):
            for c in range(w):
                a = r * w + c
                if v[a] < 0: continue
                for dr in (-1, 0, 1):
                    for dc in (-1, 0, 1):
                        if dr == 0 and dc == 0: continue
                        rr, cc = r + dr, c + dc
                        if not (0 <= rr < h and 0 <= cc < w): continue
                        b = rr * w + cc
                        if v[b] < 0: continue
                        length = cell * (math.sqrt(2) if dr and dc else 1)
                        rows.append(a); cols.append(b); wts.append(length * (v[a] + v[b]) / 2)
        m = coo_matrix((wts, (rows, cols)), shape=(w * h, w * h)).tocsr()
        dist = dijkstra(m, directed=True, indices=d["sources"], min_only=True)
        print(json.dumps([x if math.isfinite(x) else None for x in dist.tolist()]))
        """
        let out = try PythonOracle.json(script: script, input: try JSONSerialization.data(withJSONObject: input))
        let expected = try #require(out as? [Any])
        try #require(expected.count == w * h)
        for i in 0..<(w * h) {
            if let e = expected[i] as? Double {
                #expect(abs(surface.accumulated[i] - e) <= 1e-9 * max(1, e), "cell \(i)")
                let p = try surface.path(toCell: i)
                #expect(sources.contains(p.cells[0]))
            } else {
                #expect(surface.accumulated[i] == .infinity, "cell \(i) unreachable in the oracle")
            }
        }
    }
}
