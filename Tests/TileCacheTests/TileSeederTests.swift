import Foundation
import GeoCore
import GeoProjection
import Synchronization
import Testing
import TestSupport
import TileCache

/// The seeding engine with a stand-in renderer that paints each tile a colour naming it: GDAL
/// must read that exact colour where the tile lies, which proves the TMS rows are right.
@Suite struct TileSeederTests {
    typealias F = MBTilesFixture
    static let area = BoundingBox(minX: 44, minY: 24, maxX: 90, maxY: 56)

    /// Counts render calls across threads.
    final class Counter: Sendable {
        let calls = Mutex(0)
        var value: Int { calls.withLock { $0 } }
    }

    static func seeder(_ ranges: [TileRange], counter: Counter, failing: TileCoordinate? = nil, batch: Int = 7) -> TileSeeder {
        TileSeeder(ranges: ranges, key: { F.key(z: $0.z, x: $0.x, y: $0.y) }, render: { key in
            counter.calls.withLock { $0 += 1 }
            if let failing, key.z == failing.z, key.x == failing.x, key.y == failing.y {
                throw F.ToolFailure(message: "cannot draw this one")
            }
            return try F.png(z: key.z, x: key.x, y: key.y)
        }, workers: 4, batchSize: batch)
    }

    static func ranges(_ zooms: ClosedRange<Int>) throws -> [TileRange] {
        try zooms.map { try WebMercator.tiles(covering: area, zoom: $0) }
    }

    @Test func seedsInParallelAndResumesWhereItStopped() throws {
        let path = try F.newFile()
        let store = try MBTilesStore(path: path, metadata: F.metadata())
        let ranges = try Self.ranges(0...5)
        let total = ranges.reduce(0) { $0 + $1.count }
        let counter = Counter()
        let report = try Self.seeder(ranges, counter: counter).run(into: store)
        #expect(report.total == total && report.rendered == total && report.skipped == 0)
        #expect(counter.value == total)
        #expect(try F.sqlite(path, "SELECT count(*) FROM tiles") == ["\(total)"])

        _ = try F.sqlite(path, "DELETE FROM map WHERE zoom_level = 5 AND tile_column = 21")
        let missing = total - (try store.count())
        #expect(missing > 0)
        let again = Counter()
        let resumed = try Self.seeder(ranges, counter: again).run(into: store)
        #expect(resumed.rendered == missing && resumed.skipped == total - missing)
        #expect(again.value == missing, "only the missing tiles are rendered")
        #expect(try store.count() == total)
    }

    @Test func aFailureStopsTheRunAndKeepsWhatWasRendered() throws {
        let store = try MBTilesStore(path: try F.newFile(), metadata: F.metadata())
        let ranges = try Self.ranges(0...4)
        let bad = try TileCoordinate(z: 4, x: 11, y: 6)
        #expect { try Self.seeder(ranges, counter: Counter(), failing: bad, batch: 1).run(into: store) } throws: {
            "\($0)".contains("tile 4/11/6: ") && "\($0)".contains("cannot draw this one")
        }
        let kept = try store.count()
        #expect(kept > 0, "tiles rendered before the failure stay for the next run")
        let again = Counter()
        let report = try Self.seeder(ranges, counter: again).run(into: store)
        #expect(report.skipped == kept && again.value == report.total - kept)
    }

    @Test func gdalReadsEachTileWhereItBelongs() throws {
        let path = try F.newFile()
        let store = try MBTilesStore(path: path, metadata: F.metadata())
        _ = try Self.seeder(try Self.ranges(0...4), counter: Counter()).run(into: store)
        try store.close()
        let info = try Tool.run(["gdalinfo", path])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.output.contains("Driver: MBTiles/MBTiles") && info.output.contains("ZOOM_LEVEL=4"))
        #expect(info.output.contains("Overviews:"))
        for (lon, lat) in [(45.0, 55.0), (50.0, 30.0), (70.0, 40.0), (89.0, 25.0), (67.5, 48.9)] {
            // The XYZ tile of lon/lat at zoom 4 (OSM "Slippy map tilenames" formulas).
            let n = 16.0
            let x = Int(((lon + 180) / 360 * n).rounded(.down))
            let y = Int(((1 - asinh(tan(lat * .pi / 180)) / .pi) / 2 * n).rounded(.down))
            let (r, g, b) = F.colour(z: 4, x: x, y: y)
            let out = try Tool.run(["gdallocationinfo", "-wgs84", "-valonly", path, "\(lon)", "\(lat)"])
            let values = out.output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
            #expect(values == [Int(r), Int(g), Int(b), 255], "\(lon),\(lat) is in tile 4/\(x)/\(y)")
        }
    }
}
