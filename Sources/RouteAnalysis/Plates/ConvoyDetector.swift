import Foundation
import GeoCore

/// A plate that travels with the target more often than background traffic explains.
public struct ConvoyMember: Sendable, Hashable {
    /// The link target → member (counts, cameras, first and last times).
    public let link: CoTravelLink
    /// Target passages (readings) at which the member co-occurred, K.
    public let passages: Int
    /// Target journeys (split at `journeyGap`) in which the member co-occurred.
    public let journeys: Int
    /// One-sided p-value of co-occurring at `passages` or more of the target's passages under
    /// the platooning null model (see `ConvoyDetector`).
    public let pValue: Double
    /// Bonferroni-adjusted p-value: min(1, pValue × tested plates).
    public let adjustedPValue: Double
    /// Positions of the shared cameras, lon/lat, in `link.cameras` order.
    public let cameraPositions: [Coordinate]

    /// As a MultiPoint feature of the shared cameras: `target`, `plate`, `events`, `cameras`,
    /// `passages`, `journeys`, `first`, `last`, `p_value`, `p_adjusted`.
    public var feature: Feature {
        Feature(geometry: .multiPoint(MultiPoint(cameraPositions.map(Point.init))), properties: [
            "target": .string(link.plate1), "plate": .string(link.plate2), "events": .integer(Int64(link.count)),
            "cameras": .integer(Int64(link.cameras.count)), "passages": .integer(Int64(passages)), "journeys": .integer(Int64(journeys)),
            "first": .string(PlateTime.text(link.first)), "last": .string(PlateTime.text(link.last)),
            "p_value": .double(pValue), "p_adjusted": .double(adjustedPValue),
        ])
    }
}

/// Convoy detection around a target plate, with a significance test against background traffic
/// that allows for ordinary platooning.
///
/// Co-occurrence: another plate P co-occurs with target T at one of T's passages (a reading of
/// T at camera c) when P is read at c at most `window` seconds (default 120 s) before or after
/// it. K_P is the number of T's passages with a co-occurrence; k_P the number of distinct
/// cameras among them.
///
/// Chance meetings: camera c reads V_c plates per hour on average (its readings divided by the
/// hours between its first and last reading, at least 1 h); with N distinct plates in the data,
/// a given plate is among the V_c·2w readings in a window of 2w hours with probability
/// V_c·2w/N, so an unrelated plate meets T at a passage at c with probability
/// q = 1 − exp(−V_c·2w/N) (Poisson).
///
/// Platooning: an unrelated vehicle that meets T by chance often drives on with it for a while,
/// so successive cameras are not independent trials. How long chance platoons last is measured
/// from all other plate pairs in the data (`PlatoonPersistence`, T excluded): h_j, the share of
/// runs of j consecutive cameras together that go on to the vehicle's next camera, and g, the
/// share of pairs apart after a run in the same journey that are together again at the next
/// camera (missed reads, overtaking), with journeys split at `journeyGap` (default 6 h).
///
/// Null model: along T's passages in time order, each journey starts afresh; until P has been
/// with T in the journey, P meets T with probability q; after j consecutive passages with P,
/// P is there again with probability max(h_j, q); after a run has ended, P rejoins with
/// probability max(g, q). p = P(K ≥ K_P) under this Markov chain, computed exactly
/// by dynamic programming (`CoOccurrenceChain`). A plate that drives with T for one trip scores
/// about q·h_1·h_2⋯, as likely as a background platoon of that length; one that meets T again
/// on other journeys multiplies in a fresh q each time. With no run at risk in the background
/// (tiny data), passages are independent trials (Poisson binomial).
///
/// Multiple testing: every other plate in the data is one hypothesis, m = N − 1, corrected by
/// Bonferroni (p_adj = min(1, m·p)), which controls the family-wise error rate at `alpha`
/// (default 0.01). A member needs k_P ≥ `minCameras` (default 3), p_adj ≤ `alpha` and
/// co-occurrence in at least `minJourneys` of T's journeys (default 1).
///
/// Limitations: q uses each camera's mean volume over its whole span, so rush-hour meetings are
/// likelier than q says; persistence is pooled over cameras and assumed the same for T as for
/// everyone else; convoys among the other plates raise the measured persistence (which makes the
/// test conservative).
public enum ConvoyDetector {
    /// Convoy members of `target`, most significant first (then by plate).
    /// - Throws: `RouteAnalysisError.invalidParameter` for a negative window, `minCameras` < 1,
    ///   `minJourneys` < 1, `alpha` outside (0, 1], a non-positive journey gap, or a target that
    ///   never appears.
    public static func detect(target: String, sightings: [PlateSighting], window: TimeInterval = 120,
                              minCameras: Int = 3, alpha: Double = 0.01, minJourneys: Int = 1,
                              journeyGap: TimeInterval = 6 * 3600) throws -> [ConvoyMember] {
        try detect(target: target, sightings: sightings, window: window, minCameras: minCameras, alpha: alpha,
                   minJourneys: minJourneys, journeyGap: journeyGap, persistence: nil)
    }

    /// `detect` with a given persistence (nil: measured from `sightings` without the target).
    static func detect(target: String, sightings: [PlateSighting], window: TimeInterval = 120,
                       minCameras: Int = 3, alpha: Double = 0.01, minJourneys: Int = 1,
                       journeyGap: TimeInterval = 6 * 3600, persistence: PlatoonPersistence?) throws -> [ConvoyMember] {
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
        let hours = 2 * window / 3600
        let chain = CoOccurrenceChain(
            q: mine.map { 1 - exp(-background.perHour($0.cameraID) * hours / Double(plates)) },
            startsJourney: mine.indices.map { $0 == 0 || journeyOf[$0] != journeyOf[$0 - 1] },
            persistence: persistence ?? PlatoonPersistence(sightings, excluding: [target], window: window, journeyGap: journeyGap))
        let passages = Dictionary(grouping: mine.indices, by: { mine[$0].cameraID })
        // Events and co-occurring passages per other plate.
        let byCamera = Dictionary(grouping: sightings.filter { $0.plate != target }, by: \.cameraID)
        var acc: [String: LinkAccumulator] = [:], together: [String: Set<Int>] = [:]
        for (camera, list) in passages {
            for other in byCamera[camera] ?? [] {
                for i in list where abs(other.time.timeIntervalSince(mine[i].time)) <= window {
                    acc[other.plate, default: LinkAccumulator()].add(mine[i], other)
                    together[other.plate, default: []].insert(i)
                }
            }
        }
        let candidates = acc.filter { $0.value.cameras.count >= minCameras }
        let tails = candidates.isEmpty ? [] : chain.upperTails()
        let positions = Dictionary(mine.map { ($0.cameraID, $0.coordinate) }, uniquingKeysWith: { a, _ in a })
        var out: [ConvoyMember] = []
        for (plate, a) in candidates {
            let shared = together[plate] ?? []
            let p = tails[shared.count]
            let adjusted = min(1, p * Double(max(1, plates - 1)))
            let nJourneys = Set(shared.map { journeyOf[$0] }).count
            guard adjusted <= alpha, nJourneys >= minJourneys else { continue }
            let link = a.link(target, plate)
            out.append(ConvoyMember(link: link, passages: shared.count, journeys: nJourneys, pValue: p,
                                    adjustedPValue: adjusted, cameraPositions: link.cameras.compactMap { positions[$0] }))
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
