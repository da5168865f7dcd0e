import Foundation
import GeoCore
import GeoProjection
import MapStyle
import PNGCodec
import Rasterizer

/// Draws a style's layers for a viewport: an XYZ tile or a static map. Tiles and static maps go
/// through the same code; a tile's labels come from a per-zoom placement shared by all tiles
/// (see `LabelPlacement`), so neighbouring tiles agree.
///
/// Sources of type `shapefile` are read once at construction, projected to EPSG:3857 and
/// indexed; geometry is simplified per zoom to a quarter CSS pixel and clipped to the canvas
/// plus a 64 CSS px buffer. Sources of the analysis types (`incidents`, `density`, `hotspots`,
/// `routes`) are not read here: the caller supplies their features per render
/// (`SuppliedFeatures`, e.g. incidents from the store, Gi* cells, routes) and density surfaces
/// as grids (`SuppliedRaster`, drawn by heatmap layers); unsupplied, they draw nothing. Every
/// source answers the one `FeatureSource` call, and a source's `filter` is applied here. Symbol
/// layers label shapefile sources only (their placement is global per zoom, see above).
///
/// Deterministic: the same style, data and viewport always give the same pixels.
/// Thread-safe: render from any number of threads at once.
public final class MapRenderer: Sendable {
    public let style: Style
    /// Non-fatal problems found while loading (style warnings, unreadable sources).
    public let warnings: [String]
    let sources: [String: LoadedSource]
    let fonts: FontLibrary
    private let labelCache = LabelCache()

    /// Loads the style's data.
    /// - Parameters:
    ///   - styleDirectory: where the style file lives; relative source paths resolve against it.
    ///   - dataDirectory: searched by file name when a path does not resolve (e.g. Shapefiles/).
    /// - Throws: `RenderError` naming the source and file when a shapefile source cannot be read.
    public init(style: Style, styleDirectory: URL?, dataDirectory: URL?, fonts: FontLibrary = .shared,
                warnings: [String] = []) throws {
        self.style = style
        self.fonts = fonts
        var loaded: [String: LoadedSource] = [:]
        for (id, source) in style.sources.sorted(by: { $0.key < $1.key }) where source.kind == .shapefile {
            guard let path = source.path else { throw RenderError("source '\(id)': no path") }
            let file = try Self.resolve(path, styleDirectory: styleDirectory, dataDirectory: dataDirectory, source: id)
            do {
                loaded[id] = try LoadedSource.shapefile(name: id, path: file)
            } catch {
                throw RenderError("source '\(id)' (\(file)): \(error)")
            }
        }
        sources = loaded
        self.warnings = warnings
    }

    /// Decodes the style file at `url` and loads its data; style warnings go to `warnings`.
    /// - Throws: `StyleError` (with JSON paths) or `RenderError`.
    public convenience init(styleFile url: URL, dataDirectory: URL?, fonts: FontLibrary = .shared) throws {
        let decoded = try Style.load(contentsOf: url)
        try self.init(style: decoded.style, styleDirectory: url.deletingLastPathComponent(), dataDirectory: dataDirectory,
                      fonts: fonts, warnings: decoded.warnings.map(\.description))
    }

    static func resolve(_ path: String, styleDirectory: URL?, dataDirectory: URL?, source: String) throws -> String {
        let fm = FileManager.default
        var tried: [String] = []
        if path.hasPrefix("/") {
            tried.append(path)
        } else if let styleDirectory {
            tried.append(styleDirectory.appendingPathComponent(path).standardizedFileURL.path)
        }
        if let dataDirectory {
            tried.append(dataDirectory.appendingPathComponent((path as NSString).lastPathComponent).path)
        }
        guard let found = tried.first(where: { fm.fileExists(atPath: $0) }) else {
            throw RenderError("source '\(source)': \(path) not found (looked at \(tried.joined(separator: ", ")))")
        }
        return found
    }

    /// Renders an XYZ tile of 256 CSS px at `pixelRatio` (1, or 2 for @2x: 512 px).
    /// - Throws: `Viewport.ViewportError` for a bad ratio, `RenderError` if the canvas cannot be made.
    public func renderTile(_ tile: TileCoordinate, pixelRatio: Double = 1, supplied: SuppliedFeatures = .init()) throws -> Pixmap {
        let viewport = try Viewport(tile: tile, pixelRatio: pixelRatio)
        return try render(viewport, labels: labels(for: tile), worldOrigin: (Double(tile.x) * 256, Double(tile.y) * 256),
                          supplied: supplied)
    }

