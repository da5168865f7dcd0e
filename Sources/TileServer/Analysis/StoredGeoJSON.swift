import Foundation
import GeoCore
import GeoFormats

/// The features of one GeoJSON file of the data folder, which `routes` sources
/// (`routes.geojson`, e.g. written by `bordermap route --out Shapefiles/routes.geojson`) and
/// `geojson` sources (`journeys.geojson`, `convoys.geojson`, …) draw. Read on first use and read
/// again whenever the file's modification time or size changes; a missing or unreadable file
/// gives no features.
final class StoredGeoJSON: Sendable {
    let file: URL?
    private let state = Locked<(stamp: String, features: [Feature])>(("", []))

    init(file: URL?) {
        self.file = file
    }

    /// The data folder's `routes.geojson`.
    static func routes(dataDirectory: URL?) -> StoredGeoJSON {
        StoredGeoJSON(file: dataDirectory?.appendingPathComponent("routes.geojson"))
    }

    /// The features (lon/lat), current with the file.
    var features: [Feature] {
        guard let file, let attributes = try? FileManager.default.attributesOfItem(atPath: file.path) else { return [] }
        let stamp = "\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)/\(attributes[.size] as? Int ?? 0)"
        if let hit = state.withLock({ $0.stamp == stamp ? $0.features : nil }) { return hit }
        let features = (try? GeoJSONReader.read(contentsOf: file).features) ?? []
        state.withLock { $0 = (stamp, features) }
        return features
    }

    /// The features whose bounding box meets `bounds`.
    func features(intersecting bounds: BoundingBox) -> [Feature] {
        features.filter { f in f.geometry?.boundingBox.map { $0.intersects(bounds) } ?? false }
    }
}
