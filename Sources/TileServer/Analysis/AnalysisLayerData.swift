import Foundation
import GeoCore
import GeoFormats
import GeoProjection
import IncidentStore
import MapRenderer
import MapStyle
import Rasterizer

/// What a render's analysis sources draw, from the incident store:
/// - `incidents`: the incidents inside the render's data box and time window, narrowed by the
///   source's own `from`/`to` (its `filter` is applied by the renderer, where they are drawn),
///   reading only the fields the style uses; with `"cluster": true`, at zooms up to
///   `clusterMaxZoom`, the clusters of the whole window instead (`IncidentClusters`), and
///   above it the clusters of the zoom where the box holds more than `clusterTileLimit`
///   incidents per 256-pixel tile;
/// - `density`: the kernel density surface of the zoom's band (`DensitySurfaces`);
/// - `hotspots`: Getis-Ord Gi* cells (`HotspotCells`), computed once per data version.
/// - `routes`: the stored routes of the data folder's `routes.geojson`, `geojson`: the source's
///   own file of the data folder (`StoredGeoJSON`, read again when the file changes).
///
/// The tile server, `bordermap seed` and `bordermap render` all draw analysis layers through it.
public struct AnalysisLayerData: Sendable {
    let store: any IncidentStoring
    let density: DensitySurfaces
    let hotspots: HotspotCells
    let clusters: IncidentClusters
    let routes: StoredGeoJSON
    let dataDirectory: URL?
    /// The files of `geojson` sources, by path relative to the data folder.
    let files = Locked<[String: StoredGeoJSON]>([:])

    public init(store: any IncidentStoring, dataDirectory: URL? = nil) {
        self.store = store
        self.dataDirectory = dataDirectory
        routes = StoredGeoJSON.routes(dataDirectory: dataDirectory)
        density = DensitySurfaces(store: store)
        hotspots = HotspotCells(store: store)
        clusters = IncidentClusters(store: store)
    }

    /// The supplied features for a render of `renderer` over the lon/lat box `bounds` at `zoom`,
    /// with the store at `dataVersion`.
    /// - Throws: the store's errors; analysis errors.
    func features(for renderer: MapRenderer, bounds: BoundingBox, zoom: Double, window: TimeWindow,
                  dataVersion: Int64, toggles: LayerToggles = .styleDefault) async throws -> SuppliedFeatures {
        var supplied = SuppliedFeatures()
        let visibility = toggles.visibility(for: renderer)
        for (id, visible) in visibility { supplied.setVisibility(visible, forLayer: id) }
        for source in renderer.suppliedSources(atZoom: zoom, visibility: visibility) {
            switch source.kind {
            case .density:
                let z = max(0, Int(zoom.rounded(.down)))
                if let raster = try await density.raster(for: source, zoom: z, window: window, dataVersion: dataVersion) {
                    supplied.setRaster(raster, forSource: source.id)
                }
                continue
            case .hotspots:
                if let cells = try await hotspots.cells(for: source, window: window, dataVersion: dataVersion) {
                    supplied.set(cells, forSource: source.id)
                }
                continue
            case .incidents:
                supplied.set(try await incidents(source, fields: renderer.style.propertyNames(readFrom: source.id), bounds: bounds,
                                                 zoom: zoom, window: window, dataVersion: dataVersion), forSource: source.id)
            case .routes:
                supplied.set(routes.features(intersecting: bounds), forSource: source.id)
                continue
            case .geojson:
                supplied.set(file(source.path).features(intersecting: bounds), forSource: source.id)
                continue
            case .shapefile: continue
            }
        }
        return supplied
    }

    /// What an `incidents` source draws: its clusters at zooms up to `clusterMaxZoom` and in
    /// crowded boxes above it, else the incidents inside `bounds` with only `fields` read (nil: all).
    func incidents(_ source: StyleSource, fields: Set<String>?, bounds: BoundingBox, zoom: Double, window: TimeWindow,
                   dataVersion: Int64) async throws -> PreparedFeatures {
        let z = max(0, Int(zoom.rounded(.down)))
        let w = window.narrowed(from: source.from, to: source.to)
        if let cluster = source.cluster {
            if z <= cluster.maxZoom {
                return try await clusters.features(for: source, options: cluster, fields: fields, zoom: z, window: window,
                                                   dataVersion: dataVersion)
            }
            // A crowded box draws clusters; the store counts at most limit + 1 rows to tell.
            let limit = Self.tileLimit(cluster.tileLimit, covering: bounds, zoom: z)
            if try await store.count(matching: IncidentQuery(bbox: bounds, from: w.from, to: w.to, limit: limit + 1)) > limit,
               let crowded = try await clusters.crowded(source, options: cluster, fields: fields, bounds: bounds, zoom: z,
                                                        limit: limit, window: window, dataVersion: dataVersion) {
                return crowded
            }
        }
        let collected = Locked<[Feature]>([])
        let columns = fields.map { IncidentColumns(fieldNames: $0) } ?? .all
        try await store.forEach(matching: IncidentQuery(bbox: bounds, from: w.from, to: w.to), columns: columns) { incident in
            let feature = Self.feature(incident)
            collected.withLock { $0.append(feature) }
        }
        return PreparedFeatures(collected.current, name: source.id)
    }

