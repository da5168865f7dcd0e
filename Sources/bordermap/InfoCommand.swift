import ArgumentParser
import Foundation
import GeoCore
import GeoFormats
import GeoProjection

/// `bordermap info FILE`: a layer summary.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Summarise a shapefile or GeoJSON layer: geometry type, feature count, extent, CRS, fields, encoding.",
        discussion: """
        Examples:
          bordermap info Shapefiles/ca_admin0_countries.shp
          bordermap info incidents.geojson
        A shapefile is summarised from its headers without reading every record. When the
        .shp or .shx is shorter than its header declares (a copy cut off in transfer), or
        records the index lists lie past the end of the .shp, the summary says so in
        "Warning: ... shorter than its header declares" lines, "Features" gives the readable
        and the listed count, and the exit status is 3.
        """
    )

    @Argument(help: "A .shp (with its .shx/.dbf/.prj/.cpg beside it) or a .geojson/.json GeoJSON file.")
    var file: String

    func run() throws {
        let truncated: Bool
        do {
            let layer = try InputLayer(path: file)
            print(try summary(of: layer))
            truncated = layer.shapefile?.truncation.isTruncated ?? false
        } catch {
            throw CleanExit.message(for: error)
        }
        if truncated { throw ExitCode(Self.truncatedStatus) }
    }

    /// The exit status of `info` for a shapefile shorter than its headers declare.
    static let truncatedStatus: Int32 = 3

    func summary() throws -> String {
        try summary(of: InputLayer(path: file))
    }

    func summary(of layer: InputLayer) throws -> String {
        var lines: [(String, String)] = [("Layer", layer.name ?? "-"), ("Format", layer.format.rawValue)]
        var extent: BoundingBox?
        if let reader = layer.shapefile {
            let info = reader.info
            lines.append(("Geometry", Self.describe(info.shapeType)))
            let cut = info.truncation
            lines.append(("Features", cut.isTruncated
                ? "\(cut.completeRecords) readable of \(info.recordCount) listed (the file is truncated)" : "\(info.recordCount)"))
            extent = info.boundingBox
            if let z = info.zRange { lines.append(("Z range", "\(z.lowerBound) to \(z.upperBound)")) }
            if let m = info.mRange { lines.append(("M range", "\(m.lowerBound) to \(m.upperBound)")) }
            lines.append(("Encoding", info.encoding.map { "\($0.rawValue)" } ?? "- (no .dbf)"))
            lines.append(("Index", info.hasIndex ? ".shx" : "none (rebuilt from the .shp)"))
        } else {
            var copy = layer
            var types: [String: Int] = [:]
            var nulls = 0
            while let f = try copy.next() {
                guard let g = f.geometry else { nulls += 1; continue }
                types[g.typeName, default: 0] += 1
                if let b = g.boundingBox { extent = extent?.union(b) ?? b }
            }
            var geometry = types.sorted { $0.key < $1.key }.map { types.count == 1 ? $0.key : "\($0.key) (\($0.value))" }
            if nulls > 0 { geometry.append("no geometry (\(nulls))") }
            lines.append(("Geometry", geometry.isEmpty ? "none" : geometry.joined(separator: ", ")))
            lines.append(("Features", "\(layer.count)"))
            lines.append(("Encoding", "UTF-8"))
        }
        lines.append(("Extent", extent.map(Self.describe) ?? "empty"))
        lines.append(("CRS", Self.describeCRS(layer.crsText)))
        var text = lines.map { "\($0.0 + ":")".padding(toLength: 10, withPad: " ", startingAt: 0) + $0.1 }
            .joined(separator: "\n")
        text += "\nFields (\(layer.fields.count)):"
        let width = max(4, layer.fields.map(\.name.count).max() ?? 0)
        for f in layer.fields {
            text += "\n  " + f.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + Self.describe(f)
        }
        for w in (layer.shapefile?.truncation.problems ?? []) + layer.warnings { text += "\nWarning: \(w)" }
        return text
    }

    static func describe(_ type: ShapeType) -> String {
        let names: [ShapeType: String] = [.null: "Null", .point: "Point", .polyLine: "LineString (PolyLine)",
                                          .polygon: "Polygon", .multiPoint: "MultiPoint", .multiPatch: "MultiPatch"]
        var s = names[type.base] ?? "\(type)"
        if type.hasZ { s += " Z" } else if type.hasM { s += " M" }
        return s
    }

    static func describe(_ b: BoundingBox) -> String {
        func f(_ v: Double) -> String { String(format: "%.6f", v) }
        return "\(f(b.minX)), \(f(b.minY)) - \(f(b.maxX)), \(f(b.maxY))  (W, S - E, N)"
    }

    static func describe(_ f: Field) -> String {
        switch (f.type, f.width, f.precision) {
        case (.real, let w?, let p?): "real(\(w).\(p))"
        case (let t, let w?, _) where t != .date && t != .boolean: "\(t.rawValue)(\(w))"
        default: f.type.rawValue
        }
    }

    static func describeCRS(_ text: String?) -> String {
        guard let text else { return "unknown (no .prj)" }
        do {
            let crs = try CRS(text)
            let code = crs.epsgCode.map { " (EPSG:\($0))" } ?? ""
            return "\(crs.name)\(code), \(crs.isGeographic ? "geographic, degrees" : "projected, \(crs.unitName ?? "unknown unit")")"
        } catch {
            return "not understood by PROJ: \(error)"
        }
    }
}

extension CleanExit {
    /// A failure as the user should see it: the library's own words, exit status 1.
    static func message(for error: Error) -> Error {
        if error is ValidationError || error is CleanExit || error is ExitCode { return error }
        Terminal.error("error: \(error)")
        return ExitCode.failure
    }
}
