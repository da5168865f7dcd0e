import Foundation
import GeoCore
import HotspotAnalysis
import Testing
import TestSupport

/// Global Moran's I and the incremental series against esda.Moran on libpysal DistanceBand
/// weights (transform "R" for row-standardised, "B" binary, "O" for inverse distance as is).
@Suite struct MoranTests {
    static let script = """
    import json, sys, warnings, numpy as np
    from scipy.spatial import cKDTree
    from libpysal.weights import DistanceBand
    import esda
    warnings.simplefilter('ignore')
    d = json.load(sys.stdin); pts = np.array(d['pts']); y = np.array(d['y'], dtype=float)
    def moran(w, tr):
        m = esda.Moran(y, w, transformation=tr, permutations=0)
        return [m.I, m.EI, m.VI_rand, m.z_rand, m.p_rand, m.VI_norm, m.z_norm, m.p_norm]
    res = {}
    band = DistanceBand(pts, threshold=d['t'], binary=True, silence_warnings=True)
    res['R'] = moran(band, 'r')
    band = DistanceBand(pts, threshold=d['t'], binary=True, silence_warnings=True)
    res['B'] = moran(band, 'b')
    inv = DistanceBand(pts, threshold=d['t'], binary=False, alpha=-2.0, silence_warnings=True)
    res['O'] = moran(inv, 'o')
    dist, _ = cKDTree(pts).query(pts, k=2); nn = dist[:, 1]
    start, inc = float(nn.max()), float(nn.mean())
    zs = []
    for k in range(10):
        w = DistanceBand(pts, threshold=(start + k * inc) * (1 + 1e-12), binary=True, silence_warnings=True)
        zs.append(float(esda.Moran(y, w, transformation='r', permutations=0).z_rand))
    res['isa'] = {'start': start, 'inc': inc, 'z': zs}
    print(json.dumps(res))
    """

    @Test func globalMoransIAndTheIncrementalSeriesMatchEsda() throws {
        let f = GiStarOracle.clusteredFeatures(count: 500, seed: 3)
        let t = 10_000.0
        let out = try GiStarOracle.run(Self.script, ["pts": f.centres.map { [$0.x, $0.y] }, "y": f.values, "t": t])
        func check(_ m: MoransI, _ key: String) throws {
            let e = try GiStarOracle.doubles(out[key])
            let ours = [m.index, m.expected, m.variance, m.zScore, m.pValue, m.varianceNormality, m.zScoreNormality, m.pValueNormality]
            let names = ["I", "EI", "VI_rand", "z_rand", "p_rand", "VI_norm", "z_norm", "p_norm"]
            for k in ours.indices {
                #expect(GiStarOracle.relClose(ours[k], e[k], 1e-9, abs: 1e-15), "\(key) \(names[k]): \(ours[k]) vs esda \(e[k])")
            }
        }
        try check(MoransI(values: f.values, centres: f.centres, weighting: .fixedDistance(t)), "R")
        try check(MoransI(values: f.values, centres: f.centres, weighting: .fixedDistance(t), rowStandardized: false), "B")
        try check(MoransI(values: f.values, centres: f.centres, weighting: .inverseDistance(power: 2, threshold: t), rowStandardized: false), "O")

        let isa = try IncrementalSpatialAutocorrelation(values: f.values, centres: f.centres)
        let e = try #require(out["isa"] as? [String: Any])
        #expect(GiStarOracle.relClose(isa.beginningDistance, try #require(e["start"] as? Double), 1e-12))
        #expect(GiStarOracle.relClose(isa.increment, try #require(e["inc"] as? Double), 1e-12))
        let z = try GiStarOracle.doubles(e["z"])
        #expect(isa.steps.count == 10)
        for (s, ez) in zip(isa.steps, z) { #expect(GiStarOracle.relClose(s.moransI.zScore, ez, 1e-9), "ISA z at \(s.distance) m") }
        #expect(isa.firstPeakIndex == IncrementalSpatialAutocorrelation.firstPeak(z))
    }

    @Test func firstPeakRule() {
        #expect(IncrementalSpatialAutocorrelation.firstPeak([1, 3, 2, 5, 4]) == 1)
        #expect(IncrementalSpatialAutocorrelation.firstPeak([1, 1.5, 1, 5, 4]) == 3, "a peak below 1.96 does not count")
        #expect(IncrementalSpatialAutocorrelation.firstPeak([1, 2, 3, 4, 5]) == nil)
        #expect(IncrementalSpatialAutocorrelation.firstPeak([5, 4, 3]) == nil)
    }

    @Test func checkerboardIsPerfectlyNegative() throws {
        // Rook neighbours (band 1 m) on a 4 × 4 checkerboard: every neighbour pair differs,
        // z_i z_j = −1 for all pairs, Σz² = n → I = −1 exactly (both transforms: every row sums to 1 after R).
        let centres = (0..<16).map { Coordinate(Double($0 % 4), Double($0 / 4)) }
        let values = (0..<16).map { Double(($0 % 4 + $0 / 4) % 2) }
        let m = try MoransI(values: values, centres: centres, weighting: .fixedDistance(1), rowStandardized: false)
        #expect(abs(m.index + 1) < 1e-14)
        #expect(abs(m.expected + 1.0 / 15) < 1e-16)
        #expect(throws: HotSpotAnalysisError.self) { try MoransI(values: values, centres: centres, weighting: .kNearest(2)) }
        #expect(throws: HotSpotAnalysisError.noNeighbours) { try MoransI(values: values, centres: centres, weighting: .fixedDistance(0.5)) }
    }
}
