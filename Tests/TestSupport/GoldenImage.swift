import Foundation
import PNGCodec
import Rasterizer

/// Golden-image comparison shared by the test targets: compares a rendered pixmap with a PNG
/// committed beside the tests, or rewrites that PNG when BORDERMAP_UPDATE_GOLDEN=1 is set.
/// Every golden image must be looked at by a person before it is committed.
public enum GoldenImage {
    /// How far a rendering may stray from its golden image.
    public struct Tolerance: Sendable {
        /// Largest allowed mean absolute difference per channel (0-255).
        public var mean: Double
        /// Channel difference above which a pixel counts as "off".
        public var pixelThreshold: Int
        /// Largest allowed fraction of "off" pixels.
        public var offFraction: Double

        public init(mean: Double, pixelThreshold: Int, offFraction: Double) {
            self.mean = mean
            self.pixelThreshold = pixelThreshold
            self.offFraction = offFraction
        }

        /// Geometry scenes: max channel difference 2, mean 0.05.
        public static let strict = Tolerance(mean: 0.05, pixelThreshold: 2, offFraction: 0)
        /// Text and maps: mean 0.5, at most 0.5 % of pixels off by more than 48.
        public static let text = Tolerance(mean: 0.5, pixelThreshold: 48, offFraction: 0.005)
    }

    /// The outcome of a comparison: nil when it passed or the golden was rewritten, else why not.
    /// - Parameters:
    ///   - sourceDirectory: the Golden/ folder in the source tree (rewritten on update).
    ///   - bundledDirectory: the Golden/ folder copied into the test bundle (compared with).
    ///   - name: path below Golden/, e.g. `fills/rects@1x.png`.
    public static func check(_ image: Pixmap, name: String, sourceDirectory: URL, bundledDirectory: URL?,
                             tolerance: Tolerance) throws -> String? {
        if ProcessInfo.processInfo.environment["BORDERMAP_UPDATE_GOLDEN"] == "1" {
            let target = sourceDirectory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(PNGEncoder(options: .init(format: .rgba)).encode(image)).write(to: target)
            return nil
        }
        guard let url = bundledDirectory?.appendingPathComponent(name), let bytes = try? Data(contentsOf: url) else {
            return "missing golden \(name); run with BORDERMAP_UPDATE_GOLDEN=1 and look at it"
        }
        let golden = try PNGDecoder().decode([UInt8](bytes))
        guard golden.width == image.width, golden.height == image.height else {
            return "\(name): size \(image.width)x\(image.height), golden \(golden.width)x\(golden.height)"
        }
        var total = 0, off = 0, worst = 0
        for px in 0..<(image.width * image.height) {
            var pixelWorst = 0
            for c in 0..<4 {
                let d = abs(Int(image.data[px * 4 + c]) - Int(golden.data[px * 4 + c]))
                total += d
                pixelWorst = max(pixelWorst, d)
            }
            worst = max(worst, pixelWorst)
            if pixelWorst > tolerance.pixelThreshold { off += 1 }
        }
        let mean = Double(total) / Double(image.data.count)
        let fraction = Double(off) / Double(image.width * image.height)
        guard mean <= tolerance.mean, fraction <= tolerance.offFraction else {
            return "\(name): mean abs difference \(mean), \(off) pixels off by > \(tolerance.pixelThreshold) (max \(worst))"
        }
        return nil
    }
}
