import Foundation
import GeoCore

/// Settings of `OptimizedHotSpotAnalysis.run`; every one has a default.
public struct OptimizedHotSpotOptions: Sendable, Hashable {
    /// What each cell's value is.
    public enum CellValue: Sendable, Hashable {
        /// Number of incidents in the cell (ArcGIS's incident counts).
        case count
        /// Sum of the incidents' weights (e.g. `quantity_kg`).
        case weightSum
    }

    /// Cell size in metres (square side or hexagon centre spacing); nil: `defaultCellSize`.
    public var cellSize: Double?
    /// Cell shape.
    public var shape: Tessellation.Shape
    /// Which cells are analysed (default `.occupied`).
    public var cells: CellSelection
    /// Extent to tessellate; nil: the points' bounding box.
    public var extent: BoundingBox?
    /// Cell value (default `.count`).
    public var value: CellValue
    /// Row-standardise the Moran's I weights of the distance search (default true).
    public var rowStandardized: Bool

    public init(cellSize: Double? = nil, shape: Tessellation.Shape = .square, cells: CellSelection = .occupied,
                extent: BoundingBox? = nil, value: CellValue = .count, rowStandardized: Bool = true) {
        self.cellSize = cellSize
        self.shape = shape
        self.cells = cells
        self.extent = extent
        self.value = value
        self.rowStandardized = rowStandardized
    }
}

/// What an optimized run chose and found.
public struct OptimizedHotSpotResult: Sendable, Hashable {
    /// Where the distance band came from.
    public enum BandSource: Sendable, Hashable {
        /// The first significant peak of the incremental Moran's I series.
        case firstPeak
        /// No peak: the mean distance from each analysed cell to its `k` nearest cells.
        case nearestNeighbourFallback(k: Int)
    }

    /// The tessellation built.
    public var tessellation: Tessellation
    /// Counts and weight sums of every cell.
    public var aggregation: CellAggregation
    /// Ids of the analysed cells, ascending; `values`, `gi.results` are parallel to it.
    public var cellIDs: [Int]
    /// The analysed value of each cell in `cellIDs`.
    public var values: [Double]
    /// Cell size used, metres.
    public var cellSize: Double
    /// Distance band used for Gi* (binary, self included), metres.
    public var distanceBand: Double
    /// How `distanceBand` was chosen.
    public var bandSource: BandSource
    /// The distance series searched for a peak.
    public var incremental: IncrementalSpatialAutocorrelation
    /// Global Moran's I of the cell values at `distanceBand`.
    public var globalMoransI: MoransI
    /// Gi* with FDR bins at `distanceBand`.
    public var gi: GiStarReport
}

/// Hot spots without parameters, in the manner of ArcGIS's Optimized Hot Spot Analysis:
///
/// 1. Aggregate the points into a tessellation (fishnet by default) of cell size
///    `defaultCellSize` unless given; analyse the occupied cells (or all, per options).
/// 2. Run `IncrementalSpatialAutocorrelation` on the cell values: 10 distances starting at the
///    largest and stepping by the mean nearest-neighbour distance between analysed cell centres,
///    both without locational outliers (cells whose nearest-neighbour distance is above mean +
///    3 SD); the distance band is the first significant peak of z.
/// 3. No peak: the band is the mean, over cells, of the mean distance to each cell's k nearest
///    cells, k = clamp(round(0.05 · cells), 3, 30), and at least the series' beginning distance
///    (our rule, in the spirit of ArcGIS's fallback). Outlying cells may have no neighbour
///    at the band: `gi.warnings` counts them.
/// 4. Gi* with fixed-distance binary weights at the band and FDR bins; global Moran's I at the
///    band is reported.
///
/// - Throws: `HotSpotAnalysisError`: `.tooFewFeatures` (fewer than 30 analysed cells, ArcGIS's
///   minimum for this tool), `.zeroVariance` (every cell has the same value), and the errors of
///   the steps.
public enum OptimizedHotSpotAnalysis {
    /// Fewest analysed cells accepted (ArcGIS's minimum for Optimized Hot Spot Analysis).
    public static let minimumCells = 30
    /// Upper bound on cells per side of the default fishnet.
    public static let maximumCellsPerSide = 250.0

