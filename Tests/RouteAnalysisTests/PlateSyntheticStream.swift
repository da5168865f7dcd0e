import Foundation
import GeoCore
import TestSupport
@testable import RouteAnalysis

/// A seeded synthetic plate-reader stream; every plate and camera id starts with `SYN-`.
///
/// Ten cameras `SYN-CAM-00…09` stand along the parallel 41° N from 66° E, 0.36° apart (about
/// 30.3 km). Background plates make 1–3 trips on different days over 2–6 consecutive cameras at
/// 60–100 km/h. Planted: `SYN-TARGET` drives cameras 0→8 at 80 km/h on days 2 and 5;
/// `SYN-CONVOY-A` (+45 s) and `SYN-CONVOY-B` (−80 s) follow it on both trips; `SYN-PLATOON`
/// drives with it at cameras 3–5 on day 2 only (+30, +60, +90 s); clones `SYN-CLONE-1`
/// (camera 0 then camera 9, 30 min later) and `SYN-CLONE-2` (camera 2 then camera 7, 20 min
/// later) have impossible speeds.
enum PlateSyntheticStream {
    static let day = 86_400.0
    static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let metresPerDegree = 84_000.0  // for times only; positions are exact degrees

    static func cameraLon(_ k: Int) -> Double { 66 + 0.36 * Double(k) }

    static func sighting(_ plate: String, _ camera: Int, _ seconds: Double) -> PlateSighting {
        PlateSighting(plate: plate, cameraID: String(format: "SYN-CAM-%02d", camera),
                      time: start.addingTimeInterval(seconds), lon: cameraLon(camera), lat: 41)
    }

    /// A trip over `cameras` starting at `t0` seconds at `kmh`.
    static func trip(_ plate: String, _ cameras: [Int], _ t0: Double, _ kmh: Double, offsets: [Double] = []) -> [PlateSighting] {
        cameras.enumerated().map { i, c in
            let along = abs(cameraLon(c) - cameraLon(cameras[0])) * metresPerDegree
            return sighting(plate, c, t0 + along / (kmh / 3.6) + (i < offsets.count ? offsets[i] : 0))
        }
    }

    static func make(seed: UInt64 = 20_260_101, backgroundPlates: Int = 300) -> [PlateSighting] {
        var rng = SplitMix64(seed: seed)
        var all: [PlateSighting] = []
        for p in 0..<backgroundPlates {
            let plate = String(format: "SYN-BG-%04d", p)
            let trips = 1 + Int(rng.unit() * 3)
            var days = Array(0..<7)
            for _ in 0..<trips {
                let d = days.remove(at: Int(rng.unit() * Double(days.count)))
                let length = 2 + Int(rng.unit() * 5)
                let first = Int(rng.unit() * 10)
                let up = rng.unit() < 0.5
                let cams = (0..<length).map { up ? first + $0 : first - $0 }.filter { (0...9).contains($0) }
                guard cams.count >= 2 else { continue }
                let t0 = Double(d) * day + 6 * 3600 + rng.unit() * 12 * 3600
                all += trip(plate, cams, t0, 60 + 40 * rng.unit())
            }
        }
        let route = Array(0...8)
        for d in [2.0, 5.0] {
            let t0 = d * day + 8 * 3600
            all += trip("SYN-TARGET", route, t0, 80)
            all += trip("SYN-CONVOY-A", route, t0 + 45, 80)
            all += trip("SYN-CONVOY-B", route, t0 - 80, 80)
        }
        let platoonStart = 2 * day + 8 * 3600 + 3 * 0.36 * metresPerDegree / (80 / 3.6)
        all += trip("SYN-PLATOON", [3, 4, 5], platoonStart, 80, offsets: [30, 60, 90])
        all += [sighting("SYN-CLONE-1", 0, 3 * day + 10 * 3600), sighting("SYN-CLONE-1", 9, 3 * day + 10.5 * 3600)]
        all += [sighting("SYN-CLONE-2", 2, 4 * day + 9 * 3600), sighting("SYN-CLONE-2", 7, 4 * day + 9 * 3600 + 1200)]
        return all
    }

    /// `make()` plus heavy ordinary platooning: `pairs` pairs of unrelated vehicles
    /// `SYN-PAIR-nnn-L`/`-F` each drive together for one trip of 4–8 consecutive cameras (the
    /// follower 10–110 s behind or ahead, leaving after 2 or more of the leader's cameras), and on
    /// each of the target's two trips four chance platoons `SYN-TPLAT-d-n` drive with the target
    /// for 3–6 consecutive cameras of its route (10–110 s behind or ahead), one trip each.
    static func withPlatooning(seed: UInt64 = 20_260_202, pairs: Int = 200) -> [PlateSighting] {
        var rng = SplitMix64(seed: seed)
        var all = make()
        func offset() -> Double { (rng.unit() < 0.5 ? -1 : 1) * (10 + 100 * rng.unit()) }
        for p in 0..<pairs {
            let length = 4 + Int(rng.unit() * 5)
            let up = rng.unit() < 0.5
            let first = up ? Int(rng.unit() * Double(11 - length)) : length - 1 + Int(rng.unit() * Double(11 - length))
            let cams = (0..<length).map { up ? first + $0 : first - $0 }
            let t0 = Double(Int(rng.unit() * 7)) * day + 6 * 3600 + rng.unit() * 12 * 3600
            let kmh = 60 + 40 * rng.unit()
            let together = 2 + Int(rng.unit() * Double(length - 1))
            all += trip(String(format: "SYN-PAIR-%03d-L", p), cams, t0, kmh)
            let gap = offset()
            all += trip(String(format: "SYN-PAIR-%03d-F", p), Array(cams.prefix(together)), t0 + gap, kmh)
        }
        for d in [2, 5] {
            for n in 0..<4 {
                let length = 3 + Int(rng.unit() * 4)
                let first = Int(rng.unit() * Double(10 - length))
                let t0 = Double(d) * day + 8 * 3600 + Double(first) * 0.36 * metresPerDegree / (80 / 3.6) + offset()
                all += trip("SYN-TPLAT-\(d)-\(n)", Array(first..<(first + length)), t0, 80)
            }
        }
        return all
    }
}
