import Foundation
import GeoCore
import MapRenderer
import MapStyle

/// One style as the server serves it: its renderer (data loaded), identity for cache keys,
/// and what the metadata routes report.
struct ServedStyle: Sendable {
    /// The file name without `.json`: the `{style}` of the routes.
    let name: String
    /// The style's `name`, or `name` when it has none.
    let title: String
    let renderer: MapRenderer
    /// Content hash of the decoded style (part of every tile key and ETag).
    let hash: UInt64
    /// Whether any layer draws a source computed from incidents: only then do tile keys carry
    /// the incident data version (basemap-only styles never go stale with new incidents).
    let dependsOnIncidents: Bool
    /// Per zoom 0...22, whether a layer on an incident-derived source shows there (as
    /// `Style.dependsOnIncidents(atZoom:)`, worked out once: it is on every tile request's path).
    let incidentZooms: [Bool]
    /// Lon/lat extent for TileJSON and WMTS (the style's `metadata["bordermap:bounds"]`, else
    /// its shapefiles' extent, else Central Asia).
    let bounds: BoundingBox
    /// Zoom range served.
    let minZoom: Int
    let maxZoom: Int
    /// Modification date and size of the file when loaded, to notice edits.
    let fileStamp: FileStamp

    /// Central Asia with Afghanistan: the sample data's extent.
    static let defaultBounds = BoundingBox(minX: 46, minY: 29, maxX: 88, maxY: 56)
    /// Deepest zoom a style is served at unless its layers say otherwise.
    static let defaultMaxZoom = 18

    /// Loads the style file `url` over `dataDirectory`.
    /// - Throws: `StyleError` (JSON paths) or `RenderError` (unreadable sources).
    init(url: URL, dataDirectory: URL) throws {
        let renderer = try MapRenderer(styleFile: url, dataDirectory: dataDirectory)
        let style = renderer.style
        name = url.deletingPathExtension().lastPathComponent
        title = style.name ?? name
        self.renderer = renderer
        hash = style.contentHash
        dependsOnIncidents = style.dependsOnIncidents
        incidentZooms = (0...RequestParameters.maxZoom).map { style.dependsOnIncidents(atZoom: Double($0)) }
        bounds = renderer.dataBounds.map(Self.clampedToWebMercator) ?? Self.defaultBounds
        minZoom = 0
        maxZoom = Self.defaultMaxZoom
        fileStamp = FileStamp(url)
    }

    static func clampedToWebMercator(_ b: BoundingBox) -> BoundingBox {
        BoundingBox(minX: max(-180, b.minX), minY: max(-85.0511, b.minY), maxX: min(180, b.maxX), maxY: min(85.0511, b.maxY))
    }
}

/// What identifies a file's contents cheaply: modification time and size.
struct FileStamp: Sendable, Hashable {
    let modified: Date?
    let size: Int?

    init(_ url: URL) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        modified = attributes?[.modificationDate] as? Date
        size = attributes?[.size] as? Int
    }
}
