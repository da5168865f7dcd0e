import ArgumentParser
import Foundation
import GeoCore
import GeoFormats
import GeoProjection
import HotspotAnalysis
import TileServer

/// `bordermap clusters`: space-time DBSCAN clusters of incidents as hull polygons.
struct ClustersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusters",
        abstract: "Space-time clusters of incidents (DBSCAN in space and time) as polygons.",
        discussion: """
        Two incidents are neighbours when they lie within --distance of each other AND happened
        within --window of each other; an incident with at least --min-points neighbours (itself
        included) is a core, and clusters are the cores joined through neighbours plus the
        incidents next to them (DBSCAN; the same labels as scikit-learn's DBSCAN with a
        space-time neighbourhood). Each cluster is written as a convex hull (or a concave hull
        with --concave RATIO, 0 = tightest, 1 = convex) with its incident count, first and last
        time, time span in days, total weight and dominant category. Distances in metres in a
        projected CRS chosen for the data (or --crs).

        Example:
          bordermap clusters --db incidents.sqlite --distance 5km --window 7days --min-points 5 --out clusters.geojson
        """
    )

    @OptionGroup var input: AnalysisInputOptions

    @Option(help: ArgumentHelp("Neighbourhood distance (5km).", valueName: "length"))
    var distance: String

    @Option(help: ArgumentHelp("Neighbourhood time window: 12hours, 7days, 2weeks.", valueName: "duration"))
    var window: String

    @Option(help: "Neighbours (the incident itself included) that make a core incident.")
    var minPoints: Int = 5

    @Option(help: ArgumentHelp("Concave hulls with this ratio (0...1) instead of convex hulls.", valueName: "ratio"))
    var concave: Double?

    @OptionGroup var analysisCRS: AnalysisCRSOption

    @Option(help: "Output file: .geojson, .json (Esri JSON), .shp or .gpkg.")
    var out: String

    static let fields: [Field] = [
        Field(name: "CLUSTER_ID", type: .integer), Field(name: "COUNT", type: .integer), Field(name: "CORE_COUNT", type: .integer),
        Field(name: "FIRST_TIME", type: .string, width: 20), Field(name: "LAST_TIME", type: .string, width: 20),
        Field(name: "SPAN_DAYS", type: .real, width: 18, precision: 6), Field(name: "WEIGHT_SUM", type: .real, width: 18, precision: 6),
        Field(name: "CATEGORY", type: .string, width: 80), Field(name: "CAT_COUNT", type: .integer),
    ]

    /// Seconds of a duration such as `12hours`, `7days`, `2weeks`.
    static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("hours", 3600), ("hour", 3600), ("h", 3600), ("days", 86_400), ("day", 86_400), ("d", 86_400),
                                         ("weeks", 604_800), ("week", 604_800), ("w", 604_800)]
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            if let v = Double(t.dropLast(suffix.count)), v > 0, v.isFinite { return v * factor }
        }
        return nil
    }

    func validate() throws {
        _ = try AnalysisLayerWriter.Format(named: nil, path: out)
        _ = try LengthArgument.meters(distance, option: "--distance")
        guard Self.seconds(window) != nil else { throw ValidationError("--window must be a duration such as 12hours, 7days or 2weeks, got '\(window)'") }
        guard minPoints >= 1 else { throw ValidationError("--min-points must be at least 1") }
        if let concave, !(0...1).contains(concave) { throw ValidationError("--concave must be between 0 and 1") }
    }

    func run() throws {
        do {
            let samples = try input.samples()
            let projected = try ProjectedSamples(samples.samples, crs: try analysisCRS.crs())
            let clustering = try SpaceTimeDBSCAN.cluster(projected.points, distance: try LengthArgument.meters(distance, option: "--distance"),
                                                         timeWindow: Self.seconds(window) ?? 0, minPoints: minPoints)
            let clusters = try clustering.clusters(of: projected.points, categories: samples.samples.map(\.category),
                                                   hull: concave.map { .concave(ratio: $0) } ?? .convex)
            let toLonLat = try Transformer(from: projected.crs, to: CRS.wgs84)
            let features = try clusters.map { c in
                Feature(id: .integer(Int64(c.label)), geometry: try c.hull.transformed(by: toLonLat), properties: [
                    "CLUSTER_ID": .integer(Int64(c.label)), "COUNT": .integer(Int64(c.count)), "CORE_COUNT": .integer(Int64(c.coreCount)),
                    "FIRST_TIME": .string(DateParsing.iso8601(c.firstTime)), "LAST_TIME": .string(DateParsing.iso8601(c.lastTime)),
                    "SPAN_DAYS": .double(c.timeSpan / 86_400), "WEIGHT_SUM": .double(c.totalWeight),
                    "CATEGORY": c.dominantCategory.map(PropertyValue.string) ?? .null, "CAT_COUNT": .integer(Int64(c.dominantCategoryCount)),
                ])
            }
            try AnalysisLayerWriter.write(features, fields: Self.fields, name: "clusters", to: out,
                                          format: try AnalysisLayerWriter.Format(named: nil, path: out))
            let noise = clustering.labels.filter { $0 < 0 }.count
            print("points: \(samples.samples.count); clusters: \(clusters.count); noise: \(noise); CRS: \(projected.crs.label)")
            print("\(out): written")
        } catch {
            throw CleanExit.message(for: error)
        }
    }
}
