import Foundation
import GeoCore
import GeoFormats

/// The features of the data folder's `routes.geojson` (stored routes, for example written by
/// `bordermap route --out Shapefiles/routes.geojson`), which style sources of type `routes` draw.
/// Read on first use and read again whenever the file's modification time or size changes; a
/// missing or unreadable file gives no features.
final class StoredRoutes: Sendable {
    let file: URL?
    private let state = Locked<(stamp: String, features: [Feature])>(("", []))

    init(dataDirectory: URL?) {
        file = dataDirectory?.appendingPathComponent("routes.geojson")
    }

    /// The stored route features (lon/lat), current with the file.
    var features: [Feature] {
        guard let file, let attributes = try? FileManager.default.attributesOfItem(atPath: file.path) else { return [] }
        let stamp = "\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)/\(attributes[.size] as? Int ?? 0)"
        if let hit = state.withLock({ $0.stamp == stamp ? $0.features : nil }) { return hit }
        let features = (try? GeoJSONReader.read(contentsOf: file).features) ?? []
        state.withLock { $0 = (stamp, features) }
        return features
    }
}