    /// The ids of the style's sources whose features the caller supplies (`SuppliedFeatures`),
    /// with their definitions, for the layers shown at `zoom` (all layers when nil), with the
    /// `visibility` overrides the caller will set (`SuppliedFeatures.setVisibility`).
    public func suppliedSources(atZoom zoom: Double? = nil, visibility: [String: Bool] = [:]) -> [StyleSource] {
        var ids = Set<String>()
        for layer in style.layers where zoom.map({ Self.shows(layer, atZoom: $0, visibility) }) ?? true {
            if let id = layer.source, let s = style.sources[id], s.kind != .shapefile { ids.insert(id) }
        }
        return ids.sorted().compactMap { style.sources[$0] }
    }

    /// The lon/lat box whose features a render of `viewport` draws: its extent plus the
    /// 64 CSS px buffer, clamped to Web Mercator's latitude range.
    public func dataQueryBounds(for viewport: Viewport) -> BoundingBox {
        let margin = RenderContext.bufferCSSPixels * viewport.pixelRatio * viewport.metersPerPixel
        let b = viewport.bounds.expanded(by: margin)
        let sw = WebMercator.lonLat(fromMercator: Coordinate(x: b.minX, y: max(b.minY, -WebMercator.originShift)))
        let ne = WebMercator.lonLat(fromMercator: Coordinate(x: b.maxX, y: min(b.maxY, WebMercator.originShift)))
        return BoundingBox(minX: max(-180, sw.x), minY: sw.y, maxX: min(180, ne.x), maxY: ne.y)
    }

    /// Renders a static map; labels are placed for this extent alone, kept inside the frame and
    /// out of `keepClear` (device-pixel rectangles such as a legend panel).
    public func renderMap(_ viewport: Viewport, keepClear: [Rect] = [], supplied: SuppliedFeatures = .init()) throws -> Pixmap {
        let origin = LabelPlacement.worldPixel(viewport.bounds.minX, viewport.bounds.maxY, zoom: viewport.zoom)
        let frame = Rect(x: origin.0, y: origin.1, width: Double(viewport.width) / viewport.pixelRatio,
                         height: Double(viewport.height) / viewport.pixelRatio)
        let query = viewport.bounds
        let r = viewport.pixelRatio
        let obstacles = keepClear.map {
            Rect(minX: origin.0 + $0.minX / r, minY: origin.1 + $0.minY / r, maxX: origin.0 + $0.maxX / r, maxY: origin.1 + $0.maxY / r)
        }
        let labels = LabelPlacement.place(style: style, zoom: viewport.zoom, fonts: fonts, frame: frame,
                                          obstacles: obstacles) { layer in
            layer.source.flatMap { sources[$0]?.features(in: query, zoom: viewport.zoom) } ?? []
        }
        return try render(viewport, labels: labels, worldOrigin: origin, supplied: supplied)
    }

    /// Renders a tile and encodes it with `tileEncoder`.
    public func renderTilePNG(_ tile: TileCoordinate, pixelRatio: Double = 1, supplied: SuppliedFeatures = .init()) throws -> [UInt8] {
        try Self.tileEncoder.encode(try renderTile(tile, pixelRatio: pixelRatio, supplied: supplied))
    }

    /// The PNG settings for tiles: palette when a tile has at most 256 colours, else RGBA;
    /// zlib level 2, no filter: on the 1,153 Central Asia tiles of Benchmarks/compare-mapnik,
    /// level 4 made them 7 % smaller for 50 % more encoding time.
    public static let tileEncoder = PNGEncoder(options: .init(format: .auto, compressionLevel: 2))

    /// The labels of every tile at `zoom`, placed over whole sources once and cached.
    func tileLabels(zoom: Int) -> LabelCache.Level {
        labelCache.level(zoom) {
            LabelPlacement.place(style: style, zoom: Double(zoom), fonts: fonts, frame: nil) { layer in
                layer.source.flatMap { sources[$0]?.features } ?? []
            }
        }
    }

    /// The placed labels whose boxes touch `tile`.
    func labels(for tile: TileCoordinate) -> [PlacedLabel] {
        tileLabels(zoom: tile.z, touching: Double(tile.x) * 256, Double(tile.y) * 256, side: 256)
    }

    /// The tile labels of `zoom` touching the square of `side` world px at (x, y).
    private func tileLabels(zoom: Int, touching x: Double, _ y: Double, side: Double) -> [PlacedLabel] {
        let level = tileLabels(zoom: zoom)
        return level.index.query(BoundingBox(minX: x, minY: y, maxX: x + side, maxY: y + side)).map { level.labels[$0] }
    }

