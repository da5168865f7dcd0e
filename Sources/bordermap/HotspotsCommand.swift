import ArgumentParser
import Foundation
import GeoCore
import GeoFormats
import GeoProjection
import GeoTopology
import HotspotAnalysis
import TileServer

/// `bordermap hotspots`: Getis-Ord Gi* (ArcGIS's Hot Spot Analysis), optimized, or emerging over time.
struct HotspotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotspots",
        abstract: "Getis-Ord Gi* hot and cold spots with FDR, optimized or emerging over time (ArcGIS's definitions).",
        discussion: """
        Incidents are counted (or their --weight summed) in a fishnet (--cell) or hexagon (--hex)
        grid, or Gi* runs on values already on polygons (--in FILE --field NAME; every input field
        is kept). Each analysed cell gets ArcGIS's fields: GiZScore, GiPValue (two-sided),
        NNeighbors (itself included) and Gi_Bin (−3…3: cold/hot spot at 99/95/90 % confidence;
        with --fdr the thresholds are the Benjamini-Hochberg critical p-values).

        Neighbourhoods: --distance 15km (fixed band, binary, as ArcGIS's FIXED_DISTANCE_BAND),
        --inverse-distance 15km (1/d within 15 km), --knn 8 (k nearest), or --optimized (the
        default when none is given): the band at the first peak of incremental spatial
        autocorrelation (global Moran's I z-scores over increasing distances), as ArcGIS's
        Optimized Hot Spot Analysis, with FDR; the band and global Moran's I are printed.
        Only cells with incidents are analysed (ArcGIS's optimized tool does the same).

        --step 1month (2weeks, 7days) runs an emerging hot spot analysis: Gi* per time step
        and a Mann-Kendall trend test per cell, classified as ArcGIS's Emerging Hot Spot
        Analysis does (new, consecutive, intensifying, persistent, diminishing, sporadic,
        oscillating, historical hot or cold spot, or no pattern) in the field CATEGORY.

        Output: .geojson (RFC 7946, for ArcGIS's JSON To Features and QGIS), .json (Esri JSON),
        .shp or .gpkg.

        Examples:
          bordermap hotspots --db incidents.sqlite --hex 10km --out hotspots.geojson
          bordermap hotspots --db incidents.sqlite --cell 10km --distance 15km --fdr --out h.geojson
          bordermap hotspots --in cells.shp --field value --distance 15km --fdr --out h.geojson
          bordermap hotspots --db incidents.sqlite --hex 20km --step 1month --out emerging.geojson
        """
    )

    @OptionGroup var input: AnalysisInputOptions

    @Option(help: ArgumentHelp("With --in: Gi* on this numeric field of the input polygons (or points) instead of counting incidents.", valueName: "name"))
    var field: String?

    @Option(help: ArgumentHelp("Fishnet cell size (10km).", valueName: "length"))
    var cell: String?

    @Option(help: ArgumentHelp("Hexagon grid instead, centre spacing (10km).", valueName: "length"))
    var hex: String?

    @Option(help: ArgumentHelp("Fixed distance band (15km).", valueName: "length"))
    var distance: String?

    @Option(help: ArgumentHelp("Inverse distance weights within this distance.", valueName: "length"))
    var inverseDistance: String?

    @Option(help: ArgumentHelp("k nearest neighbours.", valueName: "k"))
    var knn: Int?

    @Flag(help: "Choose the distance band as ArcGIS's Optimized Hot Spot Analysis (the default without --distance/--inverse-distance/--knn).")
    var optimized = false

    @Flag(help: "False Discovery Rate correction of the bins (always on with --optimized).")
    var fdr = false

    @Option(help: ArgumentHelp("Emerging hot spots over time steps: 1month, 2weeks, 7days.", valueName: "step"))
    var step: String?

    @OptionGroup var analysisCRS: AnalysisCRSOption

    @Option(help: "Output file: .geojson, .json (Esri JSON), .shp or .gpkg.")
    var out: String

    func validate() throws {
        _ = try AnalysisLayerWriter.Format(named: nil, path: out)
        if cell != nil && hex != nil { throw ValidationError("give --cell (fishnet) or --hex (hexagons), not both") }
        let chosen = [distance != nil, inverseDistance != nil, knn != nil, optimized].filter { $0 }.count
        if chosen > 1 { throw ValidationError("give one of --distance, --inverse-distance, --knn or --optimized") }
        if let knn, knn < 1 { throw ValidationError("--knn must be at least 1") }
        if field != nil && input.input == nil { throw ValidationError("--field needs --in FILE (values on polygons)") }
        if field != nil && step != nil { throw ValidationError("--step works on incidents, not on --field values") }
        if let step { _ = try TimeStep(parsing: step) }
    }

    var weighting: SpatialWeighting? {
        get throws {
            if let distance { return .fixedDistance(try LengthArgument.meters(distance, option: "--distance")) }
            if let inverseDistance {
                return .inverseDistance(power: 1, threshold: try LengthArgument.meters(inverseDistance, option: "--inverse-distance"))
            }
            if let knn { return .kNearest(knn) }
            return nil
        }
    }

    func run() throws {
        do {
            let crs = try analysisCRS.crs()
            if let field, let path = input.input {
                try runOnValues(path: path, field: field, crs: crs)
                return
            }
            let samples = try input.samples()
            let size = try (cell ?? hex).map { try LengthArgument.meters($0, option: cell != nil ? "--cell" : "--hex") }
            let weighting = try self.weighting
            let parameters = HotspotParameters(cellSize: size, hexagons: hex != nil, weighting: weighting,
                                               fdr: fdr || weighting == nil, weighted: input.weight != nil)
            let format = try AnalysisLayerWriter.Format(named: nil, path: out)
            if let step {
                let r = try EmergingHotSpotRun.run(samples.samples, parameters: parameters, step: try TimeStep(parsing: step), crs: crs)
                print("points: \(samples.samples.count); CRS: \(r.crs.label); cells: \(r.features.count) of \(Self.km(r.cellSize))")
                print("time steps: \(r.steps.count) of \(step) from \(r.steps.first.map(DateText.day) ?? "?"); distance band \(Self.km(r.distanceBand))")
                for (category, n) in r.categoryCounts.sorted(by: { $0.value > $1.value }) { print("  \(category.displayName): \(n)") }
                try AnalysisLayerWriter.write(r.features, fields: EmergingHotSpotRun.fields, name: "emerging_hotspots", to: out, format: format)
            } else {
                let r = try HotspotRun.run(samples.samples, parameters: parameters, crs: crs)
                print("points: \(samples.samples.count); CRS: \(r.crs.label); cells analysed: \(r.features.count) of \(Self.km(r.cellSize))")
                if let band = r.distanceBand {
                    print("distance band: \(Self.km(band))\(r.bandFromPeak ? " (first peak of incremental spatial autocorrelation)" : "")")
                }
                if let m = r.globalMoransI {
                    print(String(format: "global Moran's I: %.6f (expected %.6f), z %.4f, p %.6g", m.index, m.expected, m.zScore, m.pValue))
                }
                print("Gi_Bin\(parameters.fdr ? " (FDR)" : ""): " + (-3...3).map { "\($0): \(r.binCounts[$0] ?? 0)" }.joined(separator: ", "))
                try AnalysisLayerWriter.write(r.features, fields: HotspotRun.fields, name: "hotspots", to: out, format: format)
            }
            print("\(out): written")
            if samples.skippedForWeight > 0 {
                Terminal.error("note: \(samples.skippedForWeight) incidents without a positive \(input.weight ?? "weight") were left out")
                throw ExitCode(3)
            }
        } catch {
            throw CleanExit.message(for: error)
        }
    }

    /// Gi* on a numeric field of given features (polygons or points), every input field kept.
    func runOnValues(path: String, field: String, crs given: CRS?) throws {
        let features = try AnalysisInputOptions.lonLatFeatures(path)
        var kept: [Feature] = [], values: [Double] = [], lonLatCentres: [Coordinate] = []
        var skipped = 0
        for f in features {
            guard let g = f.geometry, let v = f.properties[field]?.doubleValue, v.isFinite,
                  case .point(let c) = try g.pointOnSurfaceOrCentroid() else {
                skipped += 1
                continue
            }
            kept.append(f)
            values.append(v)
            lonLatCentres.append(c.coordinate)
        }
        guard let extent = BoundingBox(covering: lonLatCentres) else { throw ValidationError("no feature of \(path) has a numeric '\(field)'") }
        let crs = try given ?? ProjectionChooser.choose(for: extent).crs
        let toCRS = try Transformer(from: CRS.wgs84, to: crs)
        var centres = lonLatCentres
        try toCRS.transform(&centres)
        let weighting = try self.weighting ?? .fixedDistance(
            try IncrementalSpatialAutocorrelation(values: values, centres: centres).firstPeak?.distance
                ?? { throw ValidationError("no peak of spatial autocorrelation: give --distance") }())
        let report = try GetisOrdGiStar.analyse(values: values, centres: centres, weighting: weighting, fdr: fdr || optimized)
        var fields = (try InputLayer(path: path)).fields.filter { !HotspotRun.fields.map(\.name).contains($0.name) }
        fields += HotspotRun.fields.filter { ["GiZScore", "GiPValue", "NNeighbors", "Gi_Bin"].contains($0.name) }
        var out: [Feature] = []
        for (k, f) in kept.enumerated() {
            var g = f
            let r = report.results[k]
            g.properties["GiZScore"] = .double(r.zScore)
            g.properties["GiPValue"] = .double(r.pValue)
            g.properties["NNeighbors"] = .integer(Int64(r.neighbours))
            g.properties["Gi_Bin"] = .integer(Int64(r.bin))
            out.append(g)
        }
        try AnalysisLayerWriter.write(out, fields: fields, name: "hotspots", to: self.out, format: try AnalysisLayerWriter.Format(named: nil, path: self.out))
        print("features: \(kept.count) with '\(field)'\(skipped > 0 ? " (\(skipped) without a number left out)" : ""); CRS: \(crs.label)")
        if case .fixedDistance(let d) = weighting { print("distance band: \(Self.km(d))") }
        print("Gi_Bin\(report.fdr ? " (FDR)" : ""): " + (-3...3).map { b in "\(b): \(report.results.filter { $0.bin == b }.count)" }.joined(separator: ", "))
        print("\(self.out): written")
        if skipped > 0 { throw ExitCode(3) }
    }

    static func km(_ meters: Double) -> String { String(format: "%.3f km", meters / 1000) }
}

extension Geometry {
    /// A point inside a polygon (GEOS point on surface), a point itself, else the centroid.
    func pointOnSurfaceOrCentroid() throws -> Geometry {
        switch self {
        case .point: self
        case .polygon, .multiPolygon: try pointOnSurface()
        default: try centroid()
        }
    }
}

/// Dates as the commands print them.
enum DateText {
    static func day(_ d: Date) -> String { String(DateParsing.iso8601(d).prefix(10)) }
}
