import ArgumentParser
import Foundation
import GeoCore
import GeoProjection
import IncidentStore
import MapRenderer
import MapStyle
import Synchronization
import TileCache
import TileServer

/// `bordermap seed`: pre-renders a style's tiles into an MBTiles file, resumably.
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Pre-render a style's tiles into an MBTiles file (resumes where a previous run stopped).",
        discussion: """
        Renders every XYZ tile of the zoom range that touches --bbox (default: the extent of the
        style's data) on all cores, and commits them in batches to an MBTiles 1.3 file that GDAL
        and QGIS open (`gdalinfo tiles.mbtiles`). Each tile is stored with the key it was
        rendered from (the fingerprint of the style file, the shapefiles, GeoJSON and font files
        it draws from and the renderer version, and, for zoom levels that show incident layers,
        the incident database's data version): a re-run renders only tiles that are missing or
        stale and says how many it skipped; after an edit of the style or its data every tile
        is rendered again.

        Incident-dependent styles take the data version of --db, else of ./incidents.sqlite if
        it exists, else 0 (the version of an empty database).

        Examples:
          bordermap seed --style situation-room --zoom 0-8 --out situation-room.mbtiles
          bordermap seed --style report --zoom 5-10 --bbox 66,36,76,42 --scale 2 --out report@2x.mbtiles
        """
    )

    @Option(help: "Style name (a file in --styles, without .json) or a path to a style file.")
    var style: String

    @Option(help: "Zoom levels: 'MIN-MAX' or one level, within 0-22.")
    var zoom: String

    @Option(help: "Area as W,S,E,N in degrees (default: the extent of the style's data).")
    var bbox: String?

    @Option(help: "Pixel ratio: 1 (256 px tiles) or 2 (512 px, @2x).")
    var scale: Int = 1

    @Option(help: "The MBTiles file to create or continue.")
    var out: String

    @OptionGroup var styles: StylesFolderOption

    @OptionGroup var data: DataFolderOption

    @Option(help: "Incident database whose data version keys incident-dependent tiles.")
    var db: String?

    @Option(help: "Rendering threads (default: all cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    /// More tiles than this is refused: it would take days and fill a disk.
    static let maxTiles = 10_000_000

    func validate() throws {
        _ = try Self.zoomRange(zoom)
        if let bbox { _ = try Self.area(bbox) }
        guard scale == 1 || scale == 2 else { throw ValidationError("--scale must be 1 or 2, got \(scale)") }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        if let db, !FileManager.default.fileExists(atPath: db) { throw ValidationError("no incident database at \(db)") }
    }

    func run() throws {
        do {
            try seed()
        } catch {
            throw CleanExit.message(for: error)
        }
    }

    private func seed() throws {
        let zooms = try Self.zoomRange(zoom)
        let styleURL = try StyleLocator.url(style, in: styles.path)
        let styleName = styleURL.deletingPathExtension().lastPathComponent
        let decoded = try Style.load(contentsOf: styleURL)
        let dataURL = data.url
        // The key the server computes for the same files: the fingerprint of the style, its data
        // and font files (stamped before they are read) and the renderer version.
        let inputs = AnalysisLayerData.inputs(of: decoded.style, styleDirectory: styleURL.deletingLastPathComponent(),
                                              dataDirectory: dataURL)
        let styleHash = inputs.fingerprint()
        let renderer = try MapRenderer(style: decoded.style, styleDirectory: styleURL.deletingLastPathComponent(),
                                       dataDirectory: dataURL, warnings: decoded.warnings.map(\.description))
        for w in renderer.warnings { Terminal.error("style warning: \(w)") }
        let area = try bbox.map(Self.area) ?? renderer.dataBounds ?? Self.centralAsia
        let ranges = try zooms.map { try WebMercator.tiles(covering: area, zoom: $0) }
        let count = ranges.reduce(0) { $0 + $1.count }
        guard count <= Self.maxTiles else {
            throw ValidationError("\(count) tiles is more than \(Self.maxTiles); narrow --zoom or --bbox")
        }

        let (incidents, version) = try incidentStore(for: renderer.style)
        let analysis = incidents.map { AnalysisLayerData(store: $0, dataDirectory: data.url) }
        let style = renderer.style, scale = self.scale
        let key: @Sendable (TileCoordinate) -> TileKey = { t in
            TileKey(style: styleName, styleHash: styleHash,
                    dataVersion: style.dependsOnIncidents(atZoom: Double(t.z)) ? version : nil, z: t.z, x: t.x, y: t.y, scale: scale)
        }
        let store = try openStore(style: styleName, title: renderer.style.name, area: area, zooms: zooms, fingerprint: styleHash)

        let progress = SharedProgress(Progress(label: "seeding \(styleName)", total: 0, rateUnit: "tiles"))
        let seeder = TileSeeder(ranges: ranges, key: key, render: { k in
            let tile = try TileCoordinate(z: k.z, x: k.x, y: k.y)
            var supplied = SuppliedFeatures()
            // Incident-dependent zooms draw the analysis layers as the server does (same key, same pixels).
            if let analysis, let version = k.dataVersion {
                let bounds = renderer.dataQueryBounds(for: try Viewport(tile: tile, pixelRatio: Double(k.scale)))
                supplied = try runBlocking {
                    try await analysis.supplied(for: renderer, bounds: bounds, zoom: Double(k.z), dataVersion: version)
                }
            }
            return try renderer.renderTilePNG(tile, pixelRatio: Double(k.scale), supplied: supplied)
        }, workers: workers)
        let report = try seeder.run(into: store) { p in
            progress.bar.withLock { bar in
                if bar.total != p.toRender { bar = Progress(label: bar.label, total: p.toRender, rateUnit: "tiles") }
                bar.update(p.rendered)
            }
        }
        progress.bar.withLock { $0.finish() }
        try store.close()
        do {
            try MBTilesStore.useRollbackJournal(path: out)
        } catch {
            // Another process (a tile server using it as its cache) has it open: the tiles are
            // committed all the same; the file just stays in WAL mode.
            Terminal.error("note: \(out) stays in WAL mode (\(error)); its tiles are all committed")
        }
        print(Self.summary(report, out: out, zooms: zooms, area: area, style: styleName, version: version))
    }

    /// The incident store whose analysis layers the tiles draw and whose data version keys them
    /// (nil for a basemap style, or when there is no database: then version 0, an empty one).
    private func incidentStore(for style: Style) throws -> (store: SQLiteIncidentStore?, version: Int64?) {
        guard style.dependsOnIncidents else { return (nil, nil) }
        let path = db ?? (FileManager.default.fileExists(atPath: "incidents.sqlite") ? "incidents.sqlite" : nil)
        guard let path else {
            Terminal.error("note: no incident database (--db); incident layers are empty, keyed as data version 0")
            return (nil, 0)
        }
        let store = try SQLiteIncidentStore(path: path)
        return (store, try runBlocking { try await store.dataVersion() })
    }

    /// The metadata row holding the fingerprint (`RenderInputs.fingerprint`, 16 hex digits)
    /// the file's tiles of its style were last seeded with.
    static let fingerprintKey = "bordermap:fingerprint"

    /// Opens (or creates) the output file and widens its metadata to what this run covers.
    /// When the file was seeded with another fingerprint (the style, a data or font file or the
    /// renderer changed since), says so: every tile of this run is rendered again, as its key
    /// differs from the stored tile's (tiles outside this run's zooms and area keep their old
    /// key, which the tile server never serves).
    private func openStore(style: String, title: String?, area: BoundingBox, zooms: ClosedRange<Int>,
                           fingerprint: UInt64) throws -> MBTilesStore {
        var meta = MBTilesMetadata(
            name: title ?? style, description: "BorderMap style '\(style)', pre-rendered by bordermap seed",
            attribution: Attribution.line(dataDirectory: data.path), bounds: area, minZoom: zooms.lowerBound,
            maxZoom: zooms.upperBound, style: style, scale: scale)
        let store = try MBTilesStore(path: out, metadata: meta)
        let stored = try store.metadata()
        guard stored.style == style, stored.scale == scale else {
            throw ValidationError("\(out) holds tiles of style '\(stored.style)' at scale \(stored.scale); seed '\(style)' at scale \(scale) into another file")
        }
        meta.bounds = stored.bounds.union(area)
        meta.minZoom = min(stored.minZoom, zooms.lowerBound)
        meta.maxZoom = max(stored.maxZoom, zooms.upperBound)
        meta.extra = stored.extra
        let hex = StyleFingerprint.hex(fingerprint)
        if let before = stored.extra[Self.fingerprintKey], before != hex {
            Terminal.error("note: \(out) was seeded from other inputs (fingerprint \(before), now \(hex): the style, its data or font files, or the renderer changed); its tiles are rendered again")
        }
        meta.extra[Self.fingerprintKey] = hex
        try store.updateMetadata(meta)
        return store
    }

    /// Central Asia (the sample data's extent), when a style has no shapefile data.
    static let centralAsia = BoundingBox(minX: 44, minY: 24, maxX: 90, maxY: 56)

    /// `MIN-MAX` or `Z`, within 0-22.
    static func zoomRange(_ text: String) throws -> ClosedRange<Int> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(parts.count), let low = parts[0], let high = parts.last ?? nil else {
            throw ValidationError("--zoom must be MIN-MAX or one level, e.g. 0-10, got '\(text)'")
        }
        guard (0...22).contains(low), (0...22).contains(high) else { throw ValidationError("--zoom \(text): levels must be within 0-22") }
        guard low <= high else { throw ValidationError("--zoom \(text): the first level must not exceed the second") }
        return low...high
    }

    /// W,S,E,N in degrees, with W < E and S < N, inside ±180 / ±85.0511 (Web Mercator's limit).
    static func area(_ text: String) throws -> BoundingBox {
        guard let box = BoundingBox(parsing: text) else {
            throw ValidationError("--bbox must be W,S,E,N in degrees with W <= E and S <= N, got '\(text)'")
        }
        guard box.minX >= -180, box.maxX <= 180, box.minY >= -WebMercator.maxLatitude, box.maxY <= WebMercator.maxLatitude else {
            throw ValidationError("--bbox \(text): longitudes must be within ±180 and latitudes within ±85.0511")
        }
        guard box.width > 0, box.height > 0 else { throw ValidationError("--bbox \(text) has no area") }
        return box
    }

    /// Degrees to 6 decimals (0.1 m), trailing zeros dropped.
    static func degrees(_ v: Double) -> String {
        var s = String(format: "%.6f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    static func summary(_ r: TileSeeder.Report, out: String, zooms: ClosedRange<Int>, area: BoundingBox, style: String,
                        version: Int64?) -> String {
        let rate = r.seconds > 0 ? Double(r.rendered) / r.seconds : 0
        let mb = String(format: "%.1f", Double(r.bytes) / 1_000_000)
        let v = version.map { ", incident data version \($0)" } ?? ""
        return """
            \(out): rendered \(r.rendered) tiles (\(mb) MB) in \(String(format: "%.1f", r.seconds)) s \
            (\(String(format: "%.1f", rate)) tiles/s), skipped \(r.skipped) already stored, \(r.total) in all; \
            style \(style)\(v), zoom \(zooms.lowerBound)-\(zooms.upperBound), \
            bbox \([area.minX, area.minY, area.maxX, area.maxY].map(degrees).joined(separator: ","))
            """
    }
}

/// A progress display updated from the seeding threads.
private final class SharedProgress: Sendable {
    let bar: Mutex<Progress>
    init(_ progress: Progress) { bar = Mutex(progress) }
}
