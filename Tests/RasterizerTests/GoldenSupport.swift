import Foundation
import TestSupport
import Rasterizer
import Testing

/// The Rasterizer tests' golden images: Tests/RasterizerTests/Golden/<folder>/<name>.
enum RasterizerGolden {
    static func check(_ image: Pixmap, _ name: String, tolerance: GoldenImage.Tolerance = .strict) throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let problem = try GoldenImage.check(image, name: name, sourceDirectory: source,
                                            bundledDirectory: Bundle.module.url(forResource: "Golden", withExtension: nil),
                                            tolerance: tolerance)
        #expect(problem == nil, "\(problem ?? "")")
    }
}