    /// An n x n block of tiles as one image, with the tiles' label placement: what the tiles
    /// stitched together must show (tests use it to look for seams).
    func renderTileBlock(z: Int, x: Int, y: Int, count n: Int, pixelRatio: Double = 1) throws -> Pixmap {
        let first = try TileCoordinate(z: z, x: x, y: y), last = try TileCoordinate(z: z, x: x + n - 1, y: y + n - 1)
        let bounds = first.mercatorBounds.union(last.mercatorBounds)
        let side = Int(256 * Double(n) * pixelRatio)
        let viewport = try Viewport(bounds: bounds, width: side, height: side, pixelRatio: pixelRatio, zoom: Double(z))
        let origin = (Double(x) * 256, Double(y) * 256)
        return try render(viewport, labels: tileLabels(zoom: z, touching: origin.0, origin.1, side: 256 * Double(n)),
                          worldOrigin: origin)
    }

    private func render(_ viewport: Viewport, labels: [PlacedLabel], worldOrigin: (x: Double, y: Double),
                        supplied: SuppliedFeatures = .init()) throws -> Pixmap {
        var ctx = try RenderContext(viewport: viewport)
        for layer in style.layers where Self.shows(layer, atZoom: viewport.zoom, supplied.visibility) {
            switch layer.type {
            case .background:
                let e = ctx.evaluation([:])
                if let c = StyleBridge.color(layer.property("background-color").color(e),
                                             opacity: layer.property("background-opacity").number(e)) {
                    if c.a == 255 { ctx.pixmap.fill(c) } else { ctx.pixmap.fill(Path.rectangle(ctx), paint: Paint(color: c)) }
                }
            case .fill:
                FillLayerRenderer.draw(layer, features: features(for: layer, ctx, supplied), in: &ctx)
            case .line:
                LineLayerRenderer.draw(layer, features: features(for: layer, ctx, supplied), in: &ctx)
            case .circle:
                CircleLayerRenderer.draw(layer, features: features(for: layer, ctx, supplied), in: &ctx)
            case .symbol:
                SymbolLayerRenderer.draw(labels.filter { $0.layerID == layer.id }, worldOrigin: worldOrigin, in: &ctx)
            case .heatmap:
                HeatmapLayerRenderer.draw(layer, raster: layer.source.flatMap { supplied.rasters[$0] }, in: &ctx)
            case .raster:
                break  // No raster sources: density surfaces are drawn by heatmap layers.
            }
        }
        return ctx.pixmap
    }

    /// Whether `layer` draws at `zoom`: its zoom range, and its visibility unless overridden.
    static func shows(_ layer: StyleLayer, atZoom zoom: Double, _ visibility: [String: Bool]) -> Bool {
        (visibility[layer.id] ?? layer.isVisible) && layer.isInZoomRange(zoom)
    }

    /// The ids of the layers drawing sources of `kinds` (for layer toggles: "heat map", "hot
    /// spot cells", "incidents"), in style order.
    public func layerIDs(drawing kinds: Set<StyleSource.Kind>) -> [String] {
        style.layers.compactMap { layer in
            layer.source.flatMap { style.sources[$0] }.map { kinds.contains($0.kind) ? layer.id : nil } ?? nil
        }
    }

    /// The layer's source's features for this render, narrowed by the source's own `filter`
    /// (analysis sources: e.g. seizures only); the layer's filter is applied by each layer renderer.
    private func features(for layer: StyleLayer, _ ctx: RenderContext, _ supplied: SuppliedFeatures) -> [ProjectedFeature] {
        guard let id = layer.source else { return [] }
        let source: (any FeatureSource)? = sources[id] ?? supplied.sources[id]
        guard let found = source?.features(in: ctx.queryBox, zoom: ctx.zoom) else { return [] }
        guard let filter = style.sources[id]?.filter else { return found }
        return found.filter { filter.evaluate(ctx.evaluation($0.properties)).bool == true }
    }
}

extension Path {
    /// The whole canvas as a path.
    static func rectangle(_ ctx: RenderContext) -> Path {
        var b = PathBuilder()
        b.addRect(Rect(x: 0, y: 0, width: Double(ctx.viewport.width), height: Double(ctx.viewport.height)))
        // A rectangle of positive size always builds.
        return b.build()!
    }
}
