import Foundation
import GeoCore
import HotspotAnalysis
import Testing
import TestSupport

/// Hand-checkable properties of kernel density.
@Suite struct DensityPropertyTests {
    /// One point of weight 3, h = 200 m, 1 m cells: Σ density × cell area = 3. Discretisation
    /// error of the midpoint rule: O((cell/h)²) ≈ 1e-5 for the smooth kernels; the kernels with
    /// a jump at h (uniform, triangular's kink, truncated Gaussian) lose at most the cells along
    /// the rim, bounded here by 1e-3.
    @Test(arguments: DensityKernel.allCases)
    func kernelVolumeIsTheWeight(kernel: DensityKernel) throws {
        let layout = try DensityGridLayout(width: 420, height: 420, originX: -210, originY: 210, cellSize: 1)
        let e = try DensityEstimator(points: [AnalysisPoint(x: 0.3, y: -0.2, weight: 3)], kernel: kernel, bandwidth: 200)
        let s = e.surface(on: layout, unit: .perSquareMetre)
        let volume = s.values.reduce(0, +) * 1 * 1
        let tolerance = [.quartic, .epanechnikov, .triweight].contains(kernel) ? 1e-4 : 1e-3
        #expect(abs(volume - 3) <= 3 * tolerance, "\(kernel): volume \(volume)")
    }

    @Test func kernelConstantsIntegrateToOne() {
        // ∫₀^h C f(r/h) 2πr dr by the midpoint rule with 200,000 steps.
        for k in DensityKernel.allCases {
            let h = 7.0, steps = 200_000
            var sum = 0.0
            for i in 0..<steps {
                let r = (Double(i) + 0.5) * h / Double(steps)
                sum += k.value(distance: r, bandwidth: h) * 2 * Double.pi * r * h / Double(steps)
            }
            #expect(abs(sum - 1) < 1e-6, "\(k): \(sum)")
        }
        #expect(DensityKernel.quartic.value(distance: 0, bandwidth: 2) == 3 / (Double.pi * 4))
        #expect(DensityKernel.quartic.value(distance: 2, bandwidth: 2) == 0)
    }

    @Test func symmetricInputGivesSymmetricGrid() throws {
        let pts = [(-30.0, 10.0), (30, 10), (-30, -10), (30, -10), (0, 0)].map { AnalysisPoint(x: $0.0, y: $0.1, weight: 2) }
        let layout = try DensityGridLayout(width: 40, height: 30, originX: -100, originY: 75, cellSize: 5)
        let s = try DensityEstimator(points: pts, bandwidth: 45).surface(on: layout)
        for r in 0..<30 {
            for c in 0..<40 {
                let v = s[r, c]
                for m in [s[r, 39 - c], s[29 - r, c], s[29 - r, 39 - c]] {
                    #expect(abs(v - m) <= 1e-12 * s.maximum, "(\(r),\(c))")
                }
            }
        }
    }

    @Test func cellsBeyondEveryKernelAreNoData() throws {
        let layout = try DensityGridLayout(width: 50, height: 50, originX: 0, originY: 500, cellSize: 10)
        let s = try DensityEstimator(points: [AnalysisPoint(x: 105, y: 395)], bandwidth: 50).surface(on: layout)
        let grid = try s.grid()
        #expect(grid.nodata == -9999)
        for r in 0..<50 {
            for c in 0..<50 {
                let centre = Coordinate(Double(c) * 10 + 5, 500 - Double(r) * 10 - 5)
                let d = ((centre.x - 105) * (centre.x - 105) + (centre.y - 395) * (centre.y - 395)).squareRoot()
                if d >= 50 {
                    #expect(grid[r, c] == -9999 && !s.hasData(row: r, column: c))
                } else {
                    #expect(grid[r, c] > 0)
                }
            }
        }
    }

    @Test func unitsConvert() throws {
        let pts = [AnalysisPoint(x: 10, y: 10, weight: 2), AnalysisPoint(x: 40, y: 30)]
        let layout = try DensityGridLayout(width: 10, height: 10, originX: 0, originY: 100, cellSize: 10)
        let e = try DensityEstimator(points: pts, bandwidth: 60)
        let m2 = e.surface(on: layout, unit: .perSquareMetre).values
        let km2 = e.surface(on: layout, unit: .perSquareKilometre).values
        let counts = e.surface(on: layout, unit: .countPerCell).values
        for i in m2.indices {
            #expect(abs(km2[i] - m2[i] * 1e6) <= 1e-12 * km2[i])
            #expect(abs(counts[i] - m2[i] * 100) <= 1e-12 * counts[i])
        }
    }

