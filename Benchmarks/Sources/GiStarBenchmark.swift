import Foundation
import GeoCore
import HotspotAnalysis

/// `bordermap-bench gistar WORK_DIR REPEATS`: reads WORK_DIR/points.f64 (x y float64 pairs,
/// little-endian, written by Benchmarks/gistar_peer.py), and times, median of REPEATS:
/// aggregation of the points into the 276 × 234 fishnet of 10 km cells, the 15 km distance-band
/// weights, Gi* with FDR bins on those weights, and the whole `GetisOrdGiStar.compute` call
/// (weights included). Writes WORK_DIR/ours_counts.f64 and WORK_DIR/ours_bins.i8 for the
/// script to compare with the peer's, and prints JSON.
enum GiStarBenchmark {
    static func run(_ args: [String]) throws {
        guard args.count == 3, let repeats = Int(args[2]), repeats > 0 else {
            print("usage: bordermap-bench gistar WORK_DIR REPEATS")
            exit(2)
        }
        let work = URL(fileURLWithPath: args[1])
        let raw = try Data(contentsOf: work.appendingPathComponent("points.f64"))
        let count = raw.count / 16
        var points = [AnalysisPoint]()
        points.reserveCapacity(count)
        raw.withUnsafeBytes { buf in
            for i in 0..<count {
                let x = Double(bitPattern: UInt64(littleEndian: buf.loadUnaligned(fromByteOffset: 16 * i, as: UInt64.self)))
                let y = Double(bitPattern: UInt64(littleEndian: buf.loadUnaligned(fromByteOffset: 16 * i + 8, as: UInt64.self)))
                points.append(AnalysisPoint(x: x, y: y))
            }
        }
        // The grid of shared/reference/gistar_spec.json ("data").
        let tess = try Tessellation.fishnet(xLeft: -1_380_000, yTop: 1_210_000, cellSize: 10_000, columns: 276, rows: 234)
        let centres = tess.centres
        func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
        func median(_ v: [Double]) -> Double { let s = v.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
        var tAgg = [Double](), tWeights = [Double](), tGi = [Double](), tTotal = [Double]()
        var values = [Double](), report: GiStarReport?
        for _ in 0..<repeats {
            let t0 = now()
            let agg = tess.aggregate(points)
            let t1 = now()
            values = agg.counts.map(Double.init)
            let t2 = now()
            let weights = try SpatialWeights(centres: centres, weighting: .fixedDistance(15_000))
            let t3 = now()
            report = try GetisOrdGiStar.analyse(values: values, weights: weights, fdr: true)
            let t4 = now()
            let all = try GetisOrdGiStar.compute(values: values, centres: centres, weighting: .fixedDistance(15_000), fdr: true)
            let t5 = now()
            precondition(all == report?.results, "the two entry points agree")
            tAgg.append(Double(t1 - t0) / 1e9)
            tWeights.append(Double(t3 - t2) / 1e9)
            tGi.append(Double(t4 - t3) / 1e9)
            tTotal.append(Double(t5 - t4) / 1e9)
        }
        guard let r = report else { return }
        let bins = r.results.map { Int8($0.bin) }
        try bins.withUnsafeBytes { try Data($0).write(to: work.appendingPathComponent("ours_bins.i8")) }
        try values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { try Data($0).write(to: work.appendingPathComponent("ours_counts.f64")) }
        var binCounts = [String: Int]()
        for b in bins { binCounts[String(b), default: 0] += 1 }
        let out: [String: Any] = [
            "points": count, "cells": values.count,
            "median_seconds": ["aggregate": median(tAgg), "weights": median(tWeights), "gi_star_fdr": median(tGi), "compute_total": median(tTotal)],
            "bin_counts": binCounts,
            "fdr_thresholds": [r.thresholds.p99 ?? -1, r.thresholds.p95 ?? -1, r.thresholds.p90 ?? -1],
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]), as: UTF8.self))
    }
}
