import Foundation
import GeoCore
import GeoFormats
import GeoProjection
import GeoTopology

/// Errors loading the data a style refers to.
public struct RenderError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The features of one source, read once, projected to EPSG:3857, indexed by an STRtree, with
/// per-zoom simplified copies made on first use (tolerance a quarter of a CSS pixel at that zoom).
/// Thread-safe: the index and features are immutable; the simplification cache is locked.
final class LoadedSource: @unchecked Sendable {
    let name: String
    let features: [ProjectedFeature]
    private let tree: STRtree
    private let lock = NSLock()
    private var simplified: [Int: [ProjectedFeature?]] = [:]
    /// Zooms above this use the full-detail geometry.
    static let maxSimplifiedZoom = 14

    init(name: String, features: [ProjectedFeature]) {
        self.name = name
        self.features = features
        tree = STRtree(boxes: features.map(\.bounds))
    }

    /// Reads a shapefile (any CRS PROJ understands; WGS 84 when it has no `.prj`) into a source.
    /// - Throws: `FormatError`, `ProjectionError`.
    static func shapefile(name: String, path: String) throws -> LoadedSource {
        let collection = try ShapefileReader(path: path).readAll()
        var toLonLat: Transformer?
        if let text = collection.crs {
            let crs = try CRS(text)
            let wgs84 = try CRS.wgs84
            if !(try crs.isEquivalent(to: wgs84)) { toLonLat = try Transformer(from: crs, to: wgs84) }
        }
        var features: [ProjectedFeature] = []
        features.reserveCapacity(collection.features.count)
        for (i, f) in collection.features.enumerated() {
            guard var g = f.geometry else { continue }
            if let toLonLat { g = try g.transformed(by: toLonLat) }
            if let pf = ProjectedFeature(geometry: g, properties: f.properties, index: i,
                                         project: WebMercator.mercator(fromLonLat:)) {
                features.append(pf)
            }
        }
        return LoadedSource(name: name, features: features)
    }

    /// Features whose bounds meet `box` (EPSG:3857), simplified for `zoom`, in source order.
    func features(in box: BoundingBox, zoom: Double) -> [ProjectedFeature] {
        let hits = tree.query(box)
        let z = Int(zoom.rounded(.down))
        guard z <= Self.maxSimplifiedZoom else { return hits.map { features[$0] } }
        let level = simplifiedLevel(max(0, z))
        return hits.compactMap { level[$0] }
    }

    private func simplifiedLevel(_ z: Int) -> [ProjectedFeature?] {
        lock.lock()
        if let cached = simplified[z] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        // Computed outside the lock; two threads may both compute a level, with equal results.
        let tolerance = 0.25 * WebMercator.resolution(zoom: z)
        let level = features.map { $0.simplified(tolerance: tolerance) }
        lock.lock()
        simplified[z] = level
        lock.unlock()
        return level
    }
}
