import ArgumentParser
import Foundation
import GeoCore
import GeoFormats
import IncidentStore
import MapRenderer
import PNGCodec
import TileServer

/// `bordermap render`: a static map for reports.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a static map (PNG) of an area with a style from Styles/.",
        discussion: """
        The area is --bbox W,S,E,N (lon/lat; widened to the image's aspect ratio) or --center
        LON,LAT with --zoom Z. --scale multiplies line widths, symbols and text for print
        (--size 1600x1000 --scale 2 gives a 3200x2000 px image of the same map).

        Analysis layers (incidents, the heat map, hot spot cells) are drawn from the incident
        store (--db / --postgres, or ./incidents.sqlite when it exists), of the incidents
        between --from and --to; --layers heatmap,hotspots,incidents chooses which.

        Examples:
          bordermap render --style report --bbox 66,36,76,44 --size 1600x1000 --scale 2 \\
              --title "Tajikistan–Afghanistan border" --legend --out map.png
          bordermap render --style report --bbox 66,38,74,44 --db incidents.sqlite --layers heatmap,hotspots \
              --from 2024-01-01 --title "Hot spots 2024" --legend --out hot-2024.png
          bordermap render --style situation-room --center 69.28,41.31 --zoom 7 --size 1200x800 --out tashkent.png
        """
    )

    @Option(help: "Style name (a file in --styles, without .json) or a path to a style file.")
    var style: String = "report"

    @Option(help: "Area as W,S,E,N in degrees.")
    var bbox: String?

    @Option(help: "Map centre as LON,LAT in degrees (with --zoom).")
    var center: String?

    @Option(help: "Zoom level 0-22 (with --center).")
    var zoom: Double?

    @Option(help: "Image size WIDTHxHEIGHT in CSS pixels (before --scale).")
    var size: String = "1600x1000"

    @Option(help: "Pixel ratio 1-4 for print.")
    var scale: Double = 1

    @Option(help: "Title drawn at the top.")
    var title: String?

    @Flag(help: "Draw a legend generated from the style.")
    var legend = false

    @Option(help: "Output PNG file.")
    var out: String

    @OptionGroup var styles: StylesFolderOption

    @OptionGroup var data: DataFolderOption

    @OptionGroup var store: StoreOptions

    @Option(help: "Incidents at or after this date/time for the analysis layers (ISO 8601; UTC).")
    var from: String?

    @Option(help: "Incidents before this date/time.")
    var to: String?

    @Option(help: ArgumentHelp("Analysis layers drawn: any of heatmap, hotspots, incidents (default: the style's).", valueName: "list"))
    var layers: String?

    func validate() throws {
        guard (bbox == nil) != (center == nil) else { throw ValidationError("give either --bbox or --center with --zoom") }
        if center != nil && zoom == nil { throw ValidationError("--center needs --zoom") }
        guard (1...4).contains(scale) else { throw ValidationError("--scale must be between 1 and 4") }
    }

    func run() throws {
        do {
            let request = try StaticMapRequest(size: size, scale: scale, bbox: bbox, center: center, zoom: zoom)
            let renderer = try MapRenderer(styleFile: StyleLocator.url(style, in: styles.path), dataDirectory: data.url)
            for w in renderer.warnings { Terminal.error("style warning: \(w)") }
            let options = StaticMapOptions(title: title, legend: legend, attribution: Attribution.line(dataDirectory: data.path))
            let image = try renderer.renderStaticMap(request.viewport, options: options, supplied: try supplied(renderer, request.viewport))
            let png = try PNGEncoder(options: .init(format: .rgba)).encode(image)
            try Data(png).write(to: URL(fileURLWithPath: out))
            print("\(out): \(image.width)x\(image.height) px, \(png.count) bytes")
        } catch {
            throw CleanExit.message(for: error)
        }
    }
}

extension RenderCommand {
    /// The style's analysis layers (incidents, heat map, hot spot cells) from the incident store
    /// named by --db / --postgres, or ./incidents.sqlite when it exists; nothing otherwise.
    func supplied(_ renderer: MapRenderer, _ viewport: Viewport) throws -> SuppliedFeatures {
        guard renderer.style.dependsOnIncidents || layers != nil else { return SuppliedFeatures() }
        guard store.isGiven || FileManager.default.fileExists(atPath: store.path) else {
            Terminal.error("note: no incident database (--db or --postgres): the style's incident layers are left empty")
            return SuppliedFeatures()
        }
        let opened = try store.open()
        defer { closeStore(opened) }
        let from = try self.from.map { try DateParsing.parse($0) }, to = try self.to.map { try DateParsing.parse($0) }
        let bounds = renderer.dataQueryBounds(for: viewport), layers = self.layers
        return try runBlocking {
            let version = try await opened.dataVersion()
            return try await AnalysisLayerData(store: opened, dataDirectory: data.url).supplied(for: renderer, bounds: bounds, zoom: viewport.zoom,
                                                                      from: from, to: to, layers: layers, dataVersion: version)
        }
    }
}

/// Finds a style by name or path.
enum StyleLocator {
    static func url(_ name: String, in directory: String) throws -> URL {
        let candidates = [name, "\(directory)/\(name)", "\(directory)/\(name).json"]
        for c in candidates where c.hasSuffix(".json") && FileManager.default.fileExists(atPath: c) {
            return URL(fileURLWithPath: c)
        }
        let available = (try? FileManager.default.contentsOfDirectory(atPath: directory))?
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted() ?? []
        throw ValidationError("no style '\(name)' in \(directory) (available: \(available.joined(separator: ", ")))")
    }
}