    /// `perTile` incidents per 256 × 256 pixels of zoom `zoom`, scaled to the area of `bounds`.
    static func tileLimit(_ perTile: Int, covering bounds: BoundingBox, zoom: Int) -> Int {
        let sw = WebMercator.pixel(fromLonLat: Coordinate(x: bounds.minX, y: bounds.minY), zoom: zoom)
        let ne = WebMercator.pixel(fromLonLat: Coordinate(x: bounds.maxX, y: bounds.maxY), zoom: zoom)
        let tiles = abs(ne.x - sw.x) * abs(sw.y - ne.y) / (256 * 256)
        return max(perTile, Int(min(Double(perTile) * tiles, 1e12)))
    }

    /// The stored file of a `geojson` source (one per path, kept).
    func file(_ path: String?) -> StoredGeoJSON {
        let key = path ?? ""
        return files.withLock { files in
            if let f = files[key] { return f }
            let f = StoredGeoJSON(file: Self.geojsonFile(path, dataDirectory: dataDirectory))
            files[key] = f
            return f
        }
    }

    /// The file a `geojson` source with `path` reads: `path` in the data folder.
    static func geojsonFile(_ path: String?, dataDirectory: URL?) -> URL? {
        path.flatMap { dataDirectory?.appendingPathComponent($0) }
    }

    /// The files of the data folder that `style`'s `routes` and `geojson` sources draw (read
    /// again per render when they change), whether they exist yet or not.
    public static func files(drawnBy style: Style, dataDirectory: URL?) -> [URL] {
        var urls: [URL] = []
        for source in style.sources.values {
            switch source.kind {
            case .routes: if let f = StoredGeoJSON.routes(dataDirectory: dataDirectory).file { urls.append(f) }
            case .geojson: if let f = geojsonFile(source.path, dataDirectory: dataDirectory) { urls.append(f) }
            default: continue
            }
        }
        return urls
    }

    /// Everything the tiles of `style` (the file in `styleDirectory`) are drawn from: style,
    /// shapefiles, fonts, the GeoJSON files above and the renderer version
    /// (`MapRenderer.inputs(of:…)`). The tile server and `bordermap seed` key tiles by its
    /// `RenderInputs.fingerprint` alike, so a seeded MBTiles file serves and a changed input
    /// gives new tiles in both.
    public static func inputs(of style: Style, styleDirectory: URL?, dataDirectory: URL?,
                              fonts: FontLibrary = .shared) -> RenderInputs {
        MapRenderer.inputs(of: style, styleDirectory: styleDirectory, dataDirectory: dataDirectory, fonts: fonts,
                           adding: files(drawnBy: style, dataDirectory: dataDirectory))
    }

    /// The supplied features of a render of `renderer` over the lon/lat box `bounds` at `zoom`:
    /// incidents of the window `from` ..< `to`, with the analysis layer groups `layers`
    /// (`heatmap`, `hotspots`, `incidents`; nil: the style's own visibility).
    /// - Throws: the store's errors; analysis errors; `APIError` for an unknown layer group.
    public func supplied(for renderer: MapRenderer, bounds: BoundingBox, zoom: Double, from: Date? = nil, to: Date? = nil,
                         layers: String? = nil, dataVersion: Int64) async throws -> SuppliedFeatures {
        try await features(for: renderer, bounds: bounds, zoom: zoom, window: TimeWindow(from: from, to: to), dataVersion: dataVersion,
                           toggles: LayerToggles(parameter: layers))
    }

    /// An incident as a GeoJSON-style feature: id, point, and the DESIGN.md fields as
    /// properties (`occurred_at` as ISO 8601 UTC text), then its free properties.
    static func feature(_ i: Incident) -> Feature {
        var p: [String: PropertyValue] = [:]
        for (k, v) in i.properties { p[k] = .string(v) }
        p["id"] = .string(i.id)
        p["occurred_at"] = .string(DateParsing.iso8601(i.occurredAt))
        p["category"] = i.category.map(PropertyValue.string) ?? .null
        p["substance"] = i.substance.map(PropertyValue.string) ?? .null
        p["quantity_kg"] = i.quantityKg.map(PropertyValue.double) ?? .null
        p["agency"] = i.agency.map(PropertyValue.string) ?? .null
        p["border_post"] = i.borderPost.map(PropertyValue.string) ?? .null
        p["source"] = i.source.map(PropertyValue.string) ?? .null
        return Feature(id: .string(i.id), geometry: .point(Point(x: i.lon, y: i.lat)), properties: p)
    }
}
