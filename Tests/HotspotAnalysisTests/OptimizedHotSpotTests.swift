import Foundation
import GeoCore
import HotspotAnalysis
import Testing
import TestSupport

/// The optimized mode against an independent numpy/esda run of the same documented rules:
/// fishnet counts by numpy, the cell-size rule, the incremental Moran's I series and its first
/// peak (esda.Moran), Gi* at the chosen band (esda.G_Local) and FDR bins (numpy BH).
@Suite struct OptimizedHotSpotTests {
    static let script = """
    import json, sys, warnings, numpy as np
    from scipy import stats
    from scipy.spatial import cKDTree
    from libpysal.weights import DistanceBand
    import esda
    warnings.simplefilter('ignore')
    d = json.load(sys.stdin); pts = np.array(d['pts']); x, y = pts[:, 0], pts[:, 1]
    u = np.unique(pts, axis=0)
    dist, _ = cKDTree(u).query(u, k=2); nn = dist[:, 1]
    x0, x1, y0, y1 = x.min(), x.max(), y.min(), y.max()
    size = max(nn.mean(), max(x1 - x0, y1 - y0) / 250)
    ncol = max(1, int(np.ceil((x1 - x0) / size))); nrow = max(1, int(np.ceil((y1 - y0) / size)))
    c = np.minimum(np.floor((x - x0) / size).astype(int), ncol - 1)
    r = np.minimum(np.floor((y1 - y) / size).astype(int), nrow - 1)
    counts = np.bincount(r * ncol + c, minlength=ncol * nrow)
    occ = np.nonzero(counts)[0]; v = counts[occ].astype(float)
    cen = np.column_stack([x0 + (occ % ncol + 0.5) * size, y1 - (occ // ncol + 0.5) * size])
    cd, _ = cKDTree(cen).query(cen, k=2); cnn = cd[:, 1]
    cnn = cnn[cnn <= cnn.mean() + 3 * cnn.std()]
    start, inc = cnn.max(), cnn.mean()
    zs = []
    for k in range(10):
        w = DistanceBand(cen, threshold=(start + k * inc) * (1 + 1e-12), binary=True, silence_warnings=True)
        zs.append(float(esda.Moran(v, w, transformation='r', permutations=0).z_rand))
    peak = None
    for k in range(1, 9):
        if zs[k] > zs[k - 1] and zs[k] > zs[k + 1] and zs[k] >= 1.959964:
            peak = k; break
    if peak is not None:
        band = start + peak * inc
    else:
        kk = min(30, max(3, int(np.floor(0.05 * len(v) + 0.5))))
        kd, _ = cKDTree(cen).query(cen, k=kk + 1)
        band = max(kd[:, 1:].mean(), start)
    w = DistanceBand(cen, threshold=band * (1 + 1e-12), binary=True, silence_warnings=True)
    g = esda.G_Local(v, w, transform='B', star=True, permutations=0)
    z = g.Zs; p = 2 * stats.norm.sf(np.abs(z))
    s = np.sort(p); m = len(p); t = {}
    for a in (0.01, 0.05, 0.10):
        ok = np.nonzero(s <= np.arange(1, m + 1) * a / m)[0]; t[a] = s[ok.max()] if len(ok) else -1.0
    bins = [int(np.sign(zi) * (3 if pi <= t[0.01] else 2 if pi <= t[0.05] else 1 if pi <= t[0.10] else 0)) for zi, pi in zip(z, p)]
    mi = esda.Moran(v, DistanceBand(cen, threshold=band * (1 + 1e-12), binary=True, silence_warnings=True), transformation='r', permutations=0)
    print(json.dumps({'size': float(size), 'ncol': ncol, 'nrow': nrow, 'occ': occ.tolist(), 'v': v.tolist(), 'isa_z': zs, 'start': float(start), 'inc': float(inc),
                      'peak': peak, 'band': float(band), 'z': z.tolist(), 'bins': bins, 'moran_I': float(mi.I), 'moran_z': float(mi.z_rand)}))
    """

