import Foundation
import GeoCore
import GeoTopology
import Rasterizer

/// Tile label placements per integer zoom, computed on first use and kept (they depend only on
/// the style and the static sources). Thread-safe; two threads asking for a new zoom at once
/// may both compute it, with identical results.
final class LabelCache: @unchecked Sendable {
    struct Level {
        let labels: [PlacedLabel]
        let index: STRtree
    }

    private let lock = NSLock()
    private var levels: [Int: Level] = [:]

    func level(_ zoom: Int, compute: () -> [PlacedLabel]) -> Level {
        if let cached = lock.withLock({ levels[zoom] }) { return cached }
        let labels = compute()
        // Boxes in world px as BoundingBox with y down; only overlap tests use them.
        let level = Level(labels: labels, index: STRtree(boxes: labels.map {
            BoundingBox(minX: $0.box.minX, minY: $0.box.minY, maxX: $0.box.maxX, maxY: $0.box.maxY)
        }))
        lock.withLock { levels[zoom] = level }
        return level
    }
}
