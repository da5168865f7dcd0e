import Foundation
import GeoCore
import GeoProjection
import HotspotAnalysis

/// What a Getis-Ord Gi* run on incidents is asked to do: the tessellation, the neighbourhood and
/// the correction. Lengths in metres.
public struct HotspotParameters: Sendable, Hashable {
    /// Cell size (square side, or hexagon centre spacing); nil: the optimized rule.
    public var cellSize: Double?
    /// Hexagons (ArcGIS `HEXAGON`, flat top) instead of a fishnet.
    public var hexagons: Bool
    /// Neighbourhood; nil: the optimized distance band (first peak of incremental spatial
    /// autocorrelation, as ArcGIS's Optimized Hot Spot Analysis).
    public var weighting: SpatialWeighting?
    /// Bins with the False Discovery Rate correction.
    public var fdr: Bool
    /// Cell values: weight sums instead of counts.
    public var weighted: Bool
    /// The most cells the tessellation may have (a server's bound on a request's work); nil: the
    /// module's own limit.
    public var maxCells: Int?

    public init(cellSize: Double? = nil, hexagons: Bool = false, weighting: SpatialWeighting? = nil, fdr: Bool = true,
                weighted: Bool = false, maxCells: Int? = nil) {
        self.cellSize = cellSize
        self.hexagons = hexagons
        self.weighting = weighting
        self.fdr = fdr
        self.weighted = weighted
        self.maxCells = maxCells
    }

    /// Errors of the parameters against the data.
    public enum ParameterError: Error, CustomStringConvertible {
        case tooManyCells(cells: Double, limit: Int)
        public var description: String {
            switch self {
            case .tooManyCells(let n, let limit):
                "cells of that size would make \(Int(n)) cells over the incidents' extent, more than \(limit): choose a larger cell"
            }
        }
    }

    /// Throws when cells of `cellSize` over `extent` exceed `maxCells`.
    public func checkCells(_ extent: BoundingBox, cellSize: Double) throws {
        guard let maxCells else { return }
        let n = (extent.width / cellSize + 2) * (extent.height / cellSize + 2)
        if n > Double(maxCells) { throw ParameterError.tooManyCells(cells: n, limit: maxCells) }
    }
}

/// The result of `HotspotRun.run`: cells as WGS 84 features with ArcGIS's field names, and what
/// the run chose (for the command's report).
public struct HotspotRun: Sendable {
    /// One polygon per analysed cell, lon/lat, with `SOURCE_ID`, `Join_Count`, `weight_sum`,
    /// `GiZScore`, `GiPValue`, `NNeighbors`, `Gi_Bin`.
    public var features: [Feature]
    /// The fields of `features`, in order.
    public static let fields: [Field] = [
        Field(name: "SOURCE_ID", type: .integer), Field(name: "Join_Count", type: .integer),
        Field(name: "weight_sum", type: .real, width: 18, precision: 6), Field(name: "GiZScore", type: .real, width: 24, precision: 15),
        Field(name: "GiPValue", type: .real, width: 24, precision: 15), Field(name: "NNeighbors", type: .integer),
        Field(name: "Gi_Bin", type: .integer),
    ]
    /// The metric CRS of the analysis.
    public var crs: CRS
    public var cellSize: Double
    /// The fixed distance band used (nil for inverse-distance or k-nearest weights).
    public var distanceBand: Double?
    /// Whether the band came from the incremental spatial autocorrelation peak.
    public var bandFromPeak: Bool
    /// Global Moran's I of the cell values (optimized runs).
    public var globalMoransI: MoransI?
    /// Cells per bin −3...3.
    public var binCounts: [Int: Int]

    /// Aggregates `samples` into cells and runs Gi* on them.
    /// - Throws: `ProjectedSamples.ProjectedSamplesError`, `HotSpotAnalysisError`, projection errors.
    public static func run(_ samples: [IncidentSample], parameters p: HotspotParameters, crs: CRS? = nil) throws -> HotspotRun {
        let projected = try ProjectedSamples(samples, crs: crs)
        if let size = p.cellSize, let extent = BoundingBox(covering: projected.points.map { Coordinate($0.x, $0.y) }) {
            try p.checkCells(extent, cellSize: size)
        }
        let shape: Tessellation.Shape = p.hexagons ? .hexagon(.flatTop) : .square
        var options = OptimizedHotSpotOptions(cellSize: p.cellSize, shape: shape)
        options.value = p.weighted ? .weightSum : .count
        let tessellation: Tessellation, aggregation: CellAggregation, ids: [Int], values: [Double], cell: Double
        let report: GiStarReport, band: Double?, fromPeak: Bool, moran: MoransI?
        if let weighting = p.weighting {
            guard let extent = BoundingBox(covering: projected.points.map { Coordinate($0.x, $0.y) }) else {
                throw ProjectedSamples.ProjectedSamplesError.noSamples
            }
            cell = try p.cellSize ?? OptimizedHotSpotAnalysis.defaultCellSize(points: projected.points, extent: extent)
            tessellation = p.hexagons ? try Tessellation.hexagons(covering: extent, size: cell)
                                      : try Tessellation.fishnet(covering: extent, cellSize: cell)
            aggregation = tessellation.aggregate(projected.points)
            ids = tessellation.cellIDs(.occupied, in: aggregation)
            values = ids.map { p.weighted ? aggregation.weightSums[$0] : Double(aggregation.counts[$0]) }
            report = try GetisOrdGiStar.analyse(values: values, centres: ids.map(tessellation.centre(ofCell:)), weighting: weighting, fdr: p.fdr)
            if case .fixedDistance(let d) = weighting { band = d } else { band = nil }
            fromPeak = false
            moran = nil
        } else {
            let r = try OptimizedHotSpotAnalysis.run(points: projected.points, options: options)
            tessellation = r.tessellation; aggregation = r.aggregation; ids = r.cellIDs; values = r.values; cell = r.cellSize
            report = p.fdr ? r.gi : try GetisOrdGiStar.analyse(values: values, centres: ids.map(tessellation.centre(ofCell:)),
                                                                 weighting: .fixedDistance(r.distanceBand), fdr: false)
            band = r.distanceBand
            fromPeak = r.bandSource == .firstPeak
            moran = r.globalMoransI
        }
        let toLonLat = try Transformer(from: projected.crs, to: CRS.wgs84)
        var features: [Feature] = []
        features.reserveCapacity(ids.count)
        var bins: [Int: Int] = [:]
        for (k, id) in ids.enumerated() {
            let g = report.results[k]
            bins[g.bin, default: 0] += 1
            let polygon = try Geometry.polygon(tessellation.polygon(ofCell: id)).transformed(by: toLonLat)
            features.append(Feature(id: .integer(Int64(id)), geometry: polygon, properties: [
                "SOURCE_ID": .integer(Int64(id)), "Join_Count": .integer(Int64(aggregation.counts[id])),
                "weight_sum": .double(aggregation.weightSums[id]), "GiZScore": .double(g.zScore), "GiPValue": .double(g.pValue),
                "NNeighbors": .integer(Int64(g.neighbours)), "Gi_Bin": .integer(Int64(g.bin)),
            ]))
        }
        return HotspotRun(features: features, crs: projected.crs, cellSize: cell, distanceBand: band, bandFromPeak: fromPeak,
                          globalMoransI: moran, binCounts: bins)
    }
}
