import Foundation
import GeoCore
import GeoProjection
import Testing
@testable import IncidentStore

/// `DemoGeodesy.destination` against PROJ's geodesic inverse (Karney): going out and measuring
/// back must give the same distance and azimuth.
@Suite struct DemoGeodesyTests {
    @Test(arguments: [
        (68.8, 37.2, 0.0, 1_000.0), (68.8, 37.2, 90.0, 25_000.0), (60.0, 25.0, 45.0, 100_000.0),
        (75.0, 55.9, 200.0, 200_000.0), (52.0, 41.0, 315.0, 50_000.0), (70.0, 40.0, 135.0, 10_000.0),
        (80.0, 45.0, 270.0, 150_000.0), (66.0, 30.0, 180.0, 200_000.0),
    ])
    func destinationMatchesPROJ(_ lon: Double, _ lat: Double, _ azimuth: Double, _ distance: Double) throws {
        let start = Coordinate(lon, lat)
        let end = DemoGeodesy.destination(from: start, distance: distance, azimuth: azimuth)
        let back = try Geodesic.inverse(from: start, to: end)
        #expect(abs(back.distance - distance) <= 2e-4 * distance, "distance \(back.distance) vs \(distance)")
        var dAz = (back.initialAzimuth - azimuth).truncatingRemainder(dividingBy: 360)
        if dAz > 180 { dAz -= 360 } else if dAz < -180 { dAz += 360 }
        #expect(abs(dAz) < 0.005, "azimuth \(back.initialAzimuth) vs \(azimuth)")
    }
}
