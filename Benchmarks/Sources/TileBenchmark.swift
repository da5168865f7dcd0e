import Foundation
import GeoCore
import GeoProjection
import MapRenderer
import PNGCodec

/// `bordermap-bench tiles STYLE_FILE DATA_DIR Z0 Z1 W,S,E,N OUT_DIR`: renders and encodes every
/// tile of the box at zooms Z0...Z1 on one thread, writes them as OUT_DIR/z/x/y.png, and prints
/// JSON: tile count, seconds rendering, seconds encoding, total bytes. The style and data are
/// loaded before the clock starts, as Mapnik's map is in compare-mapnik.
enum TileBenchmark {
    static func run(_ args: [String]) throws {
        guard args.count == 7, let z0 = Int(args[3]), let z1 = Int(args[4]), let box = BoundingBox(parsing: args[5]) else {
            print("usage: bordermap-bench tiles STYLE_FILE DATA_DIR Z0 Z1 W,S,E,N OUT_DIR")
            exit(2)
        }
        let renderer = try MapRenderer(styleFile: URL(fileURLWithPath: args[1]), dataDirectory: URL(fileURLWithPath: args[2]))
        let out = args[6]
        let encoder = MapRenderer.tileEncoder
        var renderSeconds = 0.0, encodeSeconds = 0.0, bytes = 0, count = 0
        for z in z0...z1 {
            for tile in try WebMercator.tiles(covering: box, zoom: z) {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let pixmap = try renderer.renderTile(tile)
                let t1 = DispatchTime.now().uptimeNanoseconds
                let png = try encoder.encode(pixmap)
                let t2 = DispatchTime.now().uptimeNanoseconds
                renderSeconds += Double(t1 - t0) / 1e9
                encodeSeconds += Double(t2 - t1) / 1e9
                bytes += png.count
                count += 1
                let dir = "\(out)/\(tile.z)/\(tile.x)"
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                try Data(png).write(to: URL(fileURLWithPath: "\(dir)/\(tile.y).png"))
            }
        }
        let result: [String: Any] = ["tiles": count, "render_seconds": renderSeconds, "encode_seconds": encodeSeconds, "bytes": bytes]
        print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self))
    }
}
