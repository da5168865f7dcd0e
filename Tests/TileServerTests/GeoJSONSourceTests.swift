import Foundation
import GeoCore
import GeoProjection
import IncidentStore
import MapRenderer
import MapStyle
import Rasterizer
import TestSupport
import Testing
@testable import TileServer

/// `geojson` style sources: a file of the data folder (plate journeys, convoys) drawn per render
/// and read again when an analysis rewrites it.
@Suite struct GeoJSONSourceTests {
    static let style = """
    {"version": 8, "name": "journeys only",
     "sources": {"journeys": {"type": "geojson", "path": "journeys.geojson"}},
     "layers": [
       {"id": "background", "type": "background", "paint": {"background-color": "#ffffff"}},
       {"id": "journeys", "type": "line", "source": "journeys", "paint": {"line-color": "#ff0000", "line-width": 6}}
     ]}
    """

    /// Writes one line along the parallel `latitude` from 100° W to 100° E.
    static func writeJourney(latitude: Double, in dir: URL) throws {
        try """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"plate":"01A123BC"},
         "geometry":{"type":"LineString","coordinates":[[-100,\(latitude)],[100,\(latitude)]]}}]}
        """.write(to: dir.appendingPathComponent("journeys.geojson"), atomically: true, encoding: .utf8)
    }

    /// The red and green channels of tile 0/0/0's pixel (128, y).
    static func pixel(_ renderer: MapRenderer, _ data: AnalysisLayerData, y: Int) async throws -> (Int, Int) {
        let supplied = try await data.supplied(for: renderer, bounds: BoundingBox(minX: -180, minY: -85, maxX: 180, maxY: 85),
                                               zoom: 0, dataVersion: 1)
        let tile = try renderer.renderTile(try TileCoordinate(z: 0, x: 0, y: 0), supplied: supplied)
        let c = try #require(tile.color(x: 128, y: y))
        return (Int(c.r), Int(c.g))
    }

    @Test func aJourneyFileIsDrawnAndDrawnAgainWhenRewritten() async throws {
        let dir = try Tool.temporaryDirectory("bordermap-geojson-source")
        let store = try SQLiteIncidentStore(path: dir.appendingPathComponent("incidents.sqlite").path)
        let renderer = try MapRenderer(style: try Style.decode(Data(Self.style.utf8)).style, styleDirectory: dir, dataDirectory: dir)
        let data = AnalysisLayerData(store: store, dataDirectory: dir)
        // No file yet: nothing but the background.
        #expect(try await Self.pixel(renderer, data, y: 128) == (255, 255))
        // Along the equator: the middle row of the z0 tile is red.
        try Self.writeJourney(latitude: 0, in: dir)
        #expect(try await Self.pixel(renderer, data, y: 128) == (255, 0))
        // Rewritten along 60° N (Web Mercator y = 256·(1 − ln(tan φ + sec φ)/π)/2 ≈ 53.6 px): the
        // equator is white again, the new row is red.
        try Self.writeJourney(latitude: 60, in: dir)
        let row = Int((256 * (1 - log(tan(Double.pi / 3) + 1 / cos(Double.pi / 3)) / Double.pi) / 2).rounded(.down))
        #expect(try await Self.pixel(renderer, data, y: 128) == (255, 255))
        #expect(try await Self.pixel(renderer, data, y: row) == (255, 0))
    }
}
