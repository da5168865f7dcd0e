import Foundation
import GeoFormats
import Hummingbird
import HummingbirdTesting
import IncidentStore
import Logging
import TestSupport
import Testing
@testable import TileServer

/// A server over the repository's Shapefiles/, a styles folder with `situation-room` (draws
/// incidents) and `basemap` (the same style without its analysis layers), and a fresh SQLite
/// incident store of seeded demo incidents.
struct ServerFixture {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let data = repo.appendingPathComponent("Shapefiles")
    static let writeToken = "test-token-4f1d"

    let directory: URL
    let styles: URL
    let store: SQLiteIncidentStore
    let server: TileServer

    /// - Parameters:
    ///   - extraStyles: more style files (name without `.json` → JSON text) for the styles folder.
    ///   - adjust: changes to the configuration before the server starts.
    ///   - logger: the server's logger (its request log, when `adjust` turns that on).
    init(incidents: Int = 2_000, extraStyles: [String: String] = [:], logger: Logger = Logger(label: "bordermap.serve"),
         adjust: (inout ServerConfiguration) -> Void = { _ in }) async throws {
        directory = try Tool.temporaryDirectory("bordermap-server")
        styles = directory.appendingPathComponent("styles")
        try FileManager.default.createDirectory(at: styles, withIntermediateDirectories: true)
        try Self.writeStyles(to: styles)
        for (name, json) in extraStyles {
            try Data(json.utf8).write(to: styles.appendingPathComponent("\(name).json"))
        }
        store = try SQLiteIncidentStore(path: directory.appendingPathComponent("incidents.sqlite").path)
        if incidents > 0 {
            var records: [IncidentRecord] = []
            try DemoIncidents.forEach(count: incidents, seed: 11, dataDirectory: Self.data) { records.append($0) }
            _ = try await store.insert(records)
        }
        var config = ServerConfiguration(stylesDirectory: styles, dataDirectory: Self.data)
        config.port = 0
        config.writeTokens = [Self.writeToken]
        config.dataVersionPollSeconds = 0.2
        config.styleReloadSeconds = 0.3
        config.logRequests = false  // the request log has tests of its own (RequestLogTests, ServeConfigAndLogTests)
        adjust(&config)
        server = try await TileServer(configuration: config, store: store, logger: logger)
    }

    /// situation-room.json as shipped, and basemap.json: the same without layers on analysis sources.
    static func writeStyles(to folder: URL) throws {
        let original = try Data(contentsOf: repo.appendingPathComponent("Styles/situation-room.json"))
        try original.write(to: folder.appendingPathComponent("situation-room.json"))
        guard var style = try JSONSerialization.jsonObject(with: original) as? [String: Any],
              let sources = style["sources"] as? [String: [String: Any]], let layers = style["layers"] as? [[String: Any]] else {
            throw FixtureError("Styles/situation-room.json is not a style object")
        }
        let shapefiles = sources.filter { $0.value["type"] as? String == "shapefile" }
        style["sources"] = shapefiles
        style["layers"] = layers.filter { layer in (layer["source"] as? String).map { shapefiles[$0] != nil } ?? true }
        style["name"] = "Basemap"
        try JSONSerialization.data(withJSONObject: style, options: [.sortedKeys]).write(to: folder.appendingPathComponent("basemap.json"))
    }

    /// Runs `body` against the application in memory (no sockets).
    func withRouter<T: Sendable>(_ body: @Sendable @escaping (any TestClientProtocol) async throws -> T) async throws -> T {
        try await server.application().test(.router) { client in try await body(client) }
    }

    /// Runs `body` against the application listening on 127.0.0.1 (a free port, passed in).
    func withLiveServer<T: Sendable>(_ body: @Sendable @escaping (any TestClientProtocol, Int) async throws -> T) async throws -> T {
        try await server.application().test(.live) { client in try await body(client, client.port ?? 0) }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var bytes: [UInt8] { Array(buffer: body) }
    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw FixtureError("not a JSON object: \(text.prefix(200))")
        }
        return object
    }
}