    /// A wall at x = 10 from y = −1000 to 1000: a point at the origin reaches nothing east of it.
    @Test func barriersBlockKernels() throws {
        let wall = Geometry.lineString(LineString([Coordinate(10, -1000), Coordinate(10, 1000)]))
        let layout = try DensityGridLayout(width: 40, height: 40, originX: -100, originY: 100, cellSize: 5)
        let point = [AnalysisPoint(x: 0, y: 0)]
        let blocked = try DensityEstimator(points: point, bandwidth: 60, barriers: [wall]).surface(on: layout)
        let open = try DensityEstimator(points: point, bandwidth: 60).surface(on: layout)
        let xs = layout.centreXs()
        for r in 0..<40 {
            for c in 0..<40 {
                if xs[c] > 10 {
                    #expect(blocked[r, c] == 0)
                } else {
                    #expect(blocked[r, c] == open[r, c])
                }
            }
        }
        #expect(open.values.enumerated().contains { xs[$0.offset % 40] > 10 && $0.element > 0 })
        // A square polygon around the point keeps its kernel inside.
        let box = Geometry.polygon(Polygon(exterior: LinearRing([Coordinate(-22, -22), Coordinate(22, -22), Coordinate(22, 22),
                                                                 Coordinate(-22, 22), Coordinate(-22, -22)])))
        let boxed = try DensityEstimator(points: point, bandwidth: 60, barriers: [box]).surface(on: layout)
        let ys = layout.centreYs()
        for r in 0..<40 { for c in 0..<40 where abs(xs[c]) > 22 || abs(ys[r]) > 22 { #expect(boxed[r, c] == 0) } }
    }

    /// Two tiles of a lattice-aligned grid sharing cells: bit-identical values there, even when
    /// the second is given only the points near it (in another order).
    @Test func overlappingGridsAgreeBitForBit() throws {
        var rng = SplitMix64(seed: 42)
        let pts = (0..<3000).map { _ in AnalysisPoint(x: rng.unit() * 5000, y: rng.unit() * 5000, weight: 1 + rng.unit()) }
        let cell = 4.777314267823516  // Web Mercator pixel size at zoom 15
        let a = try DensityGridLayout(width: 256, height: 256, originX: 100 * cell, originY: 900 * cell, cellSize: cell)
        let b = try DensityGridLayout(width: 256, height: 256, originX: 228 * cell, originY: 1000 * cell, cellSize: cell)
        let h = 150.0
        let sa = try DensityEstimator(points: pts, bandwidth: h).surface(on: a)
        let near = pts.filter { b.bounds.expanded(by: h).contains(Coordinate($0.x, $0.y)) }.reversed()
        let sb = try DensityEstimator(points: Array(near), bandwidth: h).surface(on: b)
        var shared = 0
        for r in 0..<256 {
            for c in 0..<256 {
                let rb = r + 100, cb = c - 128  // b starts 100 rows further north and 128 columns east
                guard rb >= 0, rb < 256, cb >= 0, cb < 256 else { continue }
                shared += 1
                #expect(sa[r, c].bitPattern == sb[rb, cb].bitPattern)
            }
        }
        #expect(shared == 156 * 128)
        // The point evaluation gives the same bits as the grid cell.
        let centre = (a.centreXs()[77], a.centreYs()[33])
        let e = try DensityEstimator(points: pts, bandwidth: h)
        #expect(e.density(x: centre.0, y: centre.1).bitPattern == sa[33, 77].bitPattern)
    }

    @Test func defaultGridIsArcGIS() throws {
        let pts = [AnalysisPoint(x: 1000, y: 2000), AnalysisPoint(x: 6000, y: 4500)]
        let layout = try DensityGridLayout.arcGISDefault(for: pts)
        #expect(layout.cellSize == 10)  // min(5000, 2500) / 250
        #expect(layout.width == 500 && layout.height == 250)
        #expect(layout.originX == 1000 && layout.originY == 4500)
        // 0.413 / (0.413 / 250) is 250.00000000000003 in doubles; the short side still gets 250 cells.
        let odd = try DensityGridLayout.arcGISDefault(for: [AnalysisPoint(x: 0, y: 0), AnalysisPoint(x: 0.41300000000000003, y: 0.9)])
        #expect(odd.width == 250)
        #expect(throws: DensityError.self) { try DensityEstimator(points: pts, bandwidth: 0) }
        #expect(throws: DensityError.self) { try DensityEstimator(points: [AnalysisPoint(x: 0, y: 0, weight: -1)], bandwidth: 1) }
    }
}