    /// Runs the analysis on `points` (projected metres).
    public static func run(points: [AnalysisPoint], options: OptimizedHotSpotOptions = OptimizedHotSpotOptions()) throws -> OptimizedHotSpotResult {
        guard let extent = options.extent ?? BoundingBox(covering: points.lazy.filter { $0.x.isFinite && $0.y.isFinite }.map { Coordinate($0.x, $0.y) }) else {
            throw HotSpotAnalysisError.tooFewFeatures(count: 0, minimum: minimumCells)
        }
        let size = try options.cellSize ?? defaultCellSize(points: points, extent: extent)
        let tess: Tessellation
        switch options.shape {
        case .square: tess = try Tessellation.fishnet(covering: extent, cellSize: size)
        case .hexagon(let o): tess = try Tessellation.hexagons(covering: extent, size: size, orientation: o)
        }
        let agg = tess.aggregate(points)
        let ids = tess.cellIDs(options.cells, in: agg)
        guard ids.count >= minimumCells else { throw HotSpotAnalysisError.tooFewFeatures(count: ids.count, minimum: minimumCells) }
        let values = ids.map { options.value == .count ? Double(agg.counts[$0]) : agg.weightSums[$0] }
        let centres = ids.map(tess.centre(ofCell:))
        let isa = try IncrementalSpatialAutocorrelation(values: values, centres: centres, rowStandardized: options.rowStandardized,
                                                        excludingLocationalOutliers: true)
        let band: Double, source: OptimizedHotSpotResult.BandSource
        if let peak = isa.firstPeak {
            band = peak.distance
            source = .firstPeak
        } else {
            let k = min(30, max(3, Int((0.05 * Double(ids.count)).rounded())))
            band = max(try IncrementalSpatialAutocorrelation.meanDistances(centres, k: k).average, isa.beginningDistance)
            source = .nearestNeighbourFallback(k: k)
        }
        let weights = try SpatialWeights(centres: centres, weighting: .fixedDistance(band))
        let moran = try MoransI(values: values, weights: weights, rowStandardized: options.rowStandardized)
        let gi = try GetisOrdGiStar.analyse(values: values, weights: weights, fdr: true)
        return OptimizedHotSpotResult(tessellation: tess, aggregation: agg, cellIDs: ids, values: values, cellSize: size,
                                      distanceBand: band, bandSource: source, incremental: isa, globalMoransI: moran, gi: gi)
    }

    /// The default cell size, metres: the larger of (a) the mean distance from each distinct
    /// point location to its nearest other distinct location (coincident incidents, common at
    /// border posts, count once), and (b) the extent's longer side / 250, which bounds the
    /// fishnet to 250 cells a side. (BorderMap's rule; ArcGIS derives its size from the point
    /// distribution in a way it does not publish in full.)
    /// - Throws: `.invalidTessellation` when fewer than 2 distinct finite locations exist.
    public static func defaultCellSize(points: [AnalysisPoint], extent: BoundingBox) throws -> Double {
        var xy = points.compactMap { $0.x.isFinite && $0.y.isFinite ? ($0.x, $0.y) : nil }
        xy.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        var distinct = [Coordinate]()
        distinct.reserveCapacity(xy.count)
        for (k, p) in xy.enumerated() where k == 0 || p != xy[k - 1] { distinct.append(Coordinate(p.0, p.1)) }
        guard distinct.count >= 2 else { throw HotSpotAnalysisError.invalidTessellation("fewer than 2 distinct point locations: give a cell size") }
        let nn = try IncrementalSpatialAutocorrelation.nearestNeighbourDistances(distinct)
        let meanNN = nn.reduce(0, +) / Double(nn.count)
        return max(meanNN, max(extent.width, extent.height) / maximumCellsPerSide)
    }
}
