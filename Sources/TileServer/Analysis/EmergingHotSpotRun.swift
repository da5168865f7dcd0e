import Foundation
import GeoCore
import GeoProjection
import HotspotAnalysis

/// Emerging hot spot analysis in the manner of ArcGIS Pro's tool: incidents binned into cells
/// (the tessellation of `HotspotParameters`) and time steps (`step`), Getis-Ord Gi* for every
/// step with the same fixed distance band (given, or the optimized band of the whole period's
/// counts), then each cell's series of z-scores classified (`EmergingHotSpotClassifier`: new,
/// consecutive, intensifying, persistent, diminishing, sporadic, oscillating, historical; hot
/// and cold; no pattern) with a Mann-Kendall trend test on its z-scores. Cells with no incident
/// in the whole period are not analysed. A step in which every analysed cell has the same count
/// (e.g. none at all) has no variance to test: its cells count as not significant (z 0, p 1).
public struct EmergingHotSpotRun: Sendable {
    /// One polygon per analysed cell, lon/lat: `SOURCE_ID`, `CATEGORY` (ArcGIS's display name),
    /// `TREND_Z`, `TREND_P`, `SENS_SLOPE`, `HOT_STEPS`, `COLD_STEPS`, `Join_Count` (the whole period).
    public var features: [Feature]
    public static let fields: [Field] = [
        Field(name: "SOURCE_ID", type: .integer), Field(name: "CATEGORY", type: .string, width: 30),
        Field(name: "TREND_Z", type: .real, width: 24, precision: 15), Field(name: "TREND_P", type: .real, width: 24, precision: 15),
        Field(name: "SENS_SLOPE", type: .real, width: 24, precision: 15), Field(name: "HOT_STEPS", type: .integer),
        Field(name: "COLD_STEPS", type: .integer), Field(name: "Join_Count", type: .integer),
    ]
    public var crs: CRS
    public var cellSize: Double
    public var distanceBand: Double
    public var steps: [Date]
    /// Cells per category.
    public var categoryCounts: [EmergingHotSpotCategory: Int]

    /// - Throws: `ProjectedSamples.ProjectedSamplesError`, `HotSpotAnalysisError`, `TimeBinning.BinningError`,
    ///   projection errors.
    public static func run(_ samples: [IncidentSample], parameters p: HotspotParameters, step: TimeStep,
                           crs: CRS? = nil) throws -> EmergingHotSpotRun {
        let projected = try ProjectedSamples(samples, crs: crs)
        let points = projected.points
        var options = OptimizedHotSpotOptions(cellSize: p.cellSize, shape: p.hexagons ? .hexagon(.flatTop) : .square)
        options.value = p.weighted ? .weightSum : .count
        // The whole period fixes the tessellation and, unless given, the distance band.
        let whole = try OptimizedHotSpotAnalysis.run(points: points, options: options)
        let tessellation = whole.tessellation, ids = whole.cellIDs
        var band = whole.distanceBand
        if case .fixedDistance(let d)? = p.weighting { band = d }
        let binning = try TimeBinning(points, step: step)
        let locations = points.map { tessellation.cellID(x: $0.x, y: $0.y) }
        let cube = binning.cube(points, locations: locations, locationCount: tessellation.cellCount, weighted: p.weighted)
        let weights = try SpatialWeights(centres: ids.map(tessellation.centre(ofCell:)), weighting: .fixedDistance(band))
        var z = [[Double]](repeating: [], count: ids.count), pv = [[Double]](repeating: [], count: ids.count)
        for t in 0..<binning.stepCount {
            let values = ids.map { cube[$0][t] }
            let results: [GiStarResult]
            do {
                results = try GetisOrdGiStar.analyse(values: values, weights: weights, fdr: false).results
            } catch HotSpotAnalysisError.zeroVariance {
                results = values.map { _ in GiStarResult(zScore: 0, pValue: 1, neighbours: 0, bin: 0) }
            }
            for k in ids.indices {
                z[k].append(results[k].zScore)
                pv[k].append(results[k].pValue)
            }
        }
        let toLonLat = try Transformer(from: projected.crs, to: CRS.wgs84)
        var features: [Feature] = [], counts: [EmergingHotSpotCategory: Int] = [:]
        for (k, id) in ids.enumerated() {
            let (category, trend) = EmergingHotSpotClassifier.classify(zScores: z[k], pValues: pv[k])
            counts[category, default: 0] += 1
            let hot = zip(z[k], pv[k]).filter { $0 > 0 && $1 <= 0.10 }.count, cold = zip(z[k], pv[k]).filter { $0 < 0 && $1 <= 0.10 }.count
            features.append(Feature(id: .integer(Int64(id)), geometry: try Geometry.polygon(tessellation.polygon(ofCell: id)).transformed(by: toLonLat),
                                    properties: [
                                        "SOURCE_ID": .integer(Int64(id)), "CATEGORY": .string(category.displayName),
                                        "TREND_Z": .double(trend.z), "TREND_P": .double(trend.p), "SENS_SLOPE": .double(trend.slope),
                                        "HOT_STEPS": .integer(Int64(hot)), "COLD_STEPS": .integer(Int64(cold)),
                                        "Join_Count": .integer(Int64(whole.aggregation.counts[id])),
                                    ]))
        }
        return EmergingHotSpotRun(features: features, crs: projected.crs, cellSize: whole.cellSize, distanceBand: band,
                                  steps: Array(binning.stepStarts.prefix(binning.stepCount)), categoryCounts: counts)
    }
}
