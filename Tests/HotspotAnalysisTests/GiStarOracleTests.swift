import Foundation
import GeoCore
import HotspotAnalysis
import Testing
import TestSupport

/// Gi* against esda's G_Local (binary weights) and against the published ArcGIS formula worked
/// by numpy on libpysal's inverse-distance weights (esda's G_Local has no equivalent for
/// non-binary weights: its variance uses W_i where ArcGIS uses Σ w_ij², and its transforms are
/// only "B", which binarises, and "R"). Bins with FDR are checked against a few lines of numpy
/// Benjamini-Hochberg in the oracle.
@Suite struct GiStarOracleTests {
    static let script = """
    import json, sys, warnings, numpy as np
    from scipy import stats
    from libpysal.weights import KNN, DistanceBand
    import esda
    warnings.simplefilter('ignore')
    d = json.load(sys.stdin); pts = np.array(d['pts']); y = np.array(d['y'], dtype=float); n = len(y)
    def bh(p, a):
        s = np.sort(p); ok = np.nonzero(s <= np.arange(1, len(p) + 1) * a / len(p))[0]
        return float(s[ok.max()]) if len(ok) else None
    def bins(z, p, fdr):
        t = {a: (bh(p, a) if fdr else a) for a in (0.01, 0.05, 0.10)}
        out = []
        for zi, pi in zip(z, p):
            lvl = 3 if t[0.01] is not None and pi <= t[0.01] else 2 if t[0.05] is not None and pi <= t[0.05] else 1 if t[0.10] is not None and pi <= t[0.10] else 0
            out.append(int(np.sign(zi) * lvl))
        return out, t
    res = {}
    knn = KNN.from_array(pts, k=d['k'])
    g = esda.G_Local(y, knn, transform='B', star=True, permutations=0)
    res['knn_z'] = g.Zs.tolist(); res['knn_p'] = (2 * g.p_norm).tolist()
    res['knn_nn'] = (np.asarray((g.w.sparse != 0).sum(1)).ravel()).tolist()
    band = DistanceBand(pts, threshold=d['t'], binary=True, silence_warnings=True)
    g = esda.G_Local(y, band, transform='B', star=True, permutations=0)
    zb = g.Zs; pb = 2 * stats.norm.sf(np.abs(zb))
    res['band_z'] = zb.tolist(); res['band_p'] = pb.tolist()
    res['band_bins'], _ = bins(zb, pb, False)
    res['band_bins_fdr'], t = bins(zb, pb, True)
    res['band_thresholds'] = [t[0.01], t[0.05], t[0.10]]
    inv = DistanceBand(pts, threshold=d['t'], binary=False, alpha=-d['power'], silence_warnings=True)
    W = inv.sparse.tolil(); W.setdiag(1.0); W = W.tocsr()
    xb = y.mean(); S = np.sqrt((y ** 2).mean() - xb ** 2)
    Wi = np.asarray(W.sum(1)).ravel(); S1 = np.asarray(W.multiply(W).sum(1)).ravel()
    zi = (W @ y - xb * Wi) / (S * np.sqrt((n * S1 - Wi ** 2) / (n - 1)))
    res['inv_z'] = zi.tolist(); res['inv_p'] = (2 * stats.norm.sf(np.abs(zi))).tolist()
    print(json.dumps(res))
    """

    @Test func kNearestInverseDistanceAndBandAgreeWithTheOracles() throws {
        let f = GiStarOracle.clusteredFeatures(count: 600, seed: 7)
        let k = 8, t = 12_000.0, power = 1.0
        let out = try GiStarOracle.run(Self.script, ["pts": f.centres.map { [$0.x, $0.y] }, "y": f.values, "k": k, "t": t, "power": power])

        let knn = try GetisOrdGiStar.compute(values: f.values, centres: f.centres, weighting: .kNearest(k), fdr: false)
        let kz = try GiStarOracle.doubles(out["knn_z"]), kp = try GiStarOracle.doubles(out["knn_p"]), kn = try GiStarOracle.doubles(out["knn_nn"])
        for i in knn.indices {
            #expect(GiStarOracle.relClose(knn[i].zScore, kz[i]), "kNN z \(i): \(knn[i].zScore) vs \(kz[i])")
            #expect(GiStarOracle.relClose(knn[i].pValue, kp[i]), "kNN p \(i)")
            #expect(knn[i].neighbours == k + 1 && Int(kn[i]) == k + 1)
        }

        let inv = try GetisOrdGiStar.compute(values: f.values, centres: f.centres, weighting: .inverseDistance(power: power, threshold: t), fdr: false)
        let iz = try GiStarOracle.doubles(out["inv_z"]), ip = try GiStarOracle.doubles(out["inv_p"])
        for i in inv.indices {
            #expect(GiStarOracle.relClose(inv[i].zScore, iz[i]), "inverse-distance z \(i): \(inv[i].zScore) vs \(iz[i])")
            #expect(GiStarOracle.relClose(inv[i].pValue, ip[i]), "inverse-distance p \(i)")
        }

        let plain = try GetisOrdGiStar.compute(values: f.values, centres: f.centres, weighting: .fixedDistance(t), fdr: false)
        let fdr = try GetisOrdGiStar.analyse(values: f.values, centres: f.centres, weighting: .fixedDistance(t), fdr: true)
        let bz = try GiStarOracle.doubles(out["band_z"]), bp = try GiStarOracle.doubles(out["band_p"])
        let bins = try GiStarOracle.doubles(out["band_bins"]).map(Int.init), binsFDR = try GiStarOracle.doubles(out["band_bins_fdr"]).map(Int.init)
        for i in plain.indices {
            #expect(GiStarOracle.relClose(plain[i].zScore, bz[i]), "band z \(i)")
            #expect(GiStarOracle.relClose(plain[i].pValue, bp[i]), "band p \(i)")
        }
        #expect(plain.map(\.bin) == bins)
        #expect(fdr.results.map(\.bin) == binsFDR)
        #expect(binsFDR.contains { $0 != 0 }, "the case has significant cells after FDR")
        let thr = try #require(out["band_thresholds"] as? [Any])
        let ours = [fdr.thresholds.p99, fdr.thresholds.p95, fdr.thresholds.p90]
        for (a, b) in zip(ours, thr) {
            if let b = b as? Double { #expect(GiStarOracle.relClose(try #require(a), b)) } else { #expect(a == nil) }
        }
    }
}
