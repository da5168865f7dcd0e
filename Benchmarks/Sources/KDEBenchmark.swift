import Dispatch
import Foundation
import HotspotAnalysis

/// `bordermap-bench kde WORK_DIR REPEATS [SIZES]`: exact quartic kernel density of the points in
/// WORK_DIR/kde_points_N.bin (N = 10000,100000,1000000 unless SIZES lists others; little-endian
/// float64 triples x, y, weight, written by Benchmarks/kde_peer.py) onto a 1000 × 1000 grid of
/// 1 km cells (origin 0, 1,000,000 m; h = 25 km = 25 cells), per km². Times point preparation
/// plus the grid (the whole `DensityEstimator` call), median of REPEATS runs; writes each grid
/// as WORK_DIR/kde_ours_N.bin (float64, row 0 north) for the peer script's exactness check,
/// and prints one JSON object: `kde_N` median seconds, `threads`; with 100,000 points, also
/// `isobands_500`: the median seconds of hotspot polygons (jenks:5 breaks, isobands simplified to
/// half a cell, incident counts) over a 500 × 500 grid of 2 km cells, and their `isoband_count`;
/// with 1,000,000 points, also `prepare_N` (sorting the points, once per data set) and
/// `tile_256` / `tile_256_empty`: one 256 × 256 grid of 250 m cells inside the points / far
/// outside them, with the prepared points (the tile renderer's case).
enum KDEBenchmark {
    static func run(_ args: [String]) throws {
        guard args.count >= 3, let repeats = Int(args[2]), repeats > 0 else {
            print("usage: bordermap-bench kde WORK_DIR REPEATS [N,N,...]")
            exit(2)
        }
        let dir = URL(fileURLWithPath: args[1])
        let sizes = args.count > 3 ? args[3].split(separator: ",").compactMap { Int($0) } : [10_000, 100_000, 1_000_000]
        let layout = try DensityGridLayout(width: 1000, height: 1000, originX: 0, originY: 1_000_000, cellSize: 1000)
        var result: [String: Any] = ["threads": ProcessInfo.processInfo.activeProcessorCount]
        for n in sizes {
            let data = try Data(contentsOf: dir.appendingPathComponent("kde_points_\(n).bin"))
            let values: [Double] = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
            let points = stride(from: 0, to: values.count - 2, by: 3).map {
                AnalysisPoint(x: values[$0], y: values[$0 + 1], weight: values[$0 + 2])
            }
            var times: [Double] = []
            var surface: DensitySurface?
            for _ in 0..<repeats {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let estimator = try DensityEstimator(points: points, kernel: .quartic, bandwidth: 25_000)
                surface = estimator.surface(on: layout, unit: .perSquareKilometre)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            }
            times.sort()
            result["kde_\(n)"] = times[times.count / 2]
            if n == 1_000_000 {
                var prep: [Double] = [], inside: [Double] = [], outside: [Double] = []
                let tile = try DensityGridLayout(width: 256, height: 256, originX: 400_000, originY: 600_000, cellSize: 250)
                let far = try DensityGridLayout(width: 256, height: 256, originX: 5_000_000, originY: 600_000, cellSize: 250)
                for _ in 0..<repeats {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    let e = try DensityEstimator(points: points, bandwidth: 25_000)
                    let t1 = DispatchTime.now().uptimeNanoseconds
                    _ = e.surface(on: tile)
                    let t2 = DispatchTime.now().uptimeNanoseconds
                    _ = e.surface(on: far)
                    let t3 = DispatchTime.now().uptimeNanoseconds
                    prep.append(Double(t1 - t0) / 1e9)
                    inside.append(Double(t2 - t1) / 1e9)
                    outside.append(Double(t3 - t2) / 1e9)
                }
                result["prepare_\(n)"] = prep.sorted()[repeats / 2]
                result["tile_256"] = inside.sorted()[repeats / 2]
                result["tile_256_empty"] = outside.sorted()[repeats / 2]
            }
            if n == 100_000 {
                let coarse = try DensityGridLayout(width: 500, height: 500, originX: 0, originY: 1_000_000, cellSize: 2000)
                let s = try DensityEstimator(points: points, bandwidth: 25_000).surface(on: coarse)
                var bandTimes: [Double] = []
                var count = 0
                for _ in 0..<repeats {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    let breaks = try ClassBreaks(values: s.dataValues, method: .naturalBreaks(classes: 5))
                    count = try Isobands.polygons(surface: s, breaks: breaks, points: points).count
                    bandTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
                }
                bandTimes.sort()
                result["isobands_500"] = bandTimes[bandTimes.count / 2]
                result["isoband_count"] = count
            }
            if let surface {
                let bytes = surface.values.withUnsafeBytes { Data($0) }
                try bytes.write(to: dir.appendingPathComponent("kde_ours_\(n).bin"))
            }
        }
        print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self))
    }
}
