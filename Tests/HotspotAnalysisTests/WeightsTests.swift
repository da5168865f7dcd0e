import Foundation
import GeoCore
import HotspotAnalysis
import Testing
import TestSupport

/// Spatial weights against libpysal (KNN, DistanceBand) on seeded random centres, plus a
/// hand-checkable fishnet case.
@Suite struct WeightsTests {
    static let script = """
    import json, sys, numpy as np
    from libpysal.weights import KNN, DistanceBand
    d = json.load(sys.stdin); pts = np.array(d['pts'])
    knn = KNN.from_array(pts, k=d['k'])
    band = DistanceBand(pts, threshold=d['t'], binary=False, alpha=-d['p'], silence_warnings=True)
    out = {'knn': [sorted(int(j) for j in knn.neighbors[i]) for i in range(len(pts))],
           'band': [[[int(j), float(w)] for j, w in sorted(zip(band.neighbors[i], band.weights[i]))] for i in range(len(pts))]}
    print(json.dumps(out))
    """

    @Test func nearestNeighboursDistanceBandAndInverseDistanceMatchLibpysal() throws {
        let f = GiStarOracle.clusteredFeatures(count: 400, seed: 11)
        let k = 6, t = 9_000.0, power = 2.0
        let out = try GiStarOracle.run(Self.script, ["pts": f.centres.map { [$0.x, $0.y] }, "k": k, "t": t, "p": power])
        let knn = try #require(out["knn"] as? [[Int]])
        let band = try #require(out["band"] as? [[[Double]]])
        let wk = try SpatialWeights(centres: f.centres, weighting: .kNearest(k))
        let wd = try SpatialWeights(centres: f.centres, weighting: .inverseDistance(power: power, threshold: t))
        #expect(wk.isBinary && !wk.isSymmetric && wd.isSymmetric)
        for i in 0..<f.centres.count {
            let ours = wk.neighbours[wk.offsets[i]..<wk.offsets[i + 1]].map(Int.init).sorted()
            #expect(ours == knn[i], "kNN row \(i)")
            var row = [(Int, Double)]()
            for e in wd.offsets[i]..<wd.offsets[i + 1] { row.append((Int(wd.neighbours[e]), wd.weights[e])) }
            row.sort { $0.0 < $1.0 }
            #expect(row.map(\.0) == band[i].map { Int($0[0]) }, "band row \(i)")
            for (a, b) in zip(row, band[i]) { #expect(GiStarOracle.relClose(a.1, b[1], 1e-12), "weight \(i)-\(a.0)") }
        }
    }

    @Test func fishnetBandOf15kmHasTheQueenNeighbours() throws {
        let tess = try Tessellation.fishnet(xLeft: 0, yTop: 0, cellSize: 10_000, columns: 5, rows: 4)
        let w = try SpatialWeights(centres: tess.centres, weighting: .fixedDistance(15_000))
        // corner 3, edge 5, interior 8 neighbours (self not stored)
        #expect(w.neighbourCount(0) == 3)
        #expect(w.neighbourCount(2) == 5)
        #expect(w.neighbourCount(6) == 8)
        #expect(w.neighbours.count == 4 * 3 + (2 * 3 + 2 * 2) * 5 + 6 * 8)
        // exactly on the band: 10 km counts, 14.14 km does not at 12 km
        let w10 = try SpatialWeights(centres: tess.centres, weighting: .fixedDistance(10_000))
        #expect(w10.neighbourCount(6) == 4)
    }

    @Test func bandsEqualToLatticeDistancesKeepEveryPair() throws {
        // Fishnet centres with an awkward cell size; bands of exactly k cells put pairs at the
        // band and centres on the edges of the search buckets. Brute force counts the pairs with
        // the same ≤ rule on exact lattice offsets (|Δcol|² + |Δrow|² ≤ k²).
        let size = 2_265.7498482916053
        let t = try Tessellation.fishnet(xLeft: 1_234.5, yTop: 150_321.25, cellSize: size, columns: 40, rows: 25)
        for k in [1.0, 2, 5, 6] {
            let w = try SpatialWeights(centres: t.centres, weighting: .fixedDistance(k * size))
            var expected = 0
            for a in 0..<t.cellCount {
                for b in 0..<t.cellCount where a != b {
                    let dc = Double(a % 40 - b % 40), dr = Double(a / 40 - b / 40)
                    if dc * dc + dr * dr <= k * k { expected += 1 }
                }
            }
            #expect(w.neighbours.count == expected, "band of \(k) cells")
        }
        // Cell 500 (row 12, column 20): rook neighbours at one cell first, then the diagonals,
        // ties by lower index.
        let knn = try SpatialWeights(centres: t.centres, weighting: .kNearest(8))
        #expect(Array(knn.neighbours[knn.offsets[500]..<knn.offsets[501]]) == [460, 499, 501, 540, 459, 461, 539, 541])
    }

    @Test func kNearestBreaksTiesByLowerIndex() throws {
        // A 3 × 3 lattice of 1 m: the centre's four rook neighbours tie at 1 m.
        let pts = (0..<9).map { Coordinate(Double($0 % 3), Double($0 / 3)) }
        let w = try SpatialWeights(centres: pts, weighting: .kNearest(2))
        #expect(Array(w.neighbours[w.offsets[4]..<w.offsets[5]]) == [1, 3])
    }

    @Test func invalidWeightingsAreRejected() throws {
        let pts = (0..<5).map { Coordinate(Double($0), 0) }
        #expect(throws: HotSpotAnalysisError.self) { try SpatialWeights(centres: pts, weighting: .fixedDistance(0)) }
        #expect(throws: HotSpotAnalysisError.self) { try SpatialWeights(centres: pts, weighting: .kNearest(5)) }
        #expect(throws: HotSpotAnalysisError.self) { try SpatialWeights(centres: pts, weighting: .inverseDistance(power: -1, threshold: nil)) }
        let dense = try SpatialWeights(centres: pts, weighting: .inverseDistance(power: 1, threshold: nil))
        #expect(dense.neighbours.count == 20)
        #expect(dense.weights[0] == 1)  // 0 → 1 at 1 m
        let many = (0...SpatialWeights.denseLimit).map { Coordinate(Double($0), 0) }
        #expect(throws: HotSpotAnalysisError.self) { try SpatialWeights(centres: many, weighting: .inverseDistance(power: 1, threshold: nil)) }
    }
}
