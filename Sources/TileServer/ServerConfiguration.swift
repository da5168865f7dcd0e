import Foundation

/// Everything `TileServer` needs to know, with the defaults of `bordermap serve`.
public struct ServerConfiguration: Sendable {
    /// Interface and TCP port to listen on; default 127.0.0.1:8080 (0 picks a free port).
    public var host = "127.0.0.1"
    public var port = 8080
    /// The folder of style files (`*.json`); each file is one style named after it.
    public var stylesDirectory: URL
    /// The folder of shapefiles (basemap layers, also served as GeoJSON layers).
    public var dataDirectory: URL
    /// Optional MBTiles file behind the memory cache (read and filled by the server).
    public var mbtilesPath: String?
    /// The memory tile cache's bound, bytes; default 256 MiB.
    public var memoryCacheBytes = 256 << 20
    /// Tiles rendered at once; default one per core.
    public var renderThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Renders waiting for a thread beyond which requests get 503 with Retry-After; default 64.
    public var renderQueueLimit = 64
    /// Largest accepted request body (POST /incidents), bytes; default 32 MiB.
    public var maxBodyBytes = 32 << 20
    /// Largest static map side in CSS pixels; default 4096 (`StaticMapRequest.maxCSSSide`).
    public var maxStaticSide = 4096
    /// Deepest zoom whose rendered tiles the server itself writes to the MBTiles file (deeper
    /// tiles stay in memory only; a seeded file may hold more); default 14.
    public var mbtilesStoreMaxZoom = 14
    /// Tile bytes beyond which the server stops writing rendered tiles to the MBTiles file (it
    /// still reads it); default 2 GiB.
    public var mbtilesStoreMaxBytes = 2 << 30
    /// Largest static map in device pixels (width × height × scale²); default 4096 × 4096, which
    /// holds a print-size report of 3500 × 2500 device pixels. Larger requests are refused (400)
    /// before any canvas is allocated.
    public var maxStaticDevicePixels = 4096 * 4096
    /// Static maps rendered at once, on their own pool apart from the tiles'; default 1.
    public var staticRenderThreads = 1
    /// Static maps waiting for that pool beyond which requests get 503 with Retry-After; default 4.
    public var staticQueueLimit = 4
    /// Bearer tokens allowed to write (POST /incidents). Empty: writing is refused (403).
    public var writeTokens: Set<String> = []
    /// When true, every route but `/health` also needs one of `writeTokens` or `readTokens`
    /// (as `Authorization: Bearer`, or the viewer cookie that `/?token=` sets).
    public var protectReads = false
    /// Tokens that may only read (when `protectReads` is set); they never allow writes.
    public var readTokens: Set<String> = []
    /// Seconds a connection may sit idle — between requests, or partway through a request's
    /// headers — before it is closed; default 30.
    public var idleTimeoutSeconds: Int64 = 30
    /// Open connections beyond which new ones wait in the listen backlog (so many slow clients
    /// cannot exhaust file descriptors); default 1024.
    public var maxConnections = 1024
    /// The window over which slow transfers are measured, seconds (`SlowClientGuard`): a client
    /// that the server waited on (to read a response, or to send the request body) for at
    /// least half the window and that moved fewer than `minimumBytesPerSecond` bytes per second
    /// of that wait is disconnected, so within two windows. 0 turns the check off; default 20.
    public var stallWindowSeconds = 20.0
    /// The slowest transfer rate a client may keep up while the server waits on it, bytes per
    /// second (see `stallWindowSeconds`); 0 closes only clients that move nothing in a window;
    /// default 1024 (as Apache's `mod_reqtimeout` minimum of 500 B/s, doubled).
    public var minimumBytesPerSecond = 1024
    /// `/geojson/incidents` and shapefile layer downloads streaming at once, beyond which
    /// requests get 503 with `Retry-After`; default 16.
    public var maxGeoJSONStreams = 16
    /// `POST /incidents` bodies received, parsed and stored at once (so at most this many
    /// × `maxBodyBytes` in memory); default 2.
    public var concurrentUploads = 2
    /// Uploads waiting for one of those slots beyond which requests get 503 with `Retry-After`
    /// (a waiting upload's body is not read yet); default 8.
    public var uploadQueueLimit = 8
    /// How often the incident store's data version is polled, seconds; default 0.5.
    public var dataVersionPollSeconds = 0.5
    /// How often the styles folder is checked for edited styles, and the styles' data and font
    /// files for changes (either gives the style's tiles new keys and ETags), seconds; default 2.
    public var styleReloadSeconds = 2.0
    /// `Cache-Control` max-age for tiles of styles without incident layers, seconds; default 1 day.
    public var basemapMaxAge = 86_400
    /// `Cache-Control` max-age for tiles of styles that draw incidents, seconds; default 5.
    public var incidentMaxAge = 5
    /// Road network (line shapefile or GeoJSON) for `/route` and `/reach`, loaded once at start
    /// (graph cached beside it). Nil (default): `ca_roads.shp` in `dataDirectory` when present.
    public var roadNetwork: URL?
    /// One log line per request (method, path, status, bytes, ms, request id; `RequestLog`);
    /// default on.
    public var logRequests = true
    /// Where Debian's libjs-leaflet installs Leaflet (served under /assets/leaflet/).
    public var leafletDirectory = URL(fileURLWithPath: "/usr/share/javascript/leaflet")

    public init(stylesDirectory: URL, dataDirectory: URL) {
        self.stylesDirectory = stylesDirectory
        self.dataDirectory = dataDirectory
    }

    /// The write tokens of a token file (see `TokenFile` for the format and read tokens).
    /// - Throws: `TokenFileError` when the file cannot be read or has a bad line.
    public static func tokens(fromFile path: String) throws -> Set<String> {
        try TokenFile(path: path).write
    }
}
