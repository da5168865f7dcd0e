import Foundation
import Hummingbird
import HummingbirdCore
import IncidentStore
import Logging
import MapRenderer
import NIOCore
import TileCache

/// The BorderMap HTTP server (DESIGN.md "HTTP"): tiles, TileJSON, WMTS, static maps, GeoJSON,
/// incident uploads, health and metrics, the viewer page and the API description
/// (`/openapi.json`), over one incident store.
public struct TileServer: Sendable {
    public let configuration: ServerConfiguration
    let catalog: StyleCatalog
    let tiles: TileService
    let metrics: ServerMetrics
    let store: any IncidentStoring
    let logger: Logger
    let attribution: String?

    /// Loads the styles and their data and opens the caches.
    /// - Throws: `ServerSetupError` when no style loads; the file system's error when the
    ///   styles folder cannot be listed; `MBTilesError` for an unusable cache file; the
    ///   store's error when its data version cannot be read.
    public init(configuration: ServerConfiguration, store: any IncidentStoring, logger: Logger = Logger(label: "bordermap.serve")) async throws {
        self.configuration = configuration
        self.store = store
        self.logger = logger
        catalog = try StyleCatalog(directory: configuration.stylesDirectory, dataDirectory: configuration.dataDirectory, logger: logger)
        guard !catalog.all.isEmpty else {
            let reasons = catalog.problems.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; ")
            throw ServerSetupError("no style in \(configuration.stylesDirectory.path) loads" + (reasons.isEmpty ? "" : ": \(reasons)"))
        }
        metrics = ServerMetrics()
        attribution = Attribution.line(dataDirectory: configuration.dataDirectory.path)
        let monitor = DataVersionMonitor(store: store, interval: configuration.dataVersionPollSeconds, logger: logger)
        try await monitor.refresh()
        var mbtiles: MBTilesStore?
        if let path = configuration.mbtilesPath {
            let first = catalog.all[0]
            mbtiles = try MBTilesStore(path: path, metadata: MBTilesMetadata(
                name: "BorderMap \(first.title)", description: "tiles cached by bordermap serve", attribution: attribution,
                bounds: first.bounds, minZoom: 0, maxZoom: RequestParameters.maxZoom, style: first.name))
        }
        tiles = TileService(memory: MemoryTileCache(capacityBytes: configuration.memoryCacheBytes), mbtiles: mbtiles,
                            pool: RenderPool(threads: configuration.renderThreads, queueLimit: configuration.renderQueueLimit),
                            analysis: AnalysisLayerData(store: store, dataDirectory: configuration.dataDirectory), dataVersion: monitor, metrics: metrics, logger: logger,
                            storeMaxZoom: configuration.mbtilesStoreMaxZoom, storeMaxBytes: configuration.mbtilesStoreMaxBytes)
    }

    /// The routes and middleware.
    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let auth = authorization
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: ResponseHeadersMiddleware(protectReads: configuration.protectReads))
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: ReadAuthorizationMiddleware(auth: auth))
        let tileRoutes = TileRoutes(catalog: catalog, tiles: tiles, configuration: configuration)
        tileRoutes.register(on: router)
        MetadataRoutes(catalog: catalog, configuration: configuration, attribution: attribution).register(on: router)
        StaticMapRoutes(tileRoutes: tileRoutes, configuration: configuration, attribution: attribution).register(on: router)
        AnalysisRoutes(store: store, pool: tiles.pool).register(on: router)
        let routeRoutes = RouteRoutes(network: RoadNetworkService.shared(for: configuration), pool: tiles.pool)
        routeRoutes.register(on: router)
        GeoJSONRoutes(store: store, layers: ShapefileLayers(directory: configuration.dataDirectory),
                      streams: StreamLimit(limit: configuration.maxGeoJSONStreams), metrics: metrics, routes: routeRoutes).register(on: router)
        IncidentUploadRoute(store: store, auth: auth, dataVersion: tiles.dataVersion, maxBodyBytes: configuration.maxBodyBytes,
                            landCheck: LandCheck.load(dataDirectory: configuration.dataDirectory.path).test,
                            pool: RenderPool(threads: configuration.concurrentUploads, queueLimit: configuration.uploadQueueLimit))
            .register(on: router)
        HealthRoutes(catalog: catalog, tiles: tiles, metrics: metrics).register(on: router)
        ViewerRoutes(leafletDirectory: configuration.leafletDirectory, auth: auth).register(on: router)
        OpenAPIRoute(configuration: configuration).register(on: router)
        return router
    }

    /// The token checks of this server's configuration.
    var authorization: BearerAuthorization {
        BearerAuthorization(writeTokens: configuration.writeTokens, readTokens: configuration.readTokens, protectReads: configuration.protectReads)
    }

    /// The `Server` header of every response.
    static let serverName = "BorderMap"

    /// The Hummingbird application, with the data-version poller and the style watcher as
    /// services; `onRunning` gets the bound port (useful with port 0).
    /// Slow clients: headers or keep-alive idle past `idleTimeoutSeconds`, and transfers slower
    /// than `minimumBytesPerSecond` (`SlowClientGuard`), are closed; at most `maxConnections`
    /// connections are open at once. Tiles in the memory cache (and 304s) are answered on the
    /// event loop (`CachedTileHandler`), everything else by the router.
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        application(answeringCachedTiles: true, onRunning: onRunning)
    }

    /// The application; `answeringCachedTiles` false leaves every request to the router (tests
    /// compare the two paths' answers byte for byte).
    func application(answeringCachedTiles: Bool, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let requestLog = configuration.logRequests ? logger : nil
        let cachedTiles = CachedTileResponder(routes: TileRoutes(catalog: catalog, tiles: tiles, configuration: configuration),
                                              auth: authorization, logger: requestLog, serverName: Self.serverName)
        let limits = SlowClientGuard.Limits(window: .nanoseconds(Int64(max(0, configuration.stallWindowSeconds) * 1e9)),
                                            minimumBytesPerSecond: max(0, configuration.minimumBytesPerSecond))
        return Application(
            router: RequestLog(base: HeadAsGet(router: router()), logger: requestLog),  // HEAD on every GET route
            server: .http1(configuration: .init(additionalChannelHandlers: [SlowClientGuard(limits) { [metrics] in metrics.slowClientClosed() }],
                                                idleTimeout: .seconds(configuration.idleTimeoutSeconds)),
                          cachedTiles: answeringCachedTiles ? cachedTiles : nil),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: Self.serverName,
                                 availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)),
            services: [MBTilesShutdown(store: tiles.mbtiles, logger: logger),  // first: shut down last, after the server
                       BackgroundLoop { await tiles.dataVersion.run() },
                       BackgroundLoop { [catalog, configuration] in await catalog.watch(interval: configuration.styleReloadSeconds) }],
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// Serves until SIGINT or SIGTERM.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await application(onRunning: onRunning).runService()
    }
}

/// A setup problem that keeps the server from starting.
public struct ServerSetupError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
