import Foundation
import RouteAnalysis

/// The server's road network: loaded once per process and source file, in the background, as
/// soon as the server's routes are set up. Requests wait for the load to finish; when no network
/// is configured or the load failed they get 503.
final class RoadNetworkService: Sendable {
    /// The source file, nil when the server has none.
    let source: URL?
    private let loading: Task<Result<RoadNetwork, any Error>, Never>?

    private init(source: URL?) {
        self.source = source
        loading = source.map { url in
            Task.detached(priority: .utility) {
                do {
                    let network = try await RenderPool.offload {
                        try RoadNetwork.load(source: url, hierarchies: Set(RouteWeight.allCases))
                    }
                    return .success(network)
                } catch {
                    return .failure(error)
                }
            }
        }
    }

    private static let loaded = Locked<[String: RoadNetworkService]>([:])

    /// The service of `configuration`'s network: `roadNetwork`, else `ca_roads.shp` in the data
    /// folder when present. One load per file and process (servers in one process share it).
    static func shared(for configuration: ServerConfiguration) -> RoadNetworkService {
        let fallback = configuration.dataDirectory.appendingPathComponent("ca_roads.shp")
        let source = configuration.roadNetwork ?? (FileManager.default.fileExists(atPath: fallback.path) ? fallback : nil)
        let key = source?.standardizedFileURL.path ?? ""
        return loaded.withLock { table in
            if let s = table[key] { return s }
            let s = RoadNetworkService(source: source)
            table[key] = s
            return s
        }
    }

    /// The loaded network.
    /// - Throws: `APIError` 503 when there is no network or it could not be loaded.
    func network() async throws -> RoadNetwork {
        guard let loading else {
            throw APIError(.serviceUnavailable, "no road network",
                           "the server has no road network: start it with --network FILE or put ca_roads.shp in the data folder")
        }
        switch await loading.value {
        case .success(let n): return n
        case .failure(let e):
            throw APIError(.serviceUnavailable, "no road network", "the road network \(source?.lastPathComponent ?? "") did not load: \(e)")
        }
    }
}
