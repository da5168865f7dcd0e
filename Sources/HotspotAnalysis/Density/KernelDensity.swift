import GeoCore

/// The search radius of a kernel density run.
public enum DensityBandwidth: Sendable, Hashable {
    /// A fixed radius in CRS units (metres).
    case fixed(Double)
    /// ArcGIS's default: `SpatialSilvermanBandwidth` of the points.
    case auto
}

/// Kernel density as ArcGIS Pro's Kernel Density tool computes it (planar method): the sum of
/// each point's kernel (`DensityKernel`, quartic by default) × its weight, at cell centres, per
/// km² by default, NoData where no kernel reaches.
public enum KernelDensity {
    /// Options of `estimate`; the defaults are ArcGIS's.
    public struct Options: Sendable, Hashable {
        public var kernel: DensityKernel
        public var bandwidth: DensityBandwidth
        public var unit: DensityUnit
        /// Use the points' weights (ArcGIS's population field); false counts each point once.
        public var weighted: Bool
        /// The cell size in CRS units; nil: ArcGIS's default, min(extent width, height) / 250.
        public var cellSize: Double?
        /// The output extent; nil: the points' extent (ArcGIS's default).
        public var extent: BoundingBox?
        /// A fully pinned grid (ArcGIS's environment settings); overrides `cellSize` and `extent`.
        public var layout: DensityGridLayout?
        /// The CRS of the points and grid, copied to the result.
        public var crs: String?

        public init(kernel: DensityKernel = .quartic, bandwidth: DensityBandwidth = .auto,
                    unit: DensityUnit = .perSquareKilometre, weighted: Bool = true, cellSize: Double? = nil,
                    extent: BoundingBox? = nil, layout: DensityGridLayout? = nil, crs: String? = nil) {
            self.kernel = kernel
            self.bandwidth = bandwidth
            self.unit = unit
            self.weighted = weighted
            self.cellSize = cellSize
            self.extent = extent
            self.layout = layout
            self.crs = crs
        }
    }

    /// A density surface with the radius used, for the CLI to print ("radius 25.3 km").
    public struct Result: Sendable {
        public let surface: DensitySurface
        /// The search radius used, CRS units (metres).
        public let bandwidth: Double
        /// The default-radius computation, when `.auto` was asked for.
        public let bandwidthDetails: SpatialSilvermanBandwidth?

        public init(surface: DensitySurface, bandwidth: Double, bandwidthDetails: SpatialSilvermanBandwidth?) {
            self.surface = surface
            self.bandwidth = bandwidth
            self.bandwidthDetails = bandwidthDetails
        }
    }

    /// Computes the density of `points` (x, y in projected metres) on the grid the options
    /// choose, optionally with `barriers` (lines or polygons in the same CRS; see
    /// `DensityBarriers` for the rule).
    /// - Throws: `DensityError` (no points, bad weights, bad radius or grid).
    public static func estimate(points: [AnalysisPoint], options: Options = Options(),
                                barriers: [Geometry] = []) throws -> Result {
        let details: SpatialSilvermanBandwidth?
        let h: Double
        switch options.bandwidth {
        case .fixed(let value):
            h = value
            details = nil
        case .auto:
            let rule = try SpatialSilvermanBandwidth(points: points, weighted: options.weighted)
            h = rule.bandwidth
            details = rule
        }
        let layout: DensityGridLayout
        if let pinned = options.layout {
            layout = pinned
        } else if let extent = options.extent {
            layout = try DensityGridLayout(covering: extent, cellSize: options.cellSize ?? DensityGridLayout.defaultCellSize(for: extent))
        } else {
            layout = try DensityGridLayout.arcGISDefault(for: points, cellSize: options.cellSize)
        }
        let estimator = try DensityEstimator(points: points, kernel: options.kernel, bandwidth: h,
                                             weighted: options.weighted, barriers: barriers)
        guard estimator.pointCount > 0 else { throw DensityError.noPoints }
        return Result(surface: estimator.surface(on: layout, unit: options.unit, crs: options.crs),
                      bandwidth: h, bandwidthDetails: details)
    }
}
