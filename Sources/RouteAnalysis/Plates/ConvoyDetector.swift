import Foundation
import GeoCore

/// A plate that travels with the target more often than background traffic explains.
public struct ConvoyMember: Sendable, Hashable {
    /// The link target → member (counts, cameras, first and last times).
    public let link: CoTravelLink
    /// Target journeys (split at `journeyGap`) in which the member co-occurred.
    public let journeys: Int
    /// One-sided p-value of co-occurring at `link.cameras.count` or more of the target's cameras.
    public let pValue: Double
    /// Bonferroni-adjusted p-value: min(1, pValue × tested plates).
    public let adjustedPValue: Double
    /// Positions of the shared cameras, lon/lat, in `link.cameras` order.
    public let cameraPositions: [Coordinate]

    /// As a MultiPoint feature of the shared cameras: `target`, `plate`, `events`, `cameras`,
    /// `journeys`, `first`, `last`, `p_value`, `p_adjusted`.
    public var feature: Feature {
        Feature(geometry: .multiPoint(MultiPoint(cameraPositions.map(Point.init))), properties: [
            "target": .string(link.plate1), "plate": .string(link.plate2), "events": .integer(Int64(link.count)),
            "cameras": .integer(Int64(link.cameras.count)), "journeys": .integer(Int64(journeys)),
            "first": .string(PlateTime.text(link.first)), "last": .string(PlateTime.text(link.last)),
            "p_value": .double(pValue), "p_adjusted": .double(adjustedPValue),
        ])
    }
}

/// Convoy detection around a target plate, with a significance test against background traffic.
///
/// Co-occurrence: another plate P co-occurs with target T at camera c when P is read at c at
/// most `window` seconds (default 120 s) before or after a reading of T there. k_P is the number
/// of distinct cameras where that happens.
///
/// Null model (chance co-occurrence given each camera's hourly volume): camera c reads V_c
/// plates per hour on average (its readings divided by the hours between its first and last
/// reading, at least 1 h); with N distinct plates in the data, a given plate is among the
/// V_c·2w readings in a window of 2w hours with probability V_c·2w/N, so over T's n_c passages
/// at c it co-occurs with probability q_c = 1 − exp(−n_c·V_c·2w/N) (Poisson). Cameras are
/// taken as independent trials, and k_P then follows a Poisson binomial distribution over T's
/// cameras; p = P(X ≥ k_P), computed exactly.
///
/// Multiple testing: every other plate in the data is one hypothesis, m = N − 1, corrected by
/// Bonferroni (p_adj = min(1, m·p)), which controls the family-wise error rate at `alpha`
/// (default 0.01). A member needs k_P ≥ `minCameras` (default 3), p_adj ≤ `alpha` and
/// co-occurrence in at least `minJourneys` of T's journeys (default 1).
///
/// Limitation: cameras along one road are not independent for vehicles that happen to drive
/// together for a while (ordinary platooning), which the model counts as evidence. Such
/// chance platoons last one trip; `minJourneys: 2` keeps only plates that travel with the
/// target on separate journeys, at the cost of missing a one-trip convoy.
public enum ConvoyDetector {
    /// Convoy members of `target`, most significant first (then by plate).
    /// - Throws: `RouteAnalysisError.invalidParameter` for a negative window, `minCameras` < 1,
    ///   `minJourneys` < 1, `alpha` outside (0, 1], a non-positive journey gap, or a target that
    ///   never appears.
    public static func detect(target: String, sightings: [PlateSighting], window: TimeInterval = 120,
                              minCameras: Int = 3, alpha: Double = 0.01, minJourneys: Int = 1,
                              journeyGap: TimeInterval = 6 * 3600) throws -> [ConvoyMember] {
        guard window.isFinite, window >= 0, minCameras >= 1, minJourneys >= 1, alpha > 0, alpha <= 1,
              journeyGap.isFinite, journeyGap > 0 else {
            throw RouteAnalysisError.invalidParameter(
                "convoy parameters: window ≥ 0 s, minimum cameras and journeys ≥ 1, alpha in (0, 1] and a positive journey gap")
        }
        let mine = sightings.filter { $0.plate == target }.sorted { $0.time < $1.time }
        guard !mine.isEmpty else { throw RouteAnalysisError.invalidParameter("plate \(target) has no sightings") }
        let background = CameraVolume(sightings)
        let plates = Set(sightings.map(\.plate)).count
        // The journey of each target sighting.
        var journeyOf: [Int] = []
        for (i, s) in mine.enumerated() {
            let j = i == 0 ? 0 : journeyOf[i - 1] + (s.time.timeIntervalSince(mine[i - 1].time) > journeyGap ? 1 : 0)
            journeyOf.append(j)
        }
        let passages = Dictionary(grouping: mine.indices, by: { mine[$0].cameraID })
        let hours = 2 * window / 3600
        var trial: [String: Double] = [:]
        for (camera, list) in passages {
            trial[camera] = 1 - exp(-Double(list.count) * background.perHour(camera) * hours / Double(plates))
        }
        // Events per other plate, from the target's passages.
        let byCamera = Dictionary(grouping: sightings.filter { $0.plate != target }, by: \.cameraID)
        var acc: [String: LinkAccumulator] = [:], journeys: [String: Set<Int>] = [:]
        for (camera, list) in passages {
            for other in byCamera[camera] ?? [] {
                for i in list where abs(other.time.timeIntervalSince(mine[i].time)) <= window {
                    acc[other.plate, default: LinkAccumulator()].add(mine[i], other)
                    journeys[other.plate, default: []].insert(journeyOf[i])
                }
            }
        }
        let probabilities = passages.keys.sorted().compactMap { trial[$0] }
        let positions = Dictionary(mine.map { ($0.cameraID, $0.coordinate) }, uniquingKeysWith: { a, _ in a })
        var out: [ConvoyMember] = []
        for (plate, a) in acc where a.cameras.count >= minCameras {
            let p = PoissonBinomial.upperTail(probabilities, atLeast: a.cameras.count)
            let adjusted = min(1, p * Double(max(1, plates - 1)))
            let nJourneys = journeys[plate]?.count ?? 0
            guard adjusted <= alpha, nJourneys >= minJourneys else { continue }
            let link = a.link(target, plate)
            out.append(ConvoyMember(link: link, journeys: nJourneys, pValue: p, adjustedPValue: adjusted,
                                    cameraPositions: link.cameras.compactMap { positions[$0] }))
        }
        return out.sorted { ($0.pValue, $0.link.plate2) < ($1.pValue, $1.link.plate2) }
    }
}

/// Readings per hour at each camera over the camera's own observed span (at least 1 h).
struct CameraVolume {
    private var rate: [String: Double] = [:]

    init(_ sightings: [PlateSighting]) {
        for (camera, list) in Dictionary(grouping: sightings, by: \.cameraID) {
            let times = list.map(\.time.timeIntervalSince1970)
            let span = max(1, ((times.max() ?? 0) - (times.min() ?? 0)) / 3600)
            rate[camera] = Double(list.count) / span
        }
    }

    func perHour(_ camera: String) -> Double { rate[camera] ?? 0 }
}
