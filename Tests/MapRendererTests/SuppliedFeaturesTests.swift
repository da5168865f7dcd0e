import Foundation
import GeoCore
import GeoProjection
import Testing
@testable import MapRenderer

/// Incident points handed to a render appear where they are, in their category's colour, on
/// both tiles when they sit on a tile edge.
@Suite struct SuppliedFeaturesTests {
    /// An incident at `lonLat` with `category`.
    func incident(_ lon: Double, _ lat: Double, _ category: String) -> Feature {
        Feature(geometry: .point(Point(Coordinate(x: lon, y: lat))), properties: ["category": .string(category)])
    }

    /// Device pixel of `lonLat` in `tile` at ratio 1.
    func pixel(_ lon: Double, _ lat: Double, in tile: TileCoordinate) -> (Int, Int) {
        let m = WebMercator.mercator(fromLonLat: Coordinate(x: lon, y: lat))
        let b = tile.mercatorBounds
        return (Int((m.x - b.minX) / b.width * 256), Int((b.maxY - m.y) / b.height * 256))
    }

    @Test func incidentsDrawInTheirCategoryColour() throws {
        let renderer = try Fixtures.situationRoom.get()
        #expect(renderer.suppliedSources().map(\.id).contains("incidents"))
        let tile = try TileCoordinate(z: 7, x: 89, y: 48)
        let center = tile.lonLatBounds
        let (lon, lat) = ((center.minX + center.maxX) / 2, (center.minY + center.maxY) / 2)
        var supplied = SuppliedFeatures()
        supplied.set([incident(lon, lat, "seizure"), incident(lon + 0.5, lat, "detention")], forSource: "incidents")
        let plain = try renderer.renderTile(tile)
        let drawn = try renderer.renderTile(tile, supplied: supplied)
        let (x, y) = pixel(lon, lat, in: tile)
        // The style: seizure #ff5252, detention #ffd740, opacity 0.9 over the basemap.
        let seizure = try #require(drawn.color(x: x, y: y))
        #expect(seizure.r > 220 && seizure.g < 110 && seizure.b < 110, "\(seizure)")
        let (x2, y2) = pixel(lon + 0.5, lat, in: tile)
        let detention = try #require(drawn.color(x: x2, y: y2))
        #expect(detention.r > 220 && detention.g > 190 && detention.b < 110, "\(detention)")
        #expect(plain.color(x: x, y: y) != seizure)
    }

    @Test func anIncidentOnATileEdgeIsDrawnOnBothTiles() throws {
        let renderer = try Fixtures.situationRoom.get()
        let west = try TileCoordinate(z: 7, x: 89, y: 48), east = try TileCoordinate(z: 7, x: 90, y: 48)
        let edge = west.lonLatBounds.maxX
        let lat = (west.lonLatBounds.minY + west.lonLatBounds.maxY) / 2
        var supplied = SuppliedFeatures()
        // Only the data box of the west tile is queried, as a server would: it must reach over the edge.
        #expect(renderer.dataQueryBounds(for: try Viewport(tile: west)).maxX > edge)
        supplied.set([incident(edge, lat, "seizure")], forSource: "incidents")
        let (_, y) = pixel(edge, lat, in: west)
        let left = try #require(try renderer.renderTile(west, supplied: supplied).color(x: 254, y: y))
        let right = try #require(try renderer.renderTile(east, supplied: supplied).color(x: 1, y: y))
        #expect(left.r > 220 && left.g < 110, "\(left)")
        #expect(right.r > 220 && right.g < 110, "\(right)")
    }
}
