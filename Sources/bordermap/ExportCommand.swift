import ArgumentParser
import Foundation
import GeoCore
import GeoFormats
import HotspotAnalysis
import IncidentStore
import TileServer

/// `bordermap export --layer incidents|density|hotspots [--db FILE | --postgres URL] [filters] --format geojson|esrijson|shp|gpkg --out FILE`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export incidents, hot spot polygons or Gi* cells for ArcGIS and QGIS as GeoJSON, Esri JSON, a shapefile or a GeoPackage.",
        discussion: """
        Points in WGS 84 with the incident fields: id, occurred_at (ISO 8601 UTC text, with the
        time; a DATETIME column in GeoPackages), date (the UTC calendar day as a date: a GeoJSON "YYYY-MM-DD" string,
        esriFieldTypeDate in Esri JSON, a D field in shapefiles), category, substance,
        quantity_kg, agency, border_post, source, and (all but shapefiles) properties as a
        JSON text. A GeoPackage has one layer, `incidents`, with an R-tree index. Shapefile field names are shortened to 10 characters as GDAL does.

        --layer density writes the hot spot polygons of `bordermap density` (isobands of the
        kernel density at --classes breaks, radius --radius, cell --cell) and --layer hotspots the
        Gi* cells of `bordermap hotspots` (--cell or --hex, --distance, else optimized with FDR),
        both of the incidents the filters select.

        Examples:
          bordermap export --layer incidents --db incidents.sqlite --format geojson --out all.geojson
          bordermap export --layer incidents --db incidents.sqlite --bbox 69,39,75,43 \\
              --from 2024-01-01 --to 2025-01-01 --category seizure --format shp --out seizures.shp
          bordermap export --layer incidents --db incidents.sqlite --format gpkg --out incidents.gpkg
          bordermap export --layer incidents --postgres postgres://bordermap@db.local/incidents --format gpkg --out all.gpkg
          bordermap export --layer density --db incidents.sqlite --radius 25km --classes jenks:5 --format shp --out hot.shp
          bordermap export --layer hotspots --db incidents.sqlite --hex 20km --format esrijson --out gi.json
        """
    )

    @Option(help: "The layer to export: incidents, density (hot spot polygons) or hotspots (Gi* cells).")
    var layer = "incidents"

    @Option(help: ArgumentHelp("density: search radius, auto or a length (25km).", valueName: "auto|length"))
    var radius = "auto"

    @Option(help: ArgumentHelp("density: cell size (default ArcGIS's); hotspots: fishnet cell size.", valueName: "length"))
    var cell: String?

    @Option(help: ArgumentHelp("density: class breaks (jenks:5, quantile:4, equal:5, stddev:1, values:A,B).", valueName: "spec"))
    var classes = "jenks:5"

    @Option(help: ArgumentHelp("hotspots: hexagon grid with this centre spacing instead of a fishnet.", valueName: "length"))
    var hex: String?

    @Option(help: ArgumentHelp("hotspots: fixed distance band (default: optimized, with FDR).", valueName: "length"))
    var distance: String?

    @OptionGroup var store: StoreOptions

    @OptionGroup var filters: IncidentFilterOptions

    @Option(help: "geojson, esrijson, shp or gpkg.")
    var format: String

    @Option(help: "The output file.")
    var out: String

    func validate() throws {
        guard ["incidents", "density", "hotspots"].contains(layer) else {
            throw ValidationError("unknown layer '\(layer)'; use incidents, density or hotspots (routes are written by bordermap route)")
        }
        guard ["geojson", "esrijson", "shp", "gpkg"].contains(format) else {
            throw ValidationError("unknown format '\(format)'; use geojson, esrijson, shp or gpkg")
        }
        guard store.postgresURL != nil || FileManager.default.fileExists(atPath: store.path) else {
            throw ValidationError("no database at \(store.path)")
        }
    }

    func run() throws {
        do {
            let query = try filters.query()
            let store = try self.store.open()
            defer { closeStore(store) }
            if layer != "incidents" {
                try writeAnalysis(query, store: store)
                return
            }
            let count = try write(query, store: store)
            print("\(out): wrote \(count) incidents as \(format)")
        } catch {
            throw CleanExit.message(for: error)
        }
    }

    /// Hot spot polygons or Gi* cells of the selected incidents, computed as `bordermap density`
    /// and `bordermap hotspots` compute them, written in the chosen format.
    func writeAnalysis(_ query: IncidentQuery, store: any IncidentStoring) throws {
        let samples = try runBlocking { try await IncidentSampleSet.fetch(from: store, query: query) }.samples
        let format = try AnalysisLayerWriter.Format(named: self.format, path: out)
        if layer == "density" {
            let projected = try ProjectedSamples(samples)
            var options = KernelDensity.Options(weighted: false, cellSize: try cell.map { try LengthArgument.meters($0, option: "--cell") },
                                                crs: projected.crs.definition)
            if radius != "auto" { options.bandwidth = .fixed(try LengthArgument.meters(radius, option: "--radius")) }
            let result = try KernelDensity.estimate(points: projected.points, options: options)
            let features = try DensityPolygons.features(result.surface, classes: classes, points: projected.points, crs: projected.crs)
            try AnalysisLayerWriter.write(features, fields: DensityPolygons.fields, name: "density", to: out, format: format)
            print(String(format: "%@: wrote %d hot spot polygons (%@, radius %.3f km) as %@", out, features.count, classes,
                         result.bandwidth / 1000, self.format))
        } else {
            let size = try (cell ?? hex).map { try LengthArgument.meters($0, option: "--cell") }
            let run = try HotspotRun.run(samples, parameters: HotspotParameters(
                cellSize: size, hexagons: hex != nil, weighting: try distance.map { .fixedDistance(try LengthArgument.meters($0, option: "--distance")) }))
            try AnalysisLayerWriter.write(run.features, fields: HotspotRun.fields, name: "hotspots", to: out, format: format)
            print("\(out): wrote \(run.features.count) Gi* cells as \(self.format)")
        }
    }

    static let fields: [Field] = [
        Field(name: "id", type: .string, width: 40), Field(name: "occurred_at", type: .string, width: 20),
        Field(name: "date", type: .date), Field(name: "category", type: .string, width: 80),
        Field(name: "substance", type: .string, width: 80), Field(name: "quantity_kg", type: .real, width: 18, precision: 3),
        Field(name: "agency", type: .string, width: 80), Field(name: "border_post", type: .string, width: 80),
        Field(name: "source", type: .string, width: 80),
    ]

    /// The feature of one incident; `properties` as JSON text when `withProperties`.
    static func feature(_ i: Incident, withProperties: Bool) -> Feature {
        var p: [String: PropertyValue] = ["id": .string(i.id), "occurred_at": .string(DateParsing.iso8601(i.occurredAt))]
        let day = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC") ?? .current, from: i.occurredAt)
        if let y = day.year, let m = day.month, let d = day.day, let date = CalendarDate(year: y, month: m, day: d) { p["date"] = .date(date) }
        for (name, value) in [("category", i.category), ("substance", i.substance), ("agency", i.agency),
                              ("border_post", i.borderPost), ("source", i.source)] {
            p[name] = value.map(PropertyValue.string) ?? .null
        }
        p["quantity_kg"] = i.quantityKg.map(PropertyValue.double) ?? .null
        if withProperties, !i.properties.isEmpty,
           let json = try? JSONSerialization.data(withJSONObject: i.properties, options: [.sortedKeys]) {
            p["properties"] = .string(String(decoding: json, as: UTF8.self))
        }
        return Feature(id: .string(i.id), geometry: .point(Point(x: i.lon, y: i.lat)), properties: p)
    }

    /// Streams the selected incidents into the output; returns how many were written.
    func write(_ query: IncidentQuery, store: any IncidentStoring) throws -> Int {
        final class Sink: @unchecked Sendable {
            var geoJSON: GeoJSONWriter?
            var shapefile: ShapefileWriter?
            var geoPackage: GeoPackageLayerWriter?
            var collection: FeatureCollection?
            var count = 0
            var error: Error?
        }
        let sink = Sink()
        let withProperties = format != "shp"
        let fields = Self.fields + (withProperties ? [Field(name: "properties", type: .string)] : [])
        var handle: FileHandle?
        switch format {
        case "geojson":
            guard FileManager.default.createFile(atPath: out, contents: nil), let h = FileHandle(forWritingAtPath: out) else {
                throw FormatError(file: out, "cannot create the file")
            }
            handle = h
            var writer = GeoJSONWriter { try h.write(contentsOf: $0) }
            try writer.begin(name: "incidents", fields: fields)
            sink.geoJSON = writer
        case "gpkg":
            sink.geoPackage = try GeoPackageLayerWriter(
                path: out, name: "incidents", fields: fields, crs: nil, geometryType: .point,
                options: GeoPackageWriteOptions(description: "BorderMap incidents", spatialReference: .wgs84,
                                                dateTimeFields: ["occurred_at"]))
        case "shp":
            sink.shapefile = try ShapefileWriter(path: out, shapeType: .point, fields: fields, prj: Self.wgs84PRJ)
        default:
            sink.collection = FeatureCollection(name: "incidents", fields: fields)
        }
        try runBlocking {
            try await store.forEach(matching: query) { incident in
                let f = Self.feature(incident, withProperties: withProperties)
                if sink.geoJSON != nil { try sink.geoJSON?.write(f) }
                try sink.shapefile?.write(f)
                try sink.geoPackage?.append(f)
                sink.collection?.features.append(f)
                sink.count += 1
            }
        }
        if var writer = sink.geoJSON { try writer.end() }
        try handle?.close()
        if let shapefile = sink.shapefile {
            let report = try shapefile.finish()
            for r in report.renames { Terminal.error("renamed field '\(r.original)' to '\(r.written)' (shapefile names have at most 10 bytes)") }
            for w in report.warnings { Terminal.error("warning: \(w)") }
        }
        try sink.geoPackage?.finish()
        if let collection = sink.collection { try EsriJSONWriter.write(collection, to: URL(fileURLWithPath: out)) }
        return sink.count
    }

    /// WGS 84 as ESRI WKT1 for the shapefile's .prj.
    static let wgs84PRJ = #"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#
}
