import Foundation
import PNGCodec
import Rasterizer
import Testing

/// Encoder timing and size table behind the defaults documented on `PNGEncoder`. Skipped unless
/// BORDERMAP_PNG_BENCH=1; meaningful only in a release build:
/// `BORDERMAP_PNG_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter EncoderBenchmark`.
@Suite("PNG encoder benchmark", .enabled(if: ProcessInfo.processInfo.environment["BORDERMAP_PNG_BENCH"] == "1"))
struct EncoderBenchmark {
    /// Median of per-call times over n calls, in ms (robust on a shared, loaded machine).
    func median(_ n: Int, _ body: () throws -> Void) rethrows -> Double {
        try body()
        var ts: [Double] = []
        for _ in 0..<n {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            ts.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        return ts.sorted()[n / 2]
    }

    @Test func levelsAndFilters() throws {
        let images: [(String, Pixmap)] = [
            ("simple map tile", TestImages.mapTile(aaLevels: 4)),
            ("detailed map tile", TestImages.detailedTile()),
            ("heatmap translucent", TestImages.heatmap()),
        ]
        let filters: [(String, PNGEncoder.Filter)] = [("none", .none), ("sub", .sub), ("up", .up), ("paeth", .paeth), ("adaptive", .adaptive)]
        let formats: [(String, PNGEncoder.Format)] = [("rgba", .rgba), ("auto", .auto), ("pal256", .palette(maxColors: 256))]
        for (name, pm) in images {
            print("== \(name)")
            for (fname, format) in formats {
                for level in [1, 2, 3, 4, 5, 6, 9] {
                    var line = "\(fname) L\(level):"
                    for (flt, filter) in filters {
                        let enc = PNGEncoder(options: .init(format: format, compressionLevel: level, truecolorFilter: filter, paletteFilter: filter))
                        var size = 0
                        let ms = try median(41) { size = try enc.encode(pm).count }
                        line += String(format: "  %@ %d B %.3f ms", flt, size, ms)
                    }
                    print(line)
                }
            }
            let png = try PNGEncoder().encode(pm)
            let enc = try median(101) { _ = try PNGEncoder().encode(pm) }
            let dec = try median(101) { _ = try PNGDecoder().decode(png) }
            print(String(format: "default encode %d B %.3f ms, decode %.3f ms", png.count, enc, dec))
        }
    }
}
