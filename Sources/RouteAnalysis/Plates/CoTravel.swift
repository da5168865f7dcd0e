import Foundation
import GeoCore

/// Two plates read by the same cameras at nearly the same times: a co-travel link.
public struct CoTravelLink: Sendable, Hashable {
    /// One plate (the target in convoy results, else the smaller in sort order).
    public let plate1: String
    /// The other plate.
    public let plate2: String
    /// Co-occurrence events: pairs of sightings at one camera at most `window` seconds apart.
    public let count: Int
    /// Distinct cameras with at least one event, sorted.
    public let cameras: [String]
    /// Earliest sighting time among the events.
    public let first: Date
    /// Latest sighting time among the events.
    public let last: Date
    /// The link type written to link tables and GraphML.
    public var linkType: String { "co-travel" }
}

/// Co-occurrence of plates at cameras.
public enum CoTravel {
    /// All co-travel links: for each camera, every pair of sightings of different plates at
    /// most `window` seconds apart (default 120 s) is an event; links with events at
    /// `minCameras` or more distinct cameras (default 1) are returned, sorted by plates.
    /// Cost: O(s log s + e) for s sightings and e events.
    /// - Throws: `RouteAnalysisError.invalidParameter` for a negative window or `minCameras` < 1.
    public static func links(_ sightings: [PlateSighting], window: TimeInterval = 120, minCameras: Int = 1) throws -> [CoTravelLink] {
        guard window.isFinite, window >= 0, minCameras >= 1 else {
            throw RouteAnalysisError.invalidParameter("co-travel window \(window) s must be ≥ 0 and minimum cameras \(minCameras) ≥ 1")
        }
        var acc: [PlatePair: LinkAccumulator] = [:]
        forEachEvent(sightings, window: window) { a, b in
            let key = a.plate < b.plate ? PlatePair(a.plate, b.plate) : PlatePair(b.plate, a.plate)
            acc[key, default: LinkAccumulator()].add(a, b)
        }
        return acc.compactMap { key, value in
            value.cameras.count >= minCameras ? value.link(key.first, key.second) : nil
        }.sorted { ($0.plate1, $0.plate2) < ($1.plate1, $1.plate2) }
    }

    /// Calls `body` for every pair of sightings of different plates at one camera at most
    /// `window` seconds apart (earlier sighting first).
    static func forEachEvent(_ sightings: [PlateSighting], window: TimeInterval, _ body: (PlateSighting, PlateSighting) -> Void) {
        for (_, list) in Dictionary(grouping: sightings, by: \.cameraID) {
            let sorted = list.sorted { ($0.time, $0.plate) < ($1.time, $1.plate) }
            for i in sorted.indices {
                var j = i + 1
                while j < sorted.count, sorted[j].time.timeIntervalSince(sorted[i].time) <= window {
                    if sorted[j].plate != sorted[i].plate { body(sorted[i], sorted[j]) }
                    j += 1
                }
            }
        }
    }
}

/// An unordered plate pair stored in a fixed order.
struct PlatePair: Hashable {
    let first: String
    let second: String
    init(_ a: String, _ b: String) {
        first = a
        second = b
    }
}

/// Events of one link as they are found.
struct LinkAccumulator {
    var count = 0
    var cameras: Set<String> = []
    var first = Date.distantFuture
    var last = Date.distantPast

    mutating func add(_ a: PlateSighting, _ b: PlateSighting) {
        count += 1
        cameras.insert(a.cameraID)
        first = min(first, a.time, b.time)
        last = max(last, a.time, b.time)
    }

    func link(_ p1: String, _ p2: String) -> CoTravelLink {
        CoTravelLink(plate1: p1, plate2: p2, count: count, cameras: cameras.sorted(), first: first, last: last)
    }
}
