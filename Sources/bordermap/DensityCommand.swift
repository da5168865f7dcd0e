import ArgumentParser
import Foundation
import GeoCore
import GeoFormats
import GeoProjection
import HotspotAnalysis
import TileServer

/// `bordermap density`: kernel density exactly as ArcGIS Pro's Kernel Density tool.
struct DensityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "density",
        abstract: "Kernel density of incidents (ArcGIS rules) as a raster, a coloured map or hot spot polygons.",
        discussion: """
        The density at each cell centre is the sum over points within the search radius h of
        weight × kernel(distance), per km² by default (ArcGIS's quartic kernel
        3/(πh²)·(1−(d/h)²)² unless --kernel says otherwise; every kernel integrates to 1, so a
        point's volume is its weight). Cells no kernel reaches are NoData. The analysis runs in
        metres in --crs, else in a projected CRS chosen for the data (UTM inside one zone, Albers
        equal-area across Central Asia).

        --radius auto is ArcGIS's default radius, the spatial Silverman rule
        h = 0.9·min(SD, √(1/ln 2)·Dm)·n^−0.2 (weighted mean centre, standard distance SD, median
        distance Dm, n the sum of weights); the radius used is always printed, with its unit.
        --cell defaults to ArcGIS's min(width, height)/250 of the points' extent; --extent pins
        the grid (W,S,E,N in the CRS) so that runs are comparable, like ArcGIS's environment
        settings. The result is exact (no binning or FFT).

        Outputs by extension: .asc (ESRI ASCII grid + .prj, full precision), .tif (Float32
        GeoTIFF, tiled, DEFLATE, NoData set), .png (the surface on the report style's map with a
        legend), .geojson / .json / .shp / .gpkg (hot spot polygons: isobands of the surface at
        --classes breaks, with class, value range, incident count and weight inside).

        Examples:
          bordermap density --db incidents.sqlite --from 2024-01-01 --out density.tif
          bordermap density --in seizures.geojson --weight quantity_kg --crs EPSG:32642 \\
              --extent 300000,4100000,900000,4700000 --cell 2000 --radius auto --out d.asc
          bordermap density --db incidents.sqlite --category seizure --radius 25km --classes jenks:5 --out hot.geojson
        """
    )

    @OptionGroup var input: AnalysisInputOptions

    @OptionGroup var analysisCRS: AnalysisCRSOption

    @Option(help: ArgumentHelp("Output extent W,S,E,N in the analysis CRS (default: the points' extent).", valueName: "w,s,e,n"))
    var extent: String?

    @Option(help: ArgumentHelp("Cell size (2km, 500m; a bare number is in CRS units). Default: min(width, height)/250.", valueName: "length"))
    var cell: String?

    @Option(help: ArgumentHelp("Search radius: auto (ArcGIS's spatial Silverman rule) or a length (25km).", valueName: "auto|length"))
    var radius: String = "auto"

    @Option(help: "Kernel: quartic (ArcGIS), gaussian, epanechnikov, triweight, triangular, uniform.")
    var kernel: String = "quartic"

    @Option(help: "Output values: km2 (density per km²), m2 (per m²) or counts (expected count per cell).")
    var units: String = "km2"

    @Option(help: ArgumentHelp("Lines or polygons (GeoJSON or shapefile) that kernels do not cross, e.g. a closed border section.", valueName: "file"))
    var barriers: String?

    @Flag(help: "Measure distances on the WGS 84 ellipsoid (geodesics) from each incident to each cell centre; cells stay in the CRS. No barriers.")
    var geodesic = false

    @Option(help: ArgumentHelp("Class breaks for hot spot polygons: jenks:N, quantile:N, equal:N, stddev:1 or values:A,B,C.", valueName: "spec"))
    var classes: String = "jenks:5"

    @OptionGroup var styles: StylesFolderOption

    @OptionGroup var data: DataFolderOption

    @Option(help: "Output file: .asc, .tif, .png, or .geojson/.json/.shp/.gpkg for hot spot polygons.")
    var out: String

    enum Output { case raster, png, polygons(AnalysisLayerWriter.Format) }

    var output: Output {
        get throws {
            switch (out as NSString).pathExtension.lowercased() {
            case "asc", "tif", "tiff": .raster
            case "png": .png
            default: .polygons(try AnalysisLayerWriter.Format(named: nil, path: out))
            }
        }
    }

    func validate() throws {
        _ = try output
        guard DensityKernel(name: kernel) != nil else {
            throw ValidationError("unknown kernel '\(kernel)'; use \(DensityKernel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard DensityUnit(name: units) != nil else { throw ValidationError("--units must be km2, m2 or counts, got '\(units)'") }
        if radius != "auto" { _ = try LengthArgument.meters(radius, option: "--radius") }
        if let cell { _ = try LengthArgument.meters(cell, option: "--cell") }
        do { _ = try ClassBreakMethod(parsing: classes) } catch { throw ValidationError("--classes: \(error)") }
        if let extent, Self.box(extent) == nil { throw ValidationError("--extent must be W,S,E,N numbers, got '\(extent)'") }
    }

    static func box(_ text: String) -> BoundingBox? {
        let v = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard v.count == 4, v[0] < v[2], v[1] < v[3] else { return nil }
        return BoundingBox(minX: v[0], minY: v[1], maxX: v[2], maxY: v[3])
    }

    func run() throws {
        do {
            let samples = try input.samples()
            let projected = try ProjectedSamples(samples.samples, crs: try analysisCRS.crs())
            var options = KernelDensity.Options(kernel: DensityKernel(name: kernel) ?? .quartic,
                                                unit: DensityUnit(name: units) ?? .perSquareKilometre,
                                                weighted: input.weight != nil, crs: projected.crs.definition)
            if radius != "auto" { options.bandwidth = .fixed(try LengthArgument.meters(radius, option: "--radius")) }
            options.cellSize = try cell.map { try LengthArgument.meters($0, option: "--cell") }
            options.extent = extent.flatMap(Self.box)
            let walls = try barriers.map { try Self.barrierGeometries($0, crs: projected.crs) } ?? []
            let result = geodesic ? try geodesicDensity(samples.samples, projected: projected, options: options)
                                  : try KernelDensity.estimate(points: projected.points, options: options, barriers: walls)
            report(result, samples: samples, crs: projected.crs)
            switch try output {
            case .raster: try writeRaster(result.surface, crs: projected.crs)
            case .png: try DensityPreview(styles: styles.path, data: data.path).write(result, kernel: kernel, crs: projected.crs, to: out)
            case .polygons(let format):
                let features = try DensityPolygons.features(result.surface, classes: classes, points: projected.points, crs: projected.crs)
                try AnalysisLayerWriter.write(features, fields: DensityPolygons.fields, name: "density", to: out, format: format)
                print("\(out): \(features.count) hot spot polygons (\(classes))")
            }
            if samples.skippedForWeight > 0 {
                Terminal.error("note: \(samples.skippedForWeight) incidents without a positive \(input.weight ?? "weight") were left out")
                throw ExitCode(3)
            }
        } catch {
            throw CleanExit.message(for: error)
        }
    }

    /// The density with geodesic distances: radius (auto: the spatial Silverman rule in the
    /// projected CRS) and grid as for the planar run, distances on the WGS 84 ellipsoid.
    func geodesicDensity(_ samples: [IncidentSample], projected: ProjectedSamples, options: KernelDensity.Options) throws -> KernelDensity.Result {
        guard barriers == nil else { throw ValidationError("--geodesic does not take --barriers") }
        let details: SpatialSilvermanBandwidth?, h: Double
        switch options.bandwidth {
        case .fixed(let value): (h, details) = (value, nil)
        case .auto:
            let rule = try SpatialSilvermanBandwidth(points: projected.points, weighted: options.weighted)
            (h, details) = (rule.bandwidth, rule)
        }
        let layout = try options.extent.map { try DensityGridLayout(covering: $0, cellSize: options.cellSize ?? DensityGridLayout.defaultCellSize(for: $0)) }
            ?? DensityGridLayout.arcGISDefault(for: projected.points, cellSize: options.cellSize)
        let lonLat = zip(samples, projected.points).map { s, p in AnalysisPoint(x: s.lon, y: s.lat, weight: p.weight, time: p.time) }
        let surface = try GeodesicKernelDensity.surface(points: lonLat, layout: layout, crs: projected.crs, kernel: options.kernel,
                                                        bandwidth: h, unit: options.unit, weighted: options.weighted)
        print("distances: geodesic (WGS 84 ellipsoid)")
        return KernelDensity.Result(surface: surface, bandwidth: h, bandwidthDetails: details)
    }

    /// Prints what was computed: the radius with its unit (and how auto chose it), the grid, the range.
    func report(_ r: KernelDensity.Result, samples: IncidentSampleSet, crs: CRS) {
        let l = r.surface.layout
        print("points: \(samples.samples.count)\(input.weight.map { " weighted by \($0)" } ?? "")")
        print("CRS: \(crs.label)")
        if let d = r.bandwidthDetails {
            print(String(format: "search radius: %.3f km (auto, spatial Silverman: SD %.3f km, √(1/ln 2)·Dm %.3f km, n %.6g; %@ decided)",
                         r.bandwidth / 1000, d.standardDistance / 1000, d.scaledMedianDistance / 1000, d.n,
                         d.branch == .standardDistance ? "SD" : "Dm"))
        } else {
            print(String(format: "search radius: %.3f km", r.bandwidth / 1000))
        }
        print(String(format: "grid: %d x %d cells of %.3f m, origin (%.3f, %.3f)", l.width, l.height, l.cellSize, l.originX, l.originY))
        print("kernel: \(kernel); values: density \(r.surface.unit); maximum \(String(format: "%.9g", r.surface.maximum))")
    }

    func writeRaster(_ surface: DensitySurface, crs: CRS) throws {
        let grid = try surface.grid()
        let nodata = Double(DensitySurface.defaultNodata)
        let values = surface.values.map { $0 == 0 ? nodata : $0 }
        let georeference = RasterGeoreference(epsg: crs.epsgCode, proj: try crs.projString(), esriWKT: try crs.wkt(.wkt1ESRI))
        try RasterWriter.write(grid, doubleValues: values, to: URL(fileURLWithPath: out), georeference: georeference)
        print("\(out): \(grid.width) x \(grid.height) \((out as NSString).pathExtension.lowercased() == "asc" ? "ESRI ASCII grid" : "GeoTIFF")")
    }

    /// Barrier lines and polygons projected into the analysis CRS.
    static func barrierGeometries(_ path: String, crs: CRS) throws -> [Geometry] {
        let toCRS = try Transformer(from: CRS.wgs84, to: crs)
        return try AnalysisInputOptions.lonLatFeatures(path).compactMap { try $0.geometry?.transformed(by: toCRS) }
    }
}
