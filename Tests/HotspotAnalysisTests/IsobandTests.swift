import Foundation
import GeoCore
import GeoTopology
import HotspotAnalysis
import Testing
import TestSupport

@Suite struct IsobandTests {
    /// One point: the middle class is a ring (a polygon with one hole), the top class a disk;
    /// unsimplified areas equal cell counts × cell area; the point is counted in the top class.
    @Test func singlePointGivesNestedRings() throws {
        let layout = try DensityGridLayout(width: 60, height: 60, originX: -300, originY: 300, cellSize: 10)
        let surface = try DensityEstimator(points: [AnalysisPoint(x: 3, y: -2, weight: 2.5)], bandwidth: 250).surface(on: layout)
        let m = surface.maximum
        let breaks = try ClassBreaks(values: surface.dataValues, method: .values([0.2 * m, 0.6 * m]))
        let features = try Isobands.polygons(surface: surface, breaks: breaks, points: [AnalysisPoint(x: 3, y: -2, weight: 2.5)],
                                             simplifyTolerance: 0)
        #expect(features.count == 2)
        let band = try #require(features.first { $0["class"] == .integer(2) })
        let top = try #require(features.first { $0["class"] == .integer(3) })
        guard case .polygon(let ring) = try #require(band.geometry), case .polygon(let disk) = try #require(top.geometry) else {
            Issue.record("isobands must be polygons")
            return
        }
        #expect(ring.holes.count == 1)
        #expect(disk.holes.isEmpty)
        for f in features { #expect(try #require(f.geometry).isValid()) }
        for (c, p) in [(2, ring), (3, disk)] {
            let cells = surface.values.filter { $0 != 0 && breaks.classOf($0) == c }.count
            #expect(abs(try Geometry.polygon(p).area() - Double(cells) * 100) < 1e-6, "class \(c)")
        }
        #expect(top["incident_count"] == .integer(1))
        #expect(top["weight_sum"] == .double(2.5))
        #expect(band["incident_count"] == .integer(0))
        #expect(top["value_max"] == .double(m))
        #expect(top["value_min"] == .double(0.6 * m))
        #expect(band["value_min"] == .double(0.2 * m))
        // The lowest class on request: the outer ring down to the kernel's rim.
        let all = try Isobands.polygons(surface: surface, breaks: breaks, simplifyTolerance: 0, includeLowestClass: true)
        #expect(all.filter { $0["class"] == .integer(1) }.count == 1)
        let covered = surface.dataValues.count
        let total = try all.reduce(0.0) { $0 + (try #require($1.geometry).area()) }
        #expect(abs(total - Double(covered) * 100) < 1e-6)
    }

    /// Many clustered points, Jenks classes, simplified: every polygon valid; counts add up to
    /// the points inside classes 2 and above.
    @Test func clusteredSurfaceGivesValidSimplifiedBands() throws {
        var rng = SplitMix64(seed: 9)
        let centres = [(2000.0, 3000.0), (6000, 6500), (7000, 2000)]
        let pts = (0..<1500).map { i -> AnalysisPoint in
            let c = centres[i % 3]
            return AnalysisPoint(x: c.0 + (rng.unit() - 0.5) * 2500, y: c.1 + (rng.unit() - 0.5) * 2500, weight: 1 + Double(i % 4))
        }
        let layout = try DensityGridLayout(width: 200, height: 200, originX: 0, originY: 10_000, cellSize: 50)
        let surface = try DensityEstimator(points: pts, bandwidth: 900).surface(on: layout)
        let breaks = try ClassBreaks(values: surface.dataValues, method: .naturalBreaks(classes: 5))
        let features = try Isobands.polygons(surface: surface, breaks: breaks, points: pts, simplifyTolerance: 25)
        #expect(!features.isEmpty)
        for f in features {
            let g = try #require(f.geometry)
            let reason = try g.validityReason()
            #expect(try g.isValid(), "\(reason)")
        }
        let counted = features.reduce(0) { $0 + Int($1["incident_count"].doubleValue ?? 0) }
        #expect(counted > 0 && counted <= pts.count)
        let classes = Set(features.compactMap { $0["class"].doubleValue })
        #expect(classes == [2, 3, 4, 5])
    }
}
