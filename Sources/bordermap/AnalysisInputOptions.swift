import ArgumentParser
import Foundation
import GeoCore
import GeoFormats
import GeoProjection
import IncidentStore
import TileServer

/// Where an analysis command's points come from: `--in FILE` (a CSV incident table, or GeoJSON /
/// shapefile points in any CRS with a declared CRS), else the incident store (`--db` /
/// `--postgres`) narrowed by the usual filters; `--weight FIELD` weights each point (a DESIGN.md
/// field such as `quantity_kg`, or any attribute).
struct AnalysisInputOptions: ParsableArguments {
    @Option(name: .customLong("in"), help: ArgumentHelp("Points from a file instead of the store: .csv incident table, .geojson or .shp points.", valueName: "file"))
    var input: String?

    @OptionGroup var store: StoreOptions

    @OptionGroup var filters: IncidentFilterOptions

    @Option(help: ArgumentHelp("Weight each point by this field (e.g. quantity_kg); points without a positive number are skipped and counted.", valueName: "field"))
    var weight: String?

    /// The points, and how many were left out for want of a weight.
    /// - Throws: file, store and projection errors; `ValidationError` for an unreadable choice.
    func samples() throws -> IncidentSampleSet {
        guard let input else {
            guard store.postgresURL != nil || FileManager.default.fileExists(atPath: store.path) else {
                throw ValidationError("no incident database at \(store.path): give --db, --postgres or --in FILE")
            }
            let query = try filters.query(), weight = self.weight
            let opened = try store.open()
            defer { closeStore(opened) }
            return try runBlocking { try await IncidentSampleSet.fetch(from: opened, query: query, weightField: weight) }
        }
        if input.lowercased().hasSuffix(".csv") {
            let (records, _) = try IncidentTableReader(path: input).readAll()
            var set = IncidentSampleSet(samples: [], skippedForWeight: 0)
            for r in records {
                var w = 1.0
                if let weight {
                    let value = weight == "quantity_kg" ? r.quantityKg : r.properties[weight].flatMap { Double($0) }
                    guard let v = value, v.isFinite, v > 0 else {
                        set.skippedForWeight += 1
                        continue
                    }
                    w = v
                }
                set.samples.append(IncidentSample(lon: r.lon, lat: r.lat, weight: w, time: r.occurredAt, category: r.category))
            }
            return set
        }
        return IncidentSampleSet.from(features: try Self.lonLatFeatures(input), weightField: weight, timeField: "occurred_at")
    }

    /// The features of a GeoJSON or shapefile layer in WGS 84 lon/lat.
    static func lonLatFeatures(_ path: String) throws -> [Feature] {
        var layer = try InputLayer(path: path)
        var features: [Feature] = []
        while let f = try layer.next() { features.append(f) }
        guard let crs = try layer.crs(), !(try crs.isEquivalent(to: CRS.wgs84)) else { return features }
        let toLonLat = try Transformer(from: crs, to: CRS.wgs84)
        return try features.map { f in
            var g = f
            g.geometry = try f.geometry?.transformed(by: toLonLat)
            return g
        }
    }
}

/// `--crs`: the metric CRS an analysis runs in (default: chosen for the data by
/// `ProjectedSamples`).
struct AnalysisCRSOption: ParsableArguments {
    @Option(name: .customLong("crs"), help: ArgumentHelp("Analysis CRS: EPSG code, WKT or PROJ string (default: chosen for the data).", valueName: "crs"))
    var text: String?

    /// The CRS given, parsed by PROJ; nil when none was given.
    /// - Throws: `ProjectionError` naming what PROJ could not read.
    func crs() throws -> CRS? { try text.map { try CRS($0) } }
}

/// Parsing of command-line lengths: a number with a unit (`25km`, `800m`), or a bare number in
/// the CRS's units (metres for the projected CRSs analyses run in).
enum LengthArgument {
    static func meters(_ text: String, option: String) throws -> Double {
        if let l = Length(parsing: text), l.meters > 0 { return l.meters }
        if let v = Double(text), v > 0, v.isFinite { return v }
        throw ValidationError("\(option) must be a positive length such as 25km or 800m (a bare number is metres), got '\(text)'")
    }
}

extension CRS {
    /// The CRS as the commands print it: its name and EPSG code, or its PROJ definition when PROJ
    /// knows no name for it (a CRS chosen for the data).
    var label: String {
        if let code = epsgCode { return "\(name) (EPSG:\(code))" }
        return name == "unknown" || name.isEmpty ? definition : name
    }
}
