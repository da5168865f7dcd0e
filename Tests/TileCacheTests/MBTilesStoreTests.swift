import Foundation
import GeoCore
import Testing
import TestSupport
import TileCache

@Suite struct MBTilesStoreTests {
    typealias F = MBTilesFixture

    @Test func roundTripStoresRowsInTMSOrderAsSQLiteReadsThem() throws {
        let path = try F.newFile()
        let store = try MBTilesStore(path: path, metadata: F.metadata())
        var expected: [String] = []
        for (z, x, y) in [(0, 0, 0), (1, 1, 0), (3, 5, 2), (3, 5, 6), (4, 11, 6)] {
            let png = try F.png(z: z, x: x, y: y)
            try store.store(png, for: F.key(z: z, x: x, y: y))
            #expect(try store.tile(for: F.key(z: z, x: x, y: y)) == png)
            #expect(try store.contains(F.key(z: z, x: x, y: y)))
            // MBTiles rows count from the south: row = 2^z - 1 - y.
            expected.append("\(z)\t\(x)\t\((1 << z) - 1 - y)\t\(png.map { String(format: "%02x", $0) }.joined())")
        }
        let rows = try F.sqlite(path, "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles")
        #expect(Set(rows) == Set(expected))
        #expect(try store.count() == 5)
        #expect(try store.tile(for: F.key(z: 3, x: 5, y: 3)) == nil, "nothing stored there")
    }

    @Test func aTileRenderedWithAnotherKeyIsNeverReturned() throws {
        let path = try F.newFile()
        let store = try MBTilesStore(path: path, metadata: F.metadata())
        let old = F.key(z: 2, x: 2, y: 1, version: 3)
        try store.store(try F.png(z: 2, x: 2, y: 1), for: old)
        var newerData = old
        newerData.dataVersion = 4
        var basemap = old
        basemap.dataVersion = nil
        var editedStyle = old
        editedStyle.styleHash &+= 1
        var otherScale = old
        otherScale.scale = 2
        for stale in [newerData, basemap, editedStyle, otherScale] {
            #expect(try store.tile(for: stale) == nil, "\(stale)")
            #expect(try !store.contains(stale), "\(stale)")
        }
        // Storing the newer rendering replaces the old one, whose image goes with it.
        let fresh = try F.png(z: 3, x: 0, y: 0)
        try store.store(fresh, for: newerData)
        #expect(try store.tile(for: old) == nil)
        #expect(try store.tile(for: newerData) == fresh)
        #expect(try F.sqlite(path, "SELECT count(*) FROM images") == ["1"])
        #expect(try F.sqlite(path, "SELECT data_version FROM map") == ["4"])
    }

    @Test func identicalImagesAreStoredOnce() throws {
        let path = try F.newFile()
        let store = try MBTilesStore(path: path, metadata: F.metadata())
        let sea = try F.png(z: 0, x: 0, y: 0)
        try store.store((0..<4).map { (F.key(z: 2, x: $0, y: 1), sea) })
        #expect(try F.sqlite(path, "SELECT count(*) FROM images") == ["1"])
        #expect(try F.sqlite(path, "SELECT count(*) FROM tiles") == ["4"])
        #expect(try store.storedTiles(zoom: 2, like: F.key(z: 0, x: 0, y: 0)).count == 4)
        #expect(try store.storedTiles(zoom: 2, like: F.key(z: 0, x: 0, y: 0, version: 9)).isEmpty)
    }

    @Test func theTilesViewShowsTheMetadataStyleAndScaleOnly() throws {
        let path = try F.newFile()
        let store = try MBTilesStore(path: path, metadata: F.metadata())
        let png = try F.png(z: 1, x: 0, y: 0)
        try store.store([(F.key(z: 1, x: 0, y: 0), png), (F.key(z: 1, x: 0, y: 0, scale: 2), png),
                         (F.key(z: 1, x: 1, y: 0, style: "other"), png)])
        #expect(try store.count() == 3)
        #expect(try F.sqlite(path, "SELECT zoom_level, tile_column, tile_row FROM tiles") == ["1\t0\t1"])
        #expect(try store.tile(for: F.key(z: 1, x: 1, y: 0, style: "other")) == png)
    }

    @Test func metadataIsWrittenAsMBTiles13Asks() throws {
        let path = try F.newFile()
        let store = try MBTilesStore(path: path, metadata: F.metadata())
        let rows = Dictionary(uniqueKeysWithValues: try F.sqlite(path, "SELECT name, value FROM metadata").map {
            let p = $0.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(p[0]), String(p[1]))
        })
        #expect(rows["name"] == "Test tiles")
        #expect(rows["format"] == "png")
        #expect(rows["bounds"] == "44,24,90,56")
        #expect(rows["center"] == "67,40,2")
        #expect(rows["minzoom"] == "0" && rows["maxzoom"] == "4")
        #expect(rows["type"] == "baselayer" && rows["version"] == "1")
        #expect(rows["attribution"] == "nobody" && rows["description"] == "solid colours")
        #expect(rows["bordermap:style"] == "test" && rows["bordermap:scale"] == "1")
        #expect(rows["bordermap:note"] == "test")
        var read = try store.metadata()
        #expect(read == F.metadata())
        read.maxZoom = 6
        try store.updateMetadata(read)
        #expect(try store.metadata().maxZoom == 6)
        // Reopening keeps the stored metadata rather than the one passed for creation.
        try store.close()
        let again = try MBTilesStore(path: path, metadata: F.metadata(maxZoom: 2))
        #expect(try again.metadata().maxZoom == 6)
    }

    @Test func filesItCannotUseAreRefusedClearly() throws {
        let dir = try Tool.temporaryDirectory("tilecache")
        let text = dir.appendingPathComponent("notes.mbtiles").path
        try Data("hello, this is not SQLite at all".utf8).write(to: URL(fileURLWithPath: text))
        #expect { try MBTilesStore(path: text, metadata: F.metadata()) } throws: {
            "\($0)".contains("notes.mbtiles: not a BorderMap MBTiles file: not an SQLite database")
        }

        let foreign = dir.appendingPathComponent("foreign.mbtiles").path
        _ = try F.sqlite(foreign, """
            CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)
            """)
        #expect { try MBTilesStore(path: foreign, metadata: F.metadata()) } throws: {
            "\($0)".contains("an MBTiles file from another tool")
        }

        let newer = try F.newFile()
        try MBTilesStore(path: newer, metadata: F.metadata()).close()
        _ = try F.sqlite(newer, "UPDATE metadata SET value = '99' WHERE name = 'bordermap:schema'")
        #expect(throws: MBTilesError.newerSchema(path: newer, found: 99, supported: 1)) {
            try MBTilesStore(path: newer, metadata: F.metadata())
        }

        let nowhere = dir.appendingPathComponent("missing/t.mbtiles").path
        #expect { try MBTilesStore(path: nowhere, metadata: F.metadata()) } throws: { "\($0)".contains("does not exist") }

        let store = try MBTilesStore(path: try F.newFile(), metadata: F.metadata())
        #expect { try store.store([1, 2, 3], for: F.key(z: 2, x: 4, y: 0)) } throws: { "\($0)".contains("x and y must be in 0..<4") }
        #expect { try store.store([1, 2, 3], for: F.key(z: 31, x: 0, y: 0)) } throws: { "\($0)".contains("zoom outside") }
        #expect(try store.tile(for: F.key(z: 2, x: -1, y: 0)) == nil)
    }
}
