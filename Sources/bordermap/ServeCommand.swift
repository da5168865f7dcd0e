import ArgumentParser
import Foundation
import GeoFormats
import IncidentStore
import TileServer

/// `bordermap serve [--port 8080] [--host 127.0.0.1] [--db FILE] [--styles DIR] [--data DIR] [--cache FILE.mbtiles] ...`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve map tiles, static maps, GeoJSON and the wall-display viewer over HTTP.",
        discussion: """
        With no options: the styles of Styles/ over the shapefiles of Shapefiles/ (here, else in
        $BORDERMAP_SHARE, else in the installed share folder) and the incident database
        demo-incidents.sqlite, generated on first run (20,000 synthetic incidents, every one
        labelled source=synthetic); the viewer is at http://127.0.0.1:8080/. As a service:
        --config /etc/bordermap/bordermap.conf (`option = value` lines, see README.md "Running in
        production"); one log line per request on stderr (--log-format text|json).
        --db FILE or --postgres URL serve a real incident store instead; several servers can
        share one PostgreSQL database (each LISTENs for the others' writes).

        Routes: GET / (viewer; ?kiosk=1 for wall displays), /styles, /tiles/STYLE/Z/X/Y.png and
        @2x.png (?from=&to= for a time window), /tiles/STYLE.json (TileJSON 3.0.0),
        /wmts/1.0.0/WMTSCapabilities.xml, /static/STYLE/W,S,E,N/WxH.png and
        /static/STYLE/LON,LAT,ZOOM/WxH.png, /geojson/LAYER?bbox=&from=&to=, POST /incidents
        (GeoJSON or CSV, bearer token), /health, /metrics (Prometheus).

        Writing (POST /incidents) needs a bearer write token from --token-file or the
        BORDERMAP_TOKENS environment variable (comma-separated); without one the server is
        read-only. --protect-reads makes every route but /health need a token too: a write
        token or a read-only one (role `read` in the token file, or BORDERMAP_READ_TOKENS).
        Token file: one token a line, optionally followed by its role, `write` (default) or
        `read`; `#` starts a comment line. Tokens are never given on the command line (`ps`
        shows command lines to every user). Wall displays open the viewer once as
        http://HOST:PORT/?token=READTOKEN: the server swaps the token for an HttpOnly,
        SameSite=Strict cookie and drops it from the address.

        Tiles are cached in memory (--memory-cache MB) and, with --cache, in an MBTiles file
        (e.g. one made by `bordermap seed`). Cache keys carry each style's content hash and the
        incident data version, so an edited style or a new incident shows within seconds.
        On shutdown (SIGINT or SIGTERM) the MBTiles file is closed and switched back from WAL
        to a rollback journal, as `seed` leaves it: one self-contained file, no -wal or -shm.
        A POST /incidents that finds the incident database locked by another writer for more
        than 30 s is answered 503 with Retry-After: 5 (nothing stored).

        Examples:
          bordermap serve
          bordermap serve --host 0.0.0.0 --port 8080 --db incidents.sqlite --cache tiles.mbtiles --token-file tokens.txt
          bordermap serve --postgres postgres://bordermap@db.local/incidents --token-file tokens.txt
        """
    )

    @Option(help: "TCP port (0 picks a free one).")
    var port = 8080

    @Option(help: "Interface to listen on (0.0.0.0 for all).")
    var host = "127.0.0.1"

    /// `--db FILE | --postgres URL`; with neither (and no BORDERMAP_POSTGRES_URL) the demo database.
    @OptionGroup var store: StoreOptions

    @OptionGroup var styles: StylesFolderOption

    @OptionGroup var data: DataFolderOption

    @Option(help: "MBTiles file to read cached tiles from and store rendered ones in.")
    var cache: String?

    @Option(help: ArgumentHelp("Road network for /route and /reach (default: ca_roads.shp in --data when present).", valueName: "file"))
    var network: String?

    @Option(name: .customLong("memory-cache"), help: "Memory tile cache size, MB.")
    var memoryCacheMB = 256

    @Option(name: .customLong("render-threads"), help: "Tiles rendered at once (default: one per core).")
    var renderThreads: Int?

    @Option(name: .customLong("queue-limit"), help: "Renders allowed to wait; beyond it requests get 503 with Retry-After.")
    var queueLimit = 64

    @Option(name: .customLong("cache-max-zoom"), help: "Deepest zoom the server itself writes to the --cache file.")
    var cacheMaxZoom = 14

    @Option(name: .customLong("cache-max-mb"), help: "Tile megabytes beyond which the server stops writing to the --cache file.")
    var cacheMaxMB = 2048

    @Option(name: .customLong("static-max-pixels"), help: "Largest static map in device pixels (width × height × scale²).")
    var staticMaxPixels = 4096 * 4096

    @Option(name: .customLong("static-queue-limit"), help: "Static maps allowed to wait for their own render thread; beyond it 503.")
    var staticQueueLimit = 4

    @Option(name: .customLong("max-body"), help: "Largest POST /incidents body, MB.")
    var maxBodyMB = 32

    @Option(name: .customLong("idle-seconds"), help: "Seconds a connection may sit idle between requests or within a request's headers.")
    var idleSeconds: Int64 = 30

    @Option(name: .customLong("max-connections"), help: "Open connections beyond which new ones wait in the listen backlog.")
    var maxConnections = 1024

    @Option(name: .customLong("stall-seconds"), help: "Window for slow transfers: clients waited on for half of it moving less than --min-bytes-per-second are closed (0: off).")
    var stallSeconds = 20.0

    @Option(name: .customLong("min-bytes-per-second"), help: "Slowest transfer rate a client may keep up while the server waits on it.")
    var minBytesPerSecond = 1024

    @Option(name: .customLong("geojson-streams"), help: "GeoJSON downloads streaming at once; beyond it 503 with Retry-After.")
    var geojsonStreams = 16

    @Option(name: .customLong("concurrent-uploads"), help: "POST /incidents bodies received and stored at once.")
    var concurrentUploads = 2

    @Option(name: .customLong("upload-queue-limit"), help: "Uploads allowed to wait; beyond it 503 with Retry-After.")
    var uploadQueueLimit = 8

    @Option(name: .customLong("token-file"), help: "File of bearer tokens, one a line: TOKEN [write|read] (default write).")
    var tokenFile: String?

    @Flag(name: .customLong("protect-reads"), help: "Require a token for every route but /health.")
    var protectReads = false

    @Option(help: ArgumentHelp("Settings file: one `option = value` a line (e.g. port = 8080, protect-reads = true); options on the command line win.",
                               valueName: "file"))
    var config: String?

    @Option(name: .customLong("log-format"), help: ArgumentHelp("Log lines on stderr: text (logfmt) or json.", valueName: "text|json"))
    var logFormat = "text"

    @Flag(name: .customLong("request-log"), inversion: .prefixedNo, help: "One log line per request (method, path, status, bytes, ms, request id).")
    var requestLog = true

    static let demoDatabase = "demo-incidents.sqlite"
    static let demoCount = 20_000

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port \(port) is outside 0...65535") }
        guard memoryCacheMB >= 0, maxBodyMB > 0, queueLimit >= 0, staticQueueLimit >= 0, staticMaxPixels > 0, cacheMaxZoom >= 0,
              cacheMaxMB >= 0 else {
            throw ValidationError("--memory-cache, --max-body, --queue-limit, --static-queue-limit, --cache-max-zoom and --cache-max-mb must not be negative, --static-max-pixels positive")
        }
        if let renderThreads, renderThreads < 1 { throw ValidationError("--render-threads must be at least 1") }
        guard LogFormat(rawValue: logFormat) != nil else { throw ValidationError("--log-format must be text or json, not \(logFormat)") }
        guard idleSeconds > 0, maxConnections > 0, geojsonStreams > 0, concurrentUploads > 0 else {
            throw ValidationError("--idle-seconds, --max-connections, --geojson-streams and --concurrent-uploads must be at least 1")
        }
        guard stallSeconds >= 0, stallSeconds.isFinite, minBytesPerSecond >= 0, uploadQueueLimit >= 0 else {
            throw ValidationError("--stall-seconds, --min-bytes-per-second and --upload-queue-limit must not be negative")
        }
    }

    func run() throws {
        LogLineHandler.bootstrap(LogFormat(rawValue: logFormat) ?? .text)
        do {
            var config = ServerConfiguration(stylesDirectory: styles.url, dataDirectory: data.url)
            config.host = host
            config.port = port
            config.mbtilesPath = cache
            config.mbtilesStoreMaxZoom = cacheMaxZoom
            config.mbtilesStoreMaxBytes = cacheMaxMB << 20
            config.roadNetwork = network.map { URL(fileURLWithPath: $0) }
            config.memoryCacheBytes = memoryCacheMB << 20
            if let renderThreads { config.renderThreads = renderThreads }
            config.renderQueueLimit = queueLimit
            config.maxStaticDevicePixels = staticMaxPixels
            config.staticQueueLimit = staticQueueLimit
            config.maxBodyBytes = maxBodyMB << 20
            config.idleTimeoutSeconds = idleSeconds
            config.maxConnections = maxConnections
            config.stallWindowSeconds = stallSeconds
            config.minimumBytesPerSecond = minBytesPerSecond
            config.maxGeoJSONStreams = geojsonStreams
            config.concurrentUploads = concurrentUploads
            config.uploadQueueLimit = uploadQueueLimit
            let tokens = try tokens()
            config.writeTokens = tokens.write
            config.readTokens = tokens.read
            config.protectReads = protectReads
            config.logRequests = requestLog
            let store = try openStore()
            if config.writeTokens.isEmpty { Terminal.error("no bearer write tokens: POST /incidents is refused (see --token-file)") }
            if protectReads, config.writeTokens.isEmpty, config.readTokens.isEmpty {
                Terminal.error("--protect-reads without any token: every route but /health is refused (see --token-file)")
            }
            let configuration = config
            try runBlocking {
                let server = try await TileServer(configuration: configuration, store: store)
                try await server.run { port in
                    let shown = configuration.host == "0.0.0.0" ? "127.0.0.1" : configuration.host
                    FileHandle.standardOutput.write(Data("BorderMap serving \(configuration.stylesDirectory.path) on http://\(shown):\(port)/\n".utf8))
                }
            }
        } catch {
            throw CleanExit.message(for: error)
        }
    }

    /// Tokens from --token-file, BORDERMAP_TOKENS (write) and BORDERMAP_READ_TOKENS (read).
    func tokens() throws -> TokenFile {
        var tokens = try tokenFile.map { try TokenFile(path: $0) } ?? TokenFile()
        let environment = ProcessInfo.processInfo.environment
        func list(_ name: String) -> [String] {
            (environment[name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        tokens.write.formUnion(list("BORDERMAP_TOKENS"))
        tokens.read.formUnion(list("BORDERMAP_READ_TOKENS"))
        return tokens
    }

    /// The store named by --db or --postgres, or the demo database (generated when missing).
    func openStore() throws -> any IncidentStoring {
        if store.isGiven { return try store.open() }
        let exists = FileManager.default.fileExists(atPath: Self.demoDatabase)
        let demo = try SQLiteIncidentStore(path: Self.demoDatabase)
        let stored = exists ? try runBlocking { try await demo.count(matching: .all) } : 0
        if stored == 0 {
            Terminal.error("generating \(Self.demoCount) synthetic demo incidents into \(Self.demoDatabase) ...")
            let source = try DemoIncidentSource(count: Self.demoCount, seed: 1, years: 2021...2025, dataDirectory: data.url)
            let summary = try runBlocking { try await demo.insert(from: source) }
            Terminal.error("\(Self.demoDatabase): \(summary.stored) synthetic incidents")
        }
        return demo
    }
}
