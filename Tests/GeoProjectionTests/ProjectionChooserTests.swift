import GeoCore
import Testing
@testable import GeoProjection

@Suite("ProjectionChooser")
struct ProjectionChooserTests {
    @Test func tashkentAreaGetsUTM42N() throws {
        let choice = try ProjectionChooser.choose(for: BoundingBox(minX: 68.5, minY: 40.5, maxX: 70.5, maxY: 42.0))
        #expect(choice.kind == .utm(zone: 42, north: true))
        #expect(choice.crs.epsgCode == 32642)
        #expect(choice.crs.unitName == "metre")
    }

    @Test func extentJustPastTheZoneEdgeStaysInTheZone() throws {
        // Zone 42 is 66°E..72°E; 72.8°E is within the 1° margin.
        let choice = try ProjectionChooser.choose(for: BoundingBox(minX: 67, minY: 39, maxX: 72.8, maxY: 41))
        #expect(choice.kind == .utm(zone: 42, north: true))
        let wider = try ProjectionChooser.choose(for: BoundingBox(minX: 64, minY: 39, maxX: 73.5, maxY: 41))
        #expect(wider.kind != .utm(zone: 42, north: true))
    }

    @Test func southernHemisphereUses327xx() throws {
        let choice = try ProjectionChooser.choose(for: BoundingBox(minX: 150.5, minY: -34.5, maxX: 151.5, maxY: -33.5))
        #expect(choice.kind == .utm(zone: 56, north: false))
        #expect(choice.crs.epsgCode == 32756)
    }

    @Test func centralAsiaGetsAlbers() throws {
        let extent = BoundingBox(minX: 46.5, minY: 35.0, maxX: 87.5, maxY: 55.5)
        let choice = try ProjectionChooser.choose(for: extent)
        guard case let .albersEqualArea(lat1, lat2) = choice.kind else {
            Issue.record("expected Albers, got \(choice.kind)")
            return
        }
        #expect(abs(lat1 - (35 + 20.5 / 6)) < 1e-9 && abs(lat2 - (55.5 - 20.5 / 6)) < 1e-9)
        #expect(!choice.crs.isGeographic)
        #expect(choice.crs.unitName == "metre")
        // Same CRS as spelled out by hand, checked by PROJ.
        let byHand = try CRS("+proj=aea +lat_0=45.25 +lon_0=67 +lat_1=38.4166666667 +lat_2=52.0833333333 "
            + "+x_0=0 +y_0=0 +datum=WGS84 +units=m")
        #expect(try choice.crs.isEquivalent(to: byHand))
        // The centre of the extent maps to the origin.
        let transformer = try Transformer(from: CRS.wgs84, to: choice.crs)
        let origin = try transformer.transform(Coordinate(67, 45.25))
        #expect(abs(origin.x) < 1e-6 && abs(origin.y) < 1e-6)
    }

    @Test func equatorSymmetricAndPolarExtentsGetLambertAzimuthal() throws {
        let tropics = try ProjectionChooser.choose(for: BoundingBox(minX: -20, minY: -10, maxX: 20, maxY: 10))
        #expect(tropics.kind == .lambertAzimuthalEqualArea)
        let arctic = try ProjectionChooser.choose(for: BoundingBox(minX: -180, minY: 70, maxX: 180, maxY: 90))
        #expect(arctic.kind == .lambertAzimuthalEqualArea)
    }

    @Test func invalidExtentThrows() {
        #expect(throws: ProjectionError.self) {
            try ProjectionChooser.choose(for: BoundingBox(minX: 500_000, minY: 4_000_000, maxX: 600_000, maxY: 4_100_000))
        }
    }

    @Test(arguments: [(69.24, 42), (-180.0, 1), (180.0, 60), (0.0, 31), (-0.0001, 30), (65.9999, 41)])
    func utmZoneNumbers(longitude: Double, zone: Int) {
        #expect(ProjectionChooser.utmZone(longitude: longitude) == zone)
    }
}
