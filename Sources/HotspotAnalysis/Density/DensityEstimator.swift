import Foundation
import GeoCore

/// Points prepared for kernel density on any number of grids: the exact sum
/// density(c) = F · Σᵢ wᵢ · C · f(dᵢ/h) over points i with dᵢ < h (see `DensityKernel`;
/// F is the unit factor of `DensityUnit`), evaluated at cell centres.
///
/// Exact, not binned: every point's kernel is evaluated at every cell centre within h, in
/// double precision. Points are sorted once into square buckets of side h anchored at the CRS
/// origin (key floor(y/h), floor(x/h), then y, x, weight); a grid visits only the buckets within
/// h of it (binary search), so a 256 × 256 tile far from most points costs little.
///
/// Seamless tiles: each cell's sum runs over the contributing points in that bucket order, which
/// depends on the points alone, and cell centres on a common lattice are computed identically
/// (`DensityGridLayout`); so two grids sharing cell centres give bit-identical values there,
/// whatever their origins, sizes and the other points passed (a point contributes to a cell only
/// within h of it).
///
/// Speed: rows are taken 8 at a time (each point's row spans found with one square root, the
/// kernel evaluated over the span in a loop the compiler vectorises), row blocks spread over
/// the cores by `DispatchQueue.concurrentPerform`. Benchmarks/README.md has the figures.
public struct DensityEstimator: Sendable {
    public let kernel: DensityKernel
    /// The search radius h in CRS units (metres).
    public let bandwidth: Double
    /// Points with a positive weight.
    public let pointCount: Int
    /// Σ wᵢ of those points.
    public let totalWeight: Double
    let xs: [Double], ys: [Double], ws: [Double]
    /// Bucket keys of the sorted points.
    let bucketY: [Int], bucketX: [Int]
    let barriers: DensityBarriers?
    /// Barrier segments near point i: `barrierList[barrierStart[i] ..< barrierStart[i + 1]]`.
    let barrierStart: [Int32], barrierList: [Int32]

    /// Prepares `points`.
    /// - Parameters:
    ///   - kernel: default `.quartic` (ArcGIS's).
    ///   - bandwidth: the search radius h, CRS units.
    ///   - weighted: use the points' weights (false: every point counts 1).
    ///   - barriers: lines or polygons (same CRS) that kernels do not cross ("Euclidean with
    ///     barriers", as ArcGIS Pro): a cell gets nothing from a point when the straight segment
    ///     from the point to the cell centre meets a barrier line or polygon ring (touching
    ///     counts). Only points within h of a barrier pay for the segment tests.
    /// - Throws: `DensityError.invalidBandwidth`, `.invalidPoint`, `.negativeWeight`.
    public init(points: [AnalysisPoint], kernel: DensityKernel = .quartic, bandwidth: Double,
                weighted: Bool = true, barriers: [Geometry] = []) throws {
        guard bandwidth.isFinite, bandwidth > 0 else { throw DensityError.invalidBandwidth(bandwidth) }
        struct Entry { var by: Int; var bx: Int; var y: Double; var x: Double; var w: Double }
        var entries: [Entry] = []
        entries.reserveCapacity(points.count)
        let maxKey = 1e15
        for (i, p) in points.enumerated() {
            guard p.x.isFinite, p.y.isFinite, p.weight.isFinite else { throw DensityError.invalidPoint(index: i) }
            let w = weighted ? p.weight : 1
            guard w >= 0 else { throw DensityError.negativeWeight(index: i, weight: w) }
            guard w > 0 else { continue }
            let kx = (p.x / bandwidth).rounded(.down), ky = (p.y / bandwidth).rounded(.down)
            guard abs(kx) < maxKey, abs(ky) < maxKey else { throw DensityError.invalidPoint(index: i) }
            entries.append(Entry(by: Int(ky), bx: Int(kx), y: p.y, x: p.x, w: w))
        }
        entries.sort { a, b in
            if a.by != b.by { return a.by < b.by }
            if a.bx != b.bx { return a.bx < b.bx }
            if a.y != b.y { return a.y < b.y }
            if a.x != b.x { return a.x < b.x }
            return a.w < b.w
        }
        self.kernel = kernel
        self.bandwidth = bandwidth
        pointCount = entries.count
        totalWeight = entries.reduce(0) { $0 + $1.w }
        xs = entries.map(\.x)
        ys = entries.map(\.y)
        ws = entries.map(\.w)
        bucketY = entries.map(\.by)
        bucketX = entries.map(\.bx)
        let b = DensityBarriers(barriers)
        self.barriers = b
        var start: [Int32] = [0]
        var list: [Int32] = []
        if let b {
            start.reserveCapacity(entries.count + 1)
            for e in entries {
                list += b.candidates(x: e.x, y: e.y, h: bandwidth)
                start.append(Int32(list.count))
            }
        }
        barrierStart = start
        barrierList = list
    }

    /// The density at one position (x, y), in `unit` (`cellSize` only matters for
    /// `.countPerCell`): the same sum, in the same order, as a grid cell centred there.
    public func density(x: Double, y: Double, unit: DensityUnit = .perSquareKilometre, cellSize: Double = 1) -> Double {
        var value = [0.0]
        accumulateKernel(centreXs: [x], centreYs: [y], factor: unit.factor(cellSize: cellSize), into: &value)
        return value[0]
    }

    /// The density at every cell centre of `layout`, in `unit`; cells no kernel reaches hold 0
    /// (NoData, see `DensitySurface`). The grid may lie partly or wholly outside the points.
    public func surface(on layout: DensityGridLayout, unit: DensityUnit = .perSquareKilometre, crs: String? = nil) -> DensitySurface {
        var values = [Double](repeating: 0, count: layout.width * layout.height)
        accumulateKernel(centreXs: layout.centreXs(), centreYs: layout.centreYs(),
                         factor: unit.factor(cellSize: layout.cellSize), into: &values)
        return DensitySurface(checked: layout, values: values, unit: unit, crs: crs)
    }
}

extension DensityEstimator {
    /// Adds the kernels to `values` (row-major over centreYs × centreXs), choosing the
    /// specialised loop of the kernel. `factor` is the unit factor.
    func accumulateKernel(centreXs: [Double], centreYs: [Double], factor: Double, into values: inout [Double]) {
        let f = factor * kernel.normalisingConstant(bandwidth: bandwidth)
        switch kernel {
        case .quartic: accumulate(QuarticProfile.self, centreXs, centreYs, f, &values)
        case .gaussian: accumulate(GaussianProfile.self, centreXs, centreYs, f, &values)
        case .epanechnikov: accumulate(EpanechnikovProfile.self, centreXs, centreYs, f, &values)
        case .triweight: accumulate(TriweightProfile.self, centreXs, centreYs, f, &values)
        case .triangular: accumulate(TriangularProfile.self, centreXs, centreYs, f, &values)
        case .uniform: accumulate(UniformProfile.self, centreXs, centreYs, f, &values)
        }
    }
}
