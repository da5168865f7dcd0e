import Foundation
import GeoCore
import PNGCodec
import Rasterizer
import Testing
import TestSupport
import TileCache

/// Helpers for the MBTiles tests: solid-colour tiles that say where they belong, a store in a
/// fresh folder, and SQL through python3's sqlite3 module (an independent reader).
enum MBTilesFixture {
    static let hash: UInt64 = 0xfeed_beef_0000_0001

    static func key(z: Int, x: Int, y: Int, version: Int64? = 1, scale: Int = 1, style: String = "test") -> TileKey {
        TileKey(style: style, styleHash: hash, dataVersion: version, z: z, x: x, y: y, scale: scale)
    }

    /// The colour of tile z/x/y in these tests: unlike for every tile of zooms 0-4.
    static func colour(z: Int, x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        (UInt8((x * 13 + 7) % 256), UInt8((y * 29 + 11) % 256), UInt8(z * 50))
    }

    /// A 256 px RGBA PNG filled with `colour(z:x:y:)`.
    static func png(z: Int, x: Int, y: Int, side: Int = 256) throws -> [UInt8] {
        let (r, g, b) = colour(z: z, x: x, y: y)
        var bytes = [UInt8](repeating: 255, count: side * side * 4)
        for i in stride(from: 0, to: bytes.count, by: 4) {
            bytes[i] = r
            bytes[i + 1] = g
            bytes[i + 2] = b
        }
        let pixmap = try #require(Pixmap(width: side, height: side, premultipliedData: bytes))
        return try PNGEncoder(options: .init(format: .rgba)).encode(pixmap)
    }

    static func metadata(bounds: BoundingBox = BoundingBox(minX: 44, minY: 24, maxX: 90, maxY: 56), minZoom: Int = 0,
                         maxZoom: Int = 4) -> MBTilesMetadata {
        MBTilesMetadata(name: "Test tiles", description: "solid colours", attribution: "nobody", bounds: bounds,
                        minZoom: minZoom, maxZoom: maxZoom, style: "test", scale: 1, extra: ["bordermap:note": "test"])
    }

    static func newFile(_ name: String = "t.mbtiles") throws -> String {
        try Tool.temporaryDirectory("tilecache").appendingPathComponent(name).path
    }

    /// Rows of `sql` on `path`, read by python3's sqlite3 module, as tab-separated text lines.
    static func sqlite(_ path: String, _ sql: String) throws -> [String] {
        let script = """
            import sqlite3, sys
            con = sqlite3.connect(sys.argv[1])
            for row in con.execute(sys.argv[2]):
                print("\\t".join("" if v is None else (v.hex() if isinstance(v, bytes) else str(v)) for v in row))
            con.commit()
            """
        let r = try Tool.run(["python3", "-c", script, path, sql])
        guard r.status == 0 else { throw ToolFailure(message: r.stderr) }
        return r.output.split(separator: "\n").map(String.init)
    }

    struct ToolFailure: Error { var message: String }
}
