import Foundation
import GeoCore
import Testing
import TestSupport
@testable import RouteAnalysis

@Suite("Plate readers: journeys, clones, border round trips")
struct PlateTests {
    @Test("journeys split at 6 h gaps; the path and geodesic length along the 41° N parallel by hand")
    func journeys() throws {
        let stream = PlateSyntheticStream.make()
        let target = try PlateJourneys.reconstruct(stream.filter { $0.plate == "SYN-TARGET" })
        #expect(target.count == 2)
        #expect(target.map(\.sightings.count) == [9, 9])
        // WGS 84 parallel arc: N(φ)·cos φ·Δλ, N = a / √(1 − e² sin² φ); Δλ = 8 × 0.36°.
        let a = 6_378_137.0, f = 1 / 298.257223563, e2 = f * (2 - f), phi = 41.0 * .pi / 180
        let arc = a / (1 - e2 * sin(phi) * sin(phi)).squareRoot() * cos(phi) * (2.88 * .pi / 180)
        // Geodesic chords of 30 km are shorter than the parallel by a few centimetres each.
        #expect(abs(target[0].lengthMeters - arc) < 0.5, "length \(target[0].lengthMeters) vs parallel \(arc)")
        let f0 = target[1].feature
        #expect(f0["plate"] == .string("SYN-TARGET"))
        #expect(f0["journey"] == .integer(1))
        #expect(f0["start"] == .string("2026-01-06T08:00:00Z"))
        #expect(f0["cameras"].description.hasPrefix("SYN-CAM-00>SYN-CAM-01>"))
        // A route function's path is used between cameras; nil falls back to a straight leg.
        let detour = try PlateJourneys.reconstruct(Array(stream.filter { $0.plate == "SYN-TARGET" }.prefix(3)),
                                                   route: { from, to in from.x < 66.2 ? [from, Coordinate(from.x, 41.1), to] : nil })
        #expect(detour[0].path == [Coordinate(66, 41), Coordinate(66, 41.1), Coordinate(66.36, 41), Coordinate(66.72, 41)])
        #expect(throws: RouteAnalysisError.self) { try PlateJourneys.reconstruct(stream, maxGap: 0) }
    }

    @Test("impossible speeds find exactly the two planted clones")
    func clones() throws {
        let flagged = try PlateClones.impossibleSpeeds(PlateSyntheticStream.make())
        #expect(flagged.map(\.plate) == ["SYN-CLONE-1", "SYN-CLONE-2"])
        let first = try #require(flagged.first)
        // Camera 0 → 9: 9 × 0.36° of the 41° parallel, about 272 km, in 30 min: about 544 km/h.
        #expect(first.seconds == 1800)
        #expect(first.speedKmh > 530 && first.speedKmh < 560)
        #expect(first.feature["camera_2"] == .string("SYN-CAM-09"))
    }

    @Test("border round trips: out and back within 24 h; a late return and a transit are not")
    func roundTrips() throws {
        let t0 = PlateSyntheticStream.start
        func s(_ plate: String, _ cam: String, _ hours: Double) -> PlateSighting {
            PlateSighting(plate: plate, cameraID: cam, time: t0.addingTimeInterval(hours * 3600), lon: 69, lat: 41)
        }
        let cameras = [PlateCamera(id: "SYN-B-KAZ", country: "KAZ", isBorder: true),
                       PlateCamera(id: "SYN-B-UZB", country: "UZB", isBorder: true),
                       PlateCamera(id: "SYN-B-UZB2", country: "UZB", isBorder: true),
                       PlateCamera(id: "SYN-B-TKM", country: "TKM", isBorder: true),
                       PlateCamera(id: "SYN-INLAND", country: "KAZ", isBorder: false)]
        let sightings = [
            s("SYN-P", "SYN-B-KAZ", 9), s("SYN-P", "SYN-B-KAZ", 10), s("SYN-P", "SYN-INLAND", 10.5), s("SYN-P", "SYN-B-UZB", 11),
            s("SYN-P", "SYN-B-UZB2", 15), s("SYN-P", "SYN-B-KAZ", 20),
            s("SYN-Q", "SYN-B-KAZ", 0), s("SYN-Q", "SYN-B-UZB", 1), s("SYN-Q", "SYN-B-KAZ", 73),
            s("SYN-R", "SYN-B-KAZ", 0), s("SYN-R", "SYN-B-UZB", 1), s("SYN-R", "SYN-B-TKM", 5),
        ]
        let trips = try BorderRoundTrips.find(sightings, cameras: cameras)
        #expect(trips.count == 1)
        let t = try #require(trips.first)
        #expect(t.plate == "SYN-P" && t.homeCountry == "KAZ" && t.visitedCountry == "UZB")
        #expect(t.out.time == t0.addingTimeInterval(10 * 3600), "the last home-side sighting before leaving")
        #expect(t.durationSeconds == 10 * 3600)
        #expect(t.abroad.map(\.cameraID) == ["SYN-B-UZB", "SYN-B-UZB2"])
        #expect(t.feature["hours"] == .double(10))
        #expect(t.feature["out_time"] == .string("2026-01-01T10:00:00Z"))
        #expect(try BorderRoundTrips.find(sightings, cameras: cameras, maxDuration: 80 * 3600).map(\.plate) == ["SYN-P", "SYN-Q"])
    }
}

@Suite("Plate journeys along the road network")
struct PlateNetworkJourneyTests {
    @Test("a journey between two cameras follows the L-shaped road through its corner; off-network legs stay straight")
    func alongNetwork() throws {
        // Road A (69, 41) → B (69.2, 41) → C (69.2, 41.2); cameras at A and C, and one far off at (75, 45).
        let nodes = [Coordinate(69, 41), Coordinate(69.2, 41), Coordinate(69.2, 41.2)]
        let graph = try RoadGraph(coordinates: .lonLat, nodes: nodes, edges: [
            RoadEdge(from: 0, to: 1, lengthMeters: 16_800, timeSeconds: 600),
            RoadEdge(from: 1, to: 2, lengthMeters: 22_200, timeSeconds: 800),
        ])
        let t0 = PlateSyntheticStream.start
        let sightings = [
            PlateSighting(plate: "SYN-N", cameraID: "SYN-A", time: t0, lon: 69, lat: 41),
            PlateSighting(plate: "SYN-N", cameraID: "SYN-C", time: t0.addingTimeInterval(1800), lon: 69.2, lat: 41.2),
            PlateSighting(plate: "SYN-N", cameraID: "SYN-FAR", time: t0.addingTimeInterval(5 * 3600), lon: 75, lat: 45),
        ]
        let route = PlateJourneys.networkRoute(router: Router(graph: graph))
        let journeys = try PlateJourneys.reconstruct(sightings, route: route)
        let path = try #require(journeys.first).path
        #expect(path.first == Coordinate(69, 41))
        #expect(path.contains(Coordinate(69.2, 41)), "through the corner node")
        #expect(path.last == Coordinate(75, 45), "the off-network camera is joined by a straight leg")
        #expect(path.count == 4)
    }
}
