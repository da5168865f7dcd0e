import Foundation
import GeoCore
import MapRenderer
import MapStyle
import Rasterizer
import TileCache

/// One style as the server serves it: its renderer (data loaded), identity for cache keys,
/// and what the metadata routes report.
struct ServedStyle: Sendable {
    /// The file name without `.json`: the `{style}` of the routes.
    let name: String
    /// The style's `name`, or `name` when it has none.
    let title: String
    let renderer: MapRenderer
    /// What the tiles are drawn from (style, data files, fonts, renderer version).
    let inputs: RenderInputs
    /// The stamps of `inputs.files`, taken before the data was read: the style watcher
    /// reloads the style when the files' stamps differ from these.
    let inputStamps: [FileStamp]
    /// The fingerprint of `inputs` with `inputStamps`: part of every tile key and ETag, and
    /// the `v` of the tile URLs handed out (`version`).
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

    /// Loads the style file `url` over `dataDirectory`, drawing text with `fonts`.
    /// - Throws: `StyleError` (JSON paths) or `RenderError` (unreadable sources).
    init(url: URL, dataDirectory: URL, fonts: FontLibrary = .shared) throws {
        // Stamps first, data second: an edit made while loading shows as a change next time.
        fileStamp = FileStamp(url)
        let decoded = try Style.load(contentsOf: url)
        let style = decoded.style
        inputs = AnalysisLayerData.inputs(of: style, styleDirectory: url.deletingLastPathComponent(), dataDirectory: dataDirectory,
                                          fonts: fonts)
        inputStamps = inputs.stamps()
        hash = inputs.fingerprint(stamps: inputStamps)
        let renderer = try MapRenderer(style: style, styleDirectory: url.deletingLastPathComponent(), dataDirectory: dataDirectory,
                                       fonts: fonts, warnings: decoded.warnings.map(\.description))
        name = url.deletingPathExtension().lastPathComponent
        title = style.name ?? name
        self.renderer = renderer
        dependsOnIncidents = style.dependsOnIncidents
        incidentZooms = (0...RequestParameters.maxZoom).map { style.dependsOnIncidents(atZoom: Double($0)) }
        bounds = renderer.dataBounds.map(Self.clampedToWebMercator) ?? Self.defaultBounds
        minZoom = 0
        maxZoom = Self.defaultMaxZoom
    }

    /// `hash` as 16 lowercase hex digits: the `v` query parameter of the tile URLs TileJSON,
    /// WMTS, `/styles` and the viewer hand out, so a browser asks again when it changes.
    var version: String { StyleFingerprint.hex(hash) }

    /// Whether a tile URL's `v` names the current fingerprint: `version`, or `version-…` (the
    /// viewer appends the incident data version to it for styles that draw incidents).
    func isCurrent(urlVersion v: Substring) -> Bool {
        v == version || (v.hasPrefix(version) && v.dropFirst(version.count).first == "-")
    }

    /// The stamps of the style file and its inputs now, to compare with `stamps`.
    func currentStamps(file: URL) -> [FileStamp] { [FileStamp(file)] + inputs.stamps() }

    /// The stamps when loaded, as `currentStamps(file:)` lists them.
    var stamps: [FileStamp] { [fileStamp] + inputStamps }

    static func clampedToWebMercator(_ b: BoundingBox) -> BoundingBox {
        BoundingBox(minX: max(-180, b.minX), minY: max(-85.0511, b.minY), maxX: min(180, b.maxX), maxY: min(85.0511, b.maxY))
    }
}
