import Foundation
import GeoCore
import Testing
@testable import GeoProjection

@Suite("WebMercator and tiles")
struct WebMercatorTests {
    /// Closed-form Web Mercator against pyproj's EPSG:3857 values in proj_points.csv (1 mm),
    /// and back.
    @Test func closedFormMatchesReferencePoints() throws {
        for p in try Fixtures.projPoints() {
            let m = WebMercator.mercator(fromLonLat: Coordinate(p.lon, p.lat))
            #expect(abs(m.x - p.x3857) < 0.001 && abs(m.y - p.y3857) < 0.001)
            let back = WebMercator.lonLat(fromMercator: m)
            #expect(abs(back.x - p.lon) < 1e-10 && abs(back.y - p.lat) < 1e-10)
        }
    }

    @Test func latitudeIsClamped() {
        let north = WebMercator.mercator(fromLonLat: Coordinate(0, 89.9))
        #expect(abs(north.y - 20037508.342789244) < 1e-6)
        #expect(abs(WebMercator.maxLatitude - 85.0511287798) < 1e-10)
    }

    @Test func zoomZeroTile() throws {
        let world = try TileCoordinate(z: 0, x: 0, y: 0)
        let b = world.mercatorBounds
        #expect(abs(b.minX + 20037508.342789244) < 1e-6 && abs(b.maxX - 20037508.342789244) < 1e-6)
        #expect(abs(b.minY + 20037508.342789244) < 1e-6 && abs(b.maxY - 20037508.342789244) < 1e-6)
        let ll = world.lonLatBounds
        #expect(abs(ll.minX + 180) < 1e-12 && abs(ll.maxX - 180) < 1e-12)
        #expect(abs(ll.maxY - 85.0511287798066) < 1e-10)
        #expect(world.parent == nil)
        #expect(world.children.map(\.description) == ["1/0/0", "1/1/0", "1/0/1", "1/1/1"])
    }

    /// 69.24 E, 41.3 N at z = 10: tile 708/382, global pixel (181491.029333, 97994.492134) at 256 px,
    /// computed independently with the OSM slippy-map formula (python math, log(tan + sec)).
    @Test func tashkentTileAndPixel() throws {
        let c = Coordinate(69.24, 41.3)
        let found = try WebMercator.tile(containing: c, zoom: 10)
        #expect(found.tile == (try TileCoordinate(z: 10, x: 708, y: 382)))
        let p = WebMercator.pixel(fromLonLat: c, zoom: 10)
        #expect(abs(p.x - 181491.02933333334) < 1e-6 && abs(p.y - 97994.49213367174) < 1e-6)
        #expect(abs(found.pixelX - (181491.02933333334 - 708 * 256)) < 1e-6)
        let retina = try WebMercator.tile(containing: c, zoom: 10, tileSize: 512)
        #expect(retina.tile == found.tile && abs(retina.pixelY - 2 * found.pixelY) < 1e-6)
        #expect(found.tile.tmsY == 1023 - 382)
        #expect(try TileCoordinate(z: 10, x: 708, tmsY: 641) == found.tile)
        #expect(found.tile.parent?.description == "9/354/191")
    }

    /// Tile bounds in lon/lat agree with PROJ transforming the EPSG:3857 corners.
    @Test func tileBoundsAgreeWithPROJ() throws {
        let transformer = try Transformer(from: CRS.webMercator, to: CRS.wgs84)
        for tile in [try TileCoordinate(z: 10, x: 708, y: 382), try TileCoordinate(z: 5, x: 22, y: 11),
                     try TileCoordinate(z: 18, x: 181_491, y: 97_994)] {
            let m = tile.mercatorBounds
            let sw = try transformer.transform(Coordinate(m.minX, m.minY))
            let ne = try transformer.transform(Coordinate(m.maxX, m.maxY))
            let ll = tile.lonLatBounds
            #expect(abs(ll.minX - sw.x) < 1e-9 && abs(ll.minY - sw.y) < 1e-9, "\(tile)")
            #expect(abs(ll.maxX - ne.x) < 1e-9 && abs(ll.maxY - ne.y) < 1e-9, "\(tile)")
        }
    }

    @Test func resolutionAndScale() {
        #expect(abs(WebMercator.resolution(zoom: 0) - 156543.03392804097) < 1e-8)
        #expect(abs(WebMercator.resolution(zoom: 10) - 152.8740565703525) < 1e-9)
        #expect(abs(WebMercator.resolution(zoom: 1, tileSize: 512) - WebMercator.resolution(zoom: 2)) < 1e-9)
        // OGC WMTS 1.0 Annex E.4 GoogleMapsCompatible: 559082264.0287178 at level 0.
        #expect(abs(WebMercator.scaleDenominator(zoom: 0) - 559082264.0287178) < 1e-6)
    }

    @Test func tilesCoveringABox() throws {
        let tashkent = try WebMercator.tiles(covering: BoundingBox(minX: 68.5, minY: 40.5, maxX: 70.5, maxY: 42.0), zoom: 10)
        #expect(tashkent.columns == 706...712 && tashkent.rows == 380...385)
        #expect(tashkent.count == 42)
        #expect(Array(tashkent).count == 42)
        #expect(Set(tashkent).count == 42)
        #expect(tashkent.first { _ in true }?.description == "10/706/380")
        let asia = try WebMercator.tiles(covering: BoundingBox(minX: 46.5, minY: 35.0, maxX: 87.5, maxY: 55.5), zoom: 6)
        #expect(asia.columns == 40...47 && asia.rows == 20...25)
        // A box exactly on tile edges does not pull in neighbours: the z1 north-west tile.
        let nw = try WebMercator.tiles(covering: BoundingBox(minX: -180, minY: 0, maxX: 0, maxY: 85.0511287798066), zoom: 1)
        #expect(Array(nw).map(\.description) == ["1/0/0"])
        let world = try WebMercator.tiles(covering: BoundingBox(minX: -180, minY: -90, maxX: 180, maxY: 90), zoom: 3)
        #expect(world.count == 64)
        // Lazy: a huge range is not materialised.
        let big = try WebMercator.tiles(covering: BoundingBox(minX: -180, minY: -85, maxX: 180, maxY: 85), zoom: 20)
        #expect(big.count > 1_000_000_000)
    }

    @Test func invalidTilesAreRejected() {
        #expect(throws: TileError.invalidZoom(31)) { try TileCoordinate(z: 31, x: 0, y: 0) }
        #expect(throws: TileError.invalidZoom(-1)) { try TileCoordinate(z: -1, x: 0, y: 0) }
        #expect(throws: TileError.outOfRange(z: 2, x: 4, y: 0)) { try TileCoordinate(z: 2, x: 4, y: 0) }
        #expect(throws: TileError.outOfRange(z: 2, x: 0, y: -1)) { try TileCoordinate(z: 2, x: 0, y: -1) }
        #expect(throws: TileError.self) { try WebMercator.tile(containing: Coordinate(.nan, 0), zoom: 3) }
        #expect(throws: TileError.invalidZoom(40)) { try WebMercator.tiles(covering: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1), zoom: 40) }
        #expect((try? TileCoordinate(z: 30, x: (1 << 30) - 1, y: 0)) != nil)
    }
}
