import Foundation
import TestSupport

/// A seeded synthetic plate-reader table with planted patterns; every row is synthetic
/// (plates start with `SYN-`, `source` is `synthetic`). Cameras stand on vertices of the
/// Bishkek–Almaty highway of Shapefiles/ca_roads.shp (C01…C10), plus one in Tashkent (FAR) and
/// two at a border crossing (KG-BORDER in KGZ, KZ-BORDER in KAZ).
///
/// Planted (the ground truth the tests check):
/// - clone: SYN-CL001 at C01 03:00, C02 03:15, FAR 03:45 on day 0 — one impossible move (≈ 450 km
///   in 30 min); every other consecutive pair in the data is below 100 km/h.
/// - convoy: SYN-M001 follows SYN-T001 45 s behind at all ten cameras on two journeys (day 1
///   eastbound from 10:00, day 2 westbound from 15:00); no other plate is on the road within an
///   hour of those journeys, so the only co-traveller of the target is the member: 20 events at
///   10 cameras in 2 journeys.
/// - border round trip: SYN-RT001 KGZ → KAZ → KGZ in 4 h 20 min on day 0; SYN-TR001 crosses
///   once (transit, no trip); SYN-RT002 returns after 30 h (over the 24 h limit).
/// - background: SYN-B001…SYN-B060, one trip a day on days 0–2 along the line at 55–85 km/h,
///   starting between 01:00 and 20:00.
enum PlatesSyntheticData {
    struct Camera {
        let id: String
        let lon: Double
        let lat: Double
    }

    static let line: [Camera] = [
        (73.9750671, 42.8220989), (74.1769409, 42.8387166), (74.3499756, 42.8593565), (74.5353699, 42.8759641),
        (74.6555328, 42.9458683), (74.6967316, 43.0533357), (74.7214508, 43.1811471), (74.8986053, 43.3006965),
        (75.0675201, 43.3915768), (75.2865601, 43.3501483),
    ].enumerated().map { Camera(id: String(format: "C%02d", $0.offset + 1), lon: $0.element.0, lat: $0.element.1) }
    static let far = Camera(id: "FAR", lon: 69.2401, lat: 41.2995)
    static let kgBorder = Camera(id: "KG-BORDER", lon: 74.6967, lat: 43.0533)
    static let kzBorder = Camera(id: "KZ-BORDER", lon: 74.7006, lat: 43.0689)

    /// Day 0, 00:00 UTC.
    static let day0 = Date(timeIntervalSince1970: 1_709_510_400)  // 2024-03-04T00:00:00Z
    static let targetStarts: [(start: TimeInterval, eastbound: Bool)] = [(86_400 + 10 * 3600, true), (2 * 86_400 + 15 * 3600, false)]
    static let convoyDelay: TimeInterval = 45
    static let header = "plate,camera_id,time,lon,lat,source"

    struct Row {
        let plate: String
        let camera: Camera
        let seconds: TimeInterval  // since day0
    }

    /// Haversine distance, km (R = 6371 km): only for spacing the synthetic timetable.
    static func km(_ a: Camera, _ b: Camera) -> Double {
        let r = Double.pi / 180
        let h = pow(sin((b.lat - a.lat) * r / 2), 2) + cos(a.lat * r) * cos(b.lat * r) * pow(sin((b.lon - a.lon) * r / 2), 2)
        return 2 * 6371 * asin(min(1, sqrt(h)))
    }

    /// One pass along the line: (camera, seconds since day0) at `kmh` from `start`.
    static func trip(start: TimeInterval, eastbound: Bool, kmh: Double) -> [(Camera, TimeInterval)] {
        let cams = eastbound ? line : line.reversed()
        var t = start, out: [(Camera, TimeInterval)] = [(cams[0], start)]
        for (a, b) in zip(cams, cams.dropFirst()) {
            t += km(a, b) / kmh * 3600
            out.append((b, t))
        }
        return out
    }

    static func rows(seed: UInt64 = 20_240_304) -> [Row] {
        var rng = SplitMix64(seed: seed)
        var rows: [Row] = []
        // The convoy.
        for (start, east) in targetStarts {
            for (c, t) in trip(start: start, eastbound: east, kmh: 70) {
                rows.append(Row(plate: "SYN-T001", camera: c, seconds: t))
                rows.append(Row(plate: "SYN-M001", camera: c, seconds: t + convoyDelay))
            }
        }
        let quiet = targetStarts.map { s in (s.start - 3600, s.start + 3 * 3600 + 3600) }
        // Background traffic, kept out of the convoy's hours.
        for p in 1...60 {
            for day in 0..<3 {
                for _ in 0..<200 {
                    let start = Double(day) * 86_400 + 3600 + rng.unit() * 19 * 3600
                    let kmh = 55 + rng.unit() * 30
                    let east = rng.unit() < 0.5
                    let pass = trip(start: start, eastbound: east, kmh: kmh)
                    let end = pass.last?.1 ?? start
                    if quiet.contains(where: { start < $0.1 && end > $0.0 }) { continue }
                    rows += pass.map { Row(plate: String(format: "SYN-B%03d", p), camera: $0.0, seconds: $0.1) }
                    break
                }
            }
        }
        // The clone.
        rows += [Row(plate: "SYN-CL001", camera: line[0], seconds: 3 * 3600), Row(plate: "SYN-CL001", camera: line[1], seconds: 3 * 3600 + 900),
                 Row(plate: "SYN-CL001", camera: far, seconds: 3 * 3600 + 2700)]
        // Border crossings: a round trip, a transit, a return too late.
        rows += [Row(plate: "SYN-RT001", camera: kgBorder, seconds: 5 * 3600), Row(plate: "SYN-RT001", camera: kzBorder, seconds: 5 * 3600 + 900),
                 Row(plate: "SYN-RT001", camera: line[7], seconds: 6 * 3600), Row(plate: "SYN-RT001", camera: kzBorder, seconds: 9 * 3600),
                 Row(plate: "SYN-RT001", camera: kgBorder, seconds: 9 * 3600 + 1200)]
        rows += [Row(plate: "SYN-TR001", camera: kgBorder, seconds: 4 * 3600), Row(plate: "SYN-TR001", camera: kzBorder, seconds: 4 * 3600 + 600)]
        rows += [Row(plate: "SYN-RT002", camera: kgBorder, seconds: 2 * 3600), Row(plate: "SYN-RT002", camera: kzBorder, seconds: 2 * 3600 + 600),
                 Row(plate: "SYN-RT002", camera: kzBorder, seconds: 32 * 3600), Row(plate: "SYN-RT002", camera: kgBorder, seconds: 32 * 3600 + 600)]
        return rows
    }

    /// The table as CSV text (UTC times, whole seconds).
    static func csv(_ rows: [Row]) -> String {
        var text = header + "\n"
        for r in rows {
            let t = Date(timeInterval: r.seconds.rounded(), since: day0).formatted(.iso8601)
            text += "\(r.plate),\(r.camera.id),\(t),\(r.camera.lon),\(r.camera.lat),synthetic\n"
        }
        return text
    }

    /// The camera table for round trips.
    static let cameraTable: String = {
        var text = "camera_id,country,is_border\nKG-BORDER,KGZ,1\nKZ-BORDER,KAZ,1\nFAR,UZB,0\n"
        for (i, c) in line.enumerated() { text += "\(c.id),\(i < 6 ? "KGZ" : "KAZ"),0\n" }
        return text
    }()
}
