import ArgumentParser
import Foundation
import GeoCore
import GeoFormats
import GeoProjection

/// `bordermap convert IN OUT [--to-crs CRS]`.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert between shapefile (.shp), GeoJSON (.geojson) and Esri JSON (.json), optionally reprojecting.",
        discussion: """
        The format is chosen by extension. Reading, .json is GeoJSON; writing, .json is an Esri JSON
        FeatureSet for ArcGIS's "JSON To Features". GeoJSON is always written as RFC 7946 (WGS 84
        lon/lat, counter-clockwise shells, at most 7 decimals), reprojected when the source is in
        another CRS. Shapefile field names longer than 10 characters are shortened as GDAL does,
        and every rename is reported.

        A corrupt record is reported with its number and skipped; the other records are written
        and the exit status is 3.

        Examples:
          bordermap convert Shapefiles/ca_admin0_countries.shp countries.geojson
          bordermap convert Shapefiles/ca_roads.shp roads-utm42.shp --to-crs EPSG:32642
          bordermap convert incidents.geojson incidents.json
        """
    )

    @Argument(help: "Input layer: .shp, .geojson or .json (GeoJSON).")
    var input: String

    @Argument(help: "Output layer: .shp, .geojson or .json (Esri JSON).")
    var output: String

    @Option(name: .customLong("to-crs"), help: "Target CRS: EPSG:n, WKT or a PROJ string (default: the input's).")
    var toCRS: String?

    func run() throws {
        let skipped: Int
        do {
            skipped = try convert()
        } catch {
            throw CleanExit.message(for: error)
        }
        if skipped > 0 { throw ExitCode(3) }
    }

    /// Converts and returns the number of skipped corrupt records.
    func convert() throws -> Int {
        let outFormat = try LayerFormat(path: output, writing: true)
        var layer = try InputLayer(path: input)
        let plan = try ReprojectionPlan(source: layer.crsText, requested: toCRS, output: outFormat)
        for note in plan.notes { Terminal.error("note: \(note)") }

        var sink = try FeatureSink(path: output, format: outFormat, layer: layer, crs: plan.outputCRS,
                                   transformer: plan.transformer)
        var progress = Progress(label: "converting", total: layer.count)
        var read = 0, skipped = 0
        while true {
            let feature: Feature?
            do {
                feature = try layer.next()
            } catch {
                skipped += 1
                Terminal.error("skipped: \(error)")
                continue
            }
            guard let feature else { break }
            try sink.write(feature)
            read += 1
            progress.update(read + skipped)
        }
        progress.finish()
        let report = try sink.finish()
        for w in layer.warnings { Terminal.error("warning: \(w)") }
        for w in report.warnings { Terminal.error("warning: \(w)") }
        for r in report.renames { Terminal.error("renamed field '\(r.original)' to '\(r.written)' (shapefile names have at most 10 bytes)") }
        let crsNote = plan.transformer.map { " (reprojected \($0.source.name) -> \($0.target.name))" } ?? ""
        print("\(output): wrote \(report.count) features as \(outFormat.rawValue)\(crsNote)"
              + (skipped > 0 ? "; skipped \(skipped) corrupt records" : ""))
        return skipped
    }
}

/// Which CRS the output is in and whether coordinates must be transformed to get there.
struct ReprojectionPlan {
    let outputCRS: CRS?
    let transformer: Transformer?
    let notes: [String]

    init(source sourceText: String?, requested: String?, output: LayerFormat) throws {
        let source = try sourceText.map { try CRS($0) }
        var target = try requested.map { try CRS($0) }
        var notes: [String] = []
        if output == .geoJSON {
            let wgs84 = try CRS.wgs84
            if let t = target, !(try t.isEquivalent(to: wgs84)) {
                throw ValidationError("GeoJSON (RFC 7946) is always WGS 84 longitude/latitude; write .shp or .json to use \(requested ?? "")")
            }
            target = wgs84
        }
        if let t = target, source == nil {
            if requested != nil {
                throw ValidationError("the input declares no CRS (no .prj), so it cannot be reprojected to \(t.name)")
            }
            notes.append("the input declares no CRS; its coordinates are taken to be WGS 84 longitude/latitude")
        }
        if let s = source, let t = target, !(try s.isEquivalent(to: t)) {
            transformer = try Transformer(from: s, to: t)
        } else {
            transformer = nil
        }
        outputCRS = target ?? source
        self.notes = notes
    }
}
