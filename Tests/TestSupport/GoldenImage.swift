import Foundation
import PNGCodec
import Rasterizer

/// Golden-image comparison shared by the test targets: compares a rendered pixmap with a PNG
/// committed beside the tests. With BORDERMAP_UPDATE_GOLDEN=1 it rewrites that PNG instead and
/// still reports a problem, so a run that updates goldens never passes: every golden image must
/// be looked at by a person, and the tests run again (after a rebuild, which copies the new
/// images into the test bundle), before it is committed.
public enum GoldenImage {
    /// How far a rendering may stray from its golden image. Three limits, all of which must hold:
    /// the mean difference, the share of pixels off by more than `pixelThreshold`, and the
    /// largest difference of any one pixel. The last one is what catches a small missing or
    /// extra feature (a 3 × 3 town dot is 9 pixels of 65,536 in a tile: far below any share or
    /// mean limit, but those pixels differ by most of the colour range).
    public struct Tolerance: Sendable {
        /// Largest allowed mean absolute difference per channel (0-255).
        public var mean: Double
        /// Channel difference above which a pixel counts as "off".
        public var pixelThreshold: Int
        /// Largest allowed fraction of "off" pixels.
        public var offFraction: Double
        /// Largest allowed channel difference in any single pixel (0-255).
        public var maxDifference: Int

        public init(mean: Double, pixelThreshold: Int, offFraction: Double, maxDifference: Int) {
            self.mean = mean
            self.pixelThreshold = pixelThreshold
            self.offFraction = offFraction
            self.maxDifference = maxDifference
        }

        /// Geometry scenes: max channel difference 2, mean 0.05.
        public static let strict = Tolerance(mean: 0.05, pixelThreshold: 2, offFraction: 0, maxDifference: 2)
        /// Text and maps: mean 0.5, at most 0.5 % of pixels off by more than 48, and no pixel
        /// off by more than 96. (The map renders drift from their goldens by up to 66 in one
        /// pixel, the static map's labels; a missing town dot or label differs by about 200.)
        public static let text = Tolerance(mean: 0.5, pixelThreshold: 48, offFraction: 0.005, maxDifference: 96)
    }

    /// Whether this run rewrites the golden images (BORDERMAP_UPDATE_GOLDEN=1).
    public static var updateRequested: Bool {
        ProcessInfo.processInfo.environment["BORDERMAP_UPDATE_GOLDEN"] == "1"
    }

    /// The outcome of a comparison: nil when it passed, else why not. When `update` is set
    /// (by default from BORDERMAP_UPDATE_GOLDEN=1) the golden PNG is rewritten from `image` and
    /// the answer is a problem too, so that the run fails until it is repeated without updating.
    /// - Parameters:
    ///   - sourceDirectory: the Golden/ folder in the source tree (rewritten on update).
    ///   - bundledDirectory: the Golden/ folder copied into the test bundle (compared with).
    ///   - name: path below Golden/, e.g. `fills/rects@1x.png`.
    public static func check(_ image: Pixmap, name: String, sourceDirectory: URL, bundledDirectory: URL?,
                             tolerance: Tolerance, update: Bool = updateRequested) throws -> String? {
        if update {
            let target = sourceDirectory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(PNGEncoder(options: .init(format: .rgba)).encode(image)).write(to: target)
            return "golden \(name) rewritten (BORDERMAP_UPDATE_GOLDEN=1): look at \(target.path), then rebuild and run "
                + "the tests again without BORDERMAP_UPDATE_GOLDEN"
        }
        guard let golden = try load(name, from: bundledDirectory) else {
            return "missing golden \(name); run with BORDERMAP_UPDATE_GOLDEN=1 and look at it"
        }
        return compare(image, with: golden, name: name, tolerance: tolerance)
    }

    /// The golden image `name` from `directory`, or nil when there is no such file.
    /// - Throws: `PNGError` when the file is not a PNG.
    public static func load(_ name: String, from directory: URL?) throws -> Pixmap? {
        guard let url = directory?.appendingPathComponent(name), let bytes = try? Data(contentsOf: url) else { return nil }
        return try PNGDecoder().decode([UInt8](bytes))
    }

    /// nil when `image` is within `tolerance` of `golden`, else what is wrong (for `name`).
    public static func compare(_ image: Pixmap, with golden: Pixmap, name: String, tolerance: Tolerance) -> String? {
        guard golden.width == image.width, golden.height == image.height else {
            return "\(name): size \(image.width)x\(image.height), golden \(golden.width)x\(golden.height)"
        }
        var total = 0, off = 0, worst = 0, worstAt = (x: 0, y: 0)
        for px in 0..<(image.width * image.height) {
            var pixelWorst = 0
            for c in 0..<4 {
                let d = abs(Int(image.data[px * 4 + c]) - Int(golden.data[px * 4 + c]))
                total += d
                pixelWorst = max(pixelWorst, d)
            }
            if pixelWorst > worst {
                worst = pixelWorst
                worstAt = (px % image.width, px / image.width)
            }
            if pixelWorst > tolerance.pixelThreshold { off += 1 }
        }
        let mean = Double(total) / Double(image.data.count)
        let fraction = Double(off) / Double(image.width * image.height)
        guard mean <= tolerance.mean, fraction <= tolerance.offFraction, worst <= tolerance.maxDifference else {
            return "\(name): mean abs difference \(mean) (limit \(tolerance.mean)), \(off) pixels off by > "
                + "\(tolerance.pixelThreshold) (limit \(Int(tolerance.offFraction * Double(image.width * image.height)))), "
                + "largest difference \(worst) at x=\(worstAt.x), y=\(worstAt.y) (limit \(tolerance.maxDifference))"
        }
        return nil
    }
}
