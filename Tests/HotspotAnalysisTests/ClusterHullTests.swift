import Foundation
import GeoCore
import HotspotAnalysis
import Testing

/// Cluster polygons and their attributes, on hand-made clusters whose hulls, counts and times
/// are known by construction.
@Suite("Space-time cluster hulls")
struct ClusterHullTests {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    /// Cluster 0: the corners of a 100 m square, its centre and the midpoint of its top edge
    /// (inside the convex hull), all within an hour; cluster 1: an L two points thick (x = 1000
    /// and 1010 for y = 0…120; y = 0 and 10 for x = 1020…1120, every 10 m), a week later, 5 s
    /// apart; one noise point.
    static func points() -> [AnalysisPoint] {
        let square: [(Double, Double)] = [(0, 0), (100, 0), (100, 100), (0, 100), (50, 50), (50, 100)]
        var p = square.enumerated().map { AnalysisPoint(x: $1.0, y: $1.1, weight: 2, time: t0.addingTimeInterval(Double($0) * 600)) }
        p += lShape.enumerated().map { AnalysisPoint(x: $1.0, y: $1.1, time: t0.addingTimeInterval(7 * 86_400 + Double($0) * 5)) }
        p.append(AnalysisPoint(x: 5000, y: 5000, time: t0))
        return p
    }

    static let lShape: [(Double, Double)] = {
        var l: [(Double, Double)] = []
        for y in stride(from: 0.0, through: 120, by: 10) { l += [(1000, y), (1010, y)] }
        for x in stride(from: 1020.0, through: 1120, by: 10) { l += [(x, 0), (x, 10)] }
        return l
    }()

    /// Square: seizure 3, detention 2; L: crossing attempt 2, detention 2, the rest none.
    static let categories: [String?] = ["seizure", "detention", "seizure", nil, "detention", "seizure"]
        + ["crossing attempt", "detention", "detention", "crossing attempt"]
        + [String?](repeating: nil, count: lShape.count - 4) + ["seizure"]

    static func area(_ g: Geometry) -> Double {
        guard case .polygon(let p) = g else { return .nan }
        return abs(p.exterior.signedArea)
    }

    @Test func convexHullsAndAttributes() throws {
        let pts = Self.points()
        let clustering = try SpaceTimeDBSCAN.cluster(pts, distance: 150, timeWindow: 3600, minPoints: 3)
        try #require(clustering.clusterCount == 2)
        #expect(clustering.labels.last == -1)
        let clusters = try clustering.clusters(of: pts, categories: Self.categories)
        let a = clusters[0], b = clusters[1]
        #expect(Self.area(a.hull) == 10_000, "the square's hull is the square")
        #expect(a.count == 6 && a.totalWeight == 12)
        #expect(a.firstTime == Self.t0 && a.lastTime == Self.t0.addingTimeInterval(3000) && a.timeSpan == 3000)
        #expect(a.dominantCategory == "seizure" && a.dominantCategoryCount == 3)
        // The L's convex hull (1000,0) (1120,0) (1120,10) (1010,120) (1000,120), by the
        // shoelace formula: (1200 + 14300 + 1200) / 2 = 8350 m².
        #expect(Self.area(b.hull) == 8350)
        #expect(b.count == 48 && b.timeSpan == 47 * 5)
        // detention 2, crossing attempt 2: the tie goes to the alphabetically first.
        #expect(b.dominantCategory == "crossing attempt" && b.dominantCategoryCount == 2)
        #expect(try clustering.clusters(of: pts).allSatisfy { $0.dominantCategory == nil })
    }

    @Test func concaveHullStaysInsideConvex() throws {
        let pts = Self.points()
        let clustering = try SpaceTimeDBSCAN.cluster(pts, distance: 150, timeWindow: 3600, minPoints: 3)
        let convex = try clustering.clusters(of: pts, hull: .convex)
        let concave = try clustering.clusters(of: pts, hull: .concave(ratio: 0))
        let full = try clustering.clusters(of: pts, hull: .concave(ratio: 1))
        for k in 0..<2 {
            #expect(Self.area(full[k].hull) == Self.area(convex[k].hull), "ratio 1 is the convex hull")
            #expect(Self.area(concave[k].hull) <= Self.area(convex[k].hull))
        }
        // Ratio 0 carves the L's empty corner: the L itself is 2·(130·10) − 10·10... at most
        // its 2500 m² band area plus slivers, far below the convex 8350 m².
        #expect(Self.area(concave[1].hull) < 4000)
        #expect(throws: (any Error).self) { try clustering.clusters(of: Array(pts.dropLast())) }
    }
}
