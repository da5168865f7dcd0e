import ArgumentParser
import Foundation
import GeoCore
import GeoFormats
import GeoProjection
import RouteAnalysis
import TileServer

/// `bordermap least-cost`: least-cost paths across country over a cost grid (ArcGIS's Cost
/// Distance and Cost Path), the grid read from a raster or built from layers.
struct LeastCostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "least-cost",
        abstract: "Least-cost paths across country over a cost grid, with the accumulated cost surface.",
        discussion: """
        Costs are per metre of travel through a cell (for example seconds per metre: walking at
        5 km/h is 0.72, a road at 60 km/h 0.06), so a path's total_cost is in the same unit times
        metres (seconds in that example). A move between neighbouring cells costs the distance
        between their centres (cell or cell·√2) times the mean of the two cells' costs, as
        ArcGIS's Cost Distance; cells holding NoData or +infinity cannot be crossed.

        The grid is either --cost FILE (.asc with its .prj, or .tif; cost per metre of the
        grid's CRS, which must be projected; --crs names it when the file declares none) or
        built: --base-cost everywhere (default 1), then each --layer FILE=COST burned in order
        (lines cover every cell they pass through, polygons the cells whose centre they hold;
        COST a number or `impassable`), then each --barrier FILE as impassable (closed border
        lines, wide rivers). A built grid covers the points with a margin of a quarter of their
        span (at least 10 km) unless --extent W,S,E,N is given (in --crs units when --crs is
        given, else lon/lat), in --crs or a projected CRS chosen for the area, with cells of --cell (default: the extent's longer
        side / 500, rounded to 1, 2 or 5 × 10ⁿ m). Layers and barriers also apply to --cost.

        Every --to gets the path from the nearest --from (the cheapest of them), through the
        centres of the cells crossed. Output (--out: .geojson, .json Esri JSON, .shp, .gpkg, in
        WGS 84): one line per destination with total_cost, length_km (geodesic), cells, from, to
        and cell_m. --surface FILE (.asc or .tif) writes the accumulated cost, --back-links FILE
        the direction codes of ArcGIS's Cost Back Link raster (1 east, clockwise to 8 north-east;
        0 at a source), both in the grid's CRS.

        Examples:
          bordermap least-cost --from 69.10,37.20 --to 69.60,37.60 --cell 500m --base-cost 0.72 \\
              --layer Shapefiles/ca_roads.shp=0.06 --barrier closed_border.geojson \\
              --out path.geojson --surface cost.tif
          bordermap least-cost --cost friction.tif --from 69.10,37.20 --from 69.30,37.10 --to 69.60,37.60 --out p.shp
        """
    )

    @Option(help: ArgumentHelp("Source point (repeatable; the cheapest source serves each destination).", valueName: "lon,lat"))
    var from: [String] = []

    @Option(help: ArgumentHelp("Destination point (repeatable; one path each).", valueName: "lon,lat"))
    var to: [String] = []

    @Option(help: ArgumentHelp("Cost raster (.asc or .tif): cost per metre per cell, NoData impassable.", valueName: "file"))
    var cost: String?

    @Option(name: .customLong("base-cost"), help: "Cost per metre of every cell of a built grid before layers.")
    var baseCost: Float = 1

    @Option(help: ArgumentHelp("A layer burned in at a cost per metre (repeatable, in order).", valueName: "file=cost|impassable"))
    var layer: [String] = []

    @Option(help: ArgumentHelp("Lines or polygons nothing may cross (repeatable).", valueName: "file"))
    var barrier: [String] = []

    @Option(help: ArgumentHelp("Extent of a built grid: in --crs units with --crs, else lon/lat.", valueName: "w,s,e,n"))
    var extent: String?

    @Option(help: ArgumentHelp("Cell size of a built grid (500m, 1km).", valueName: "length"))
    var cell: String?

    @OptionGroup var analysisCRS: AnalysisCRSOption

    @Option(help: ArgumentHelp("Write the accumulated cost surface (.asc or .tif).", valueName: "file"))
    var surface: String?

    @Option(name: .customLong("back-links"), help: ArgumentHelp("Write the back-link raster (.asc or .tif).", valueName: "file"))
    var backLinks: String?

    @Option(help: "Output file: .geojson, .json (Esri JSON), .shp or .gpkg.")
    var out: String

    /// Largest grid computed (cells): about 30 bytes each while computing.
    static let maxCells = 25_000_000

    func validate() throws {
        guard !from.isEmpty, !to.isEmpty else { throw ValidationError("give at least one --from and one --to point (lon,lat)") }
        _ = try AnalysisLayerWriter.Format(named: nil, path: out)
        for path in [surface, backLinks].compactMap({ $0 }) where RasterFormat(pathExtension: (path as NSString).pathExtension) == nil {
            throw ValidationError("\(path): rasters are written as .asc or .tif")
        }
        if cost != nil, extent != nil || cell != nil {
            throw ValidationError("--extent and --cell shape a built grid; a --cost raster has its own")
        }
        guard baseCost.isFinite, baseCost >= 0 else { throw ValidationError("--base-cost must be zero or positive, got \(baseCost)") }
        if let cell { _ = try LengthArgument.meters(cell, option: "--cell") }
        if let extent, DensityCommand.box(extent) == nil { throw ValidationError("--extent must be W,S,E,N numbers, got '\(extent)'") }
        for spec in layer { _ = try Self.layerSpec(spec) }
        _ = try points()
    }

    /// The --from and --to points, lon/lat.
    func points() throws -> (sources: [Coordinate], destinations: [Coordinate]) {
        do {
            return (try from.map { try RouteParameters.point($0, name: "--from") },
                    try to.map { try RouteParameters.point($0, name: "--to") })
        } catch let e as RouteParameters.ParameterError {
            throw ValidationError(e.description)
        }
    }

    /// A `--layer FILE=COST` argument split at its last `=`.
    static func layerSpec(_ text: String) throws -> (path: String, cost: Float) {
        guard let eq = text.lastIndex(of: "="), eq != text.startIndex else {
            throw ValidationError("--layer must be FILE=COST (a number or impassable), got '\(text)'")
        }
        let path = String(text[..<eq]), value = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces).lowercased()
        if value == "impassable" || value == "inf" { return (path, .infinity) }
        guard let c = Float(value), c.isFinite, c >= 0 else {
            throw ValidationError("--layer \(path): cost must be a number ≥ 0 or impassable, got '\(value)'")
        }
        return (path, c)
    }

    func run() throws {
        do {
            let (sources, destinations) = try points()
            var (grid, crs) = try cost.map { try readGrid($0) } ?? buildGrid(around: sources + destinations)
            let toGrid = try Transformer(from: CRS.wgs84, to: crs)
            let layers = try layer.map { spec -> CostLayer in
                let (path, value) = try Self.layerSpec(spec)
                return CostLayer(geometries: try geometries(path, toGrid), cost: value)
            } + barrier.map { CostLayer.impassable(try geometries($0, toGrid)) }
            try CostGridBuilder.burn(layers, into: &grid)
            print("CRS: \(crs.label)")
            print(String(format: "cost grid: %d x %d cells of %.1f m%@", grid.width, grid.height, grid.cellSize,
                         layers.isEmpty ? "" : ", \(layers.count) layer\(layers.count == 1 ? "" : "s") burned in"))
            let sourceCells = try sources.enumerated().map { i, p in
                try cellIndex(of: toGrid.transform(p), in: grid, role: "--from \(from[i])")
            }
            let result = try CostDistance.compute(cost: grid, sourceCells: sourceCells)
            var features: [Feature] = []
            for (i, p) in destinations.enumerated() {
                let target = try cellIndex(of: toGrid.transform(p), in: grid, role: "--to \(to[i])")
                let path = try result.path(toCell: target)
                var line = path.line.coordinates
                try toGrid.transform(&line, direction: .inverse)
                let km = try Geodesic.length(of: line) / 1000
                let start = path.cells.first.flatMap { sourceCells.firstIndex(of: $0) }.map { from[$0] } ?? ""
                features.append(Feature(geometry: .lineString(LineString(line)), properties: [
                    "kind": .string("least_cost_path"), "total_cost": .double(path.totalCost), "length_km": .double(km),
                    "cells": .integer(Int64(path.cells.count)), "from": .string(start), "to": .string(to[i]),
                    "cell_m": .double(grid.cellSize),
                ]))
                print(String(format: "path to %@: total cost %.6g, %.3f km, %d cells", to[i], path.totalCost, km, path.cells.count))
            }
            try AnalysisLayerWriter.write(features, fields: Self.fields, name: "least_cost_paths", to: out,
                                          format: try AnalysisLayerWriter.Format(named: nil, path: out))
            print("\(out): \(features.count) path\(features.count == 1 ? "" : "s")")
            let georeference = RasterGeoreference(epsg: crs.epsgCode, proj: try crs.projString(), esriWKT: try crs.wkt(.wkt1ESRI))
            if let surface {
                let g = result.accumulatedGrid
                try RasterWriter.write(g, doubleValues: result.accumulated.map { $0.isFinite ? $0 : -1 },
                                       to: URL(fileURLWithPath: surface), georeference: georeference)
                print("\(surface): accumulated cost, \(g.width) x \(g.height), NoData -1 where unreachable")
            }
            if let backLinks {
                try RasterWriter.write(result.backLinkGrid, to: URL(fileURLWithPath: backLinks), georeference: georeference)
                print("\(backLinks): back-link codes 0-8, NoData 255")
            }
        } catch let e as LeastCostError {
            Terminal.error("error: \(e)")
            throw ExitCode.failure
        } catch {
            throw CleanExit.message(for: error)
        }
    }

    /// The output's property order.
    static let fields: [Field] = [
        Field(name: "kind", type: .string), Field(name: "total_cost", type: .real), Field(name: "length_km", type: .real),
        Field(name: "cells", type: .integer), Field(name: "from", type: .string), Field(name: "to", type: .string),
        Field(name: "cell_m", type: .real),
    ]

    /// The row-major index of the cell holding `p` (grid CRS).
    func cellIndex(of p: Coordinate, in grid: Grid, role: String) throws -> Int {
        guard let c = grid.cell(containing: p) else {
            throw ValidationError("\(role) lies outside the cost grid (\(Self.describe(grid.bounds)) in the grid's CRS)")
        }
        return c.row * grid.width + c.column
    }

    /// An extent as W,S,E,N with 0.1 precision.
    static func describe(_ b: BoundingBox) -> String {
        String(format: "%.1f,%.1f,%.1f,%.1f", b.minX, b.minY, b.maxX, b.maxY)
    }

    /// A cost raster and its projected CRS.
    func readGrid(_ path: String) throws -> (Grid, CRS) {
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("--cost: no file at \(path)") }
        let file = try RasterReader.read(contentsOf: URL(fileURLWithPath: path), maxCells: Self.maxCells)
        var grid = file.grid
        let declared = file.crs.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        guard let crs = try analysisCRS.crs() ?? declared.map({ try CRS($0) }) else {
            throw ValidationError("\(path) declares no CRS (no .prj, no GeoKeys): give it with --crs, e.g. --crs EPSG:32642")
        }
        guard !crs.isGeographic else {
            throw ValidationError("\(path) is in \(crs.label), in degrees: costs are per metre, so the grid must be in a projected CRS")
        }
        guard grid.width * grid.height <= Self.maxCells else {
            throw ValidationError("\(path) has \(grid.width * grid.height) cells; at most \(Self.maxCells) are computed")
        }
        grid.crs = crs.definition
        return (grid, crs)
    }

    /// A grid of --base-cost over --extent (or the points with a margin), in --crs or a CRS chosen for the area.
    func buildGrid(around points: [Coordinate]) throws -> (Grid, CRS) {
        let given = try extent.map { text in
            guard let b = DensityCommand.box(text) else { throw ValidationError("--extent must be W,S,E,N numbers, got '\(text)'") }
            return b
        }
        guard let around = BoundingBox(covering: points) else { throw ValidationError("give --from and --to points") }
        let crs: CRS
        var box: BoundingBox
        if let chosen = try analysisCRS.crs() {
            guard !chosen.isGeographic else { throw ValidationError("--crs \(chosen.label) is in degrees: costs are per metre, give a projected CRS") }
            crs = chosen
            box = try given ?? Transformer(from: CRS.wgs84, to: crs).transformBounds(around)
        } else {
            let lonLat = given ?? around
            crs = try ProjectionChooser.choose(for: lonLat).crs
            box = try Transformer(from: CRS.wgs84, to: crs).transformBounds(lonLat)
        }
        if extent == nil {
            let margin = max(0.25 * max(box.width, box.height), 10_000)
            box = BoundingBox(minX: box.minX - margin, minY: box.minY - margin, maxX: box.maxX + margin, maxY: box.maxY + margin)
        }
        let size = try cell.map { try LengthArgument.meters($0, option: "--cell") } ?? Self.roundCell(max(box.width, box.height) / 500)
        let cells = (box.width / size).rounded(.up) * (box.height / size).rounded(.up)
        guard cells <= Double(Self.maxCells) else {
            throw ValidationError(String(format: "a %.0f m cell over %.0f x %.0f km makes %.0f cells; at most %d are computed: give a larger --cell",
                                         size, box.width / 1000, box.height / 1000, cells, Self.maxCells))
        }
        return (try CostGridBuilder.build(extent: box, cellSize: size, crs: crs.definition, baseCost: baseCost, layers: []), crs)
    }

    /// `value` rounded up to 1, 2 or 5 × 10ⁿ.
    static func roundCell(_ value: Double) -> Double {
        let scale = pow(10, (log10(max(value, 1e-9))).rounded(.down))
        return ([1.0, 2, 5, 10].first { $0 * scale >= value } ?? 10) * scale
    }

    /// A layer's lines and polygons, projected into the grid's CRS.
    func geometries(_ path: String, _ toGrid: Transformer) throws -> [Geometry] {
        try AnalysisInputOptions.lonLatFeatures(path).compactMap { try $0.geometry?.transformed(by: toGrid) }
    }
}