    static func points(seed: UInt64) -> [AnalysisPoint] {
        var rng = SplitMix64(seed: seed)
        func normal() -> Double { (-2 * log(max(rng.unit(), 1e-300))).squareRoot() * cos(2 * Double.pi * rng.unit()) }
        var pts = [AnalysisPoint]()
        for _ in 0..<400 { pts.append(AnalysisPoint(x: 200_000 * rng.unit(), y: 150_000 * rng.unit())) }
        // Repeated locations (a border post reporting many incidents) count once in the cell-size rule.
        for _ in 0..<40 { pts.append(AnalysisPoint(x: 100_000, y: 75_000)) }
        // A locational outlier: one incident far east of the rest.
        pts.append(AnalysisPoint(x: 320_000, y: 75_000))
        for (cx, cy, sd, n) in [(50_000.0, 40_000.0, 6_000.0, 250), (150_000, 100_000, 10_000, 300), (120_000, 30_000, 4_000, 150)] {
            for _ in 0..<n { pts.append(AnalysisPoint(x: cx + sd * normal(), y: cy + sd * normal())) }
        }
        return pts
    }

    @Test func followsTheDocumentedRulesLikeTheIndependentRun() throws {
        let pts = Self.points(seed: 2026)
        let ours = try OptimizedHotSpotAnalysis.run(points: pts)
        let out = try GiStarOracle.run(Self.script, ["pts": pts.map { [$0.x, $0.y] }])
        let size = try #require(out["size"] as? Double), band = try #require(out["band"] as? Double)
        #expect(GiStarOracle.relClose(ours.cellSize, size, 1e-12))
        #expect(ours.tessellation.columns == (out["ncol"] as? Int) && ours.tessellation.rows == (out["nrow"] as? Int))
        let occ = try #require(out["occ"] as? [Int]), v = try GiStarOracle.doubles(out["v"])
        #expect(ours.cellIDs == occ)
        #expect(ours.values == v)
        let start = try #require(out["start"] as? Double), inc = try #require(out["inc"] as? Double)
        #expect(GiStarOracle.relClose(ours.incremental.beginningDistance, start, 1e-12), "beginning \(ours.incremental.beginningDistance) vs \(start)")
        #expect(GiStarOracle.relClose(ours.incremental.increment, inc, 1e-12), "increment \(ours.incremental.increment) vs \(inc)")
        let isaZ = try GiStarOracle.doubles(out["isa_z"])
        for (s, z) in zip(ours.incremental.steps, isaZ) { #expect(GiStarOracle.relClose(s.moransI.zScore, z, 1e-9), "ISA at \(s.distance) m (start \(ours.incremental.beginningDistance), increment \(ours.incremental.increment), cell \(ours.cellSize))") }
        #expect(ours.incremental.firstPeakIndex == (out["peak"] as? Int))
        #expect(ours.bandSource == (out["peak"] is Int ? .firstPeak : .nearestNeighbourFallback(k: 30)))
        #expect(GiStarOracle.relClose(ours.distanceBand, band, 1e-12))
        let z = try GiStarOracle.doubles(out["z"])
        for (r, e) in zip(ours.gi.results, z) { #expect(GiStarOracle.relClose(r.zScore, e, 1e-9, abs: 1e-12)) }
        let bins = try GiStarOracle.doubles(out["bins"]).map(Int.init)
        #expect(ours.gi.fdr && ours.gi.results.map(\.bin) == bins)
        #expect(ours.gi.results.contains { $0.bin == 3 }, "the clusters are found")
        let mI = try #require(out["moran_I"] as? Double), mZ = try #require(out["moran_z"] as? Double)
        #expect(GiStarOracle.relClose(ours.globalMoransI.index, mI, 1e-9))
        #expect(GiStarOracle.relClose(ours.globalMoransI.zScore, mZ, 1e-9))
    }

    @Test func tooFewCellsAndEqualCountsAreErrors() throws {
        let few = (0..<10).map { AnalysisPoint(x: Double($0) * 1_000, y: 0) }
        #expect(throws: HotSpotAnalysisError.self) { try OptimizedHotSpotAnalysis.run(points: few) }
        // One point in each of 40 × 40 cells: every occupied cell has count 1.
        let even = (0..<1_600).map { AnalysisPoint(x: Double($0 % 40) * 1_000 + 500, y: Double($0 / 40) * 1_000 + 500) }
        #expect(throws: HotSpotAnalysisError.zeroVariance) {
            try OptimizedHotSpotAnalysis.run(points: even, options: OptimizedHotSpotOptions(cellSize: 1_000, extent: BoundingBox(minX: 0, minY: 0, maxX: 40_000, maxY: 40_000)))
        }
    }
}
