import Foundation
import GeoCore
import GeoFormats
import GeoProjection

/// Writes converted features in the output format: shapefiles and GeoJSON stream feature by
/// feature; Esri JSON (one JSON document with a schema up front) is collected and written at the end.
struct FeatureSink {
    struct Report {
        var count = 0
        var renames: [ShapefileWriteReport.Rename] = []
        var warnings: [String] = []
    }

    private enum Backend {
        case shapefile(ShapefileWriter?, pending: FeatureCollection?)
        case geoJSON(GeoJSONWriter, FileHandle)
        case esriJSON(FeatureCollection)
    }

    private let path: String
    private let crs: CRS?
    private let transformer: Transformer?
    private var backend: Backend
    private var count = 0

    init(path: String, format: LayerFormat, layer: InputLayer, crs: CRS?, transformer: Transformer?) throws {
        self.path = path
        self.crs = crs
        self.transformer = transformer
        switch format {
        case .shapefile:
            let prj = try crs?.wkt(.wkt1ESRI)
            if let reader = layer.shapefile {
                // The input's shape type and column widths carry over, so records stream straight through.
                backend = .shapefile(try ShapefileWriter(path: path, shapeType: reader.header.shapeType,
                                                         fields: reader.fields, prj: prj), pending: nil)
            } else {
                // GeoJSON has no declared shape type or widths: choose them from all the data.
                backend = .shapefile(nil, pending: FeatureCollection(name: layer.name, fields: layer.fields, crs: prj))
            }
        case .geoJSON:
            guard FileManager.default.createFile(atPath: path, contents: nil),
                  let handle = FileHandle(forWritingAtPath: path) else {
                throw FormatError(file: path, "cannot create the file")
            }
            var writer = GeoJSONWriter(toWGS84: transformer) { try handle.write(contentsOf: $0) }
            try writer.begin(name: layer.name, fields: layer.fields)
            backend = .geoJSON(writer, handle)
        case .esriJSON:
            backend = .esriJSON(FeatureCollection(name: layer.name, fields: layer.fields))
        }
    }

    mutating func write(_ feature: Feature) throws {
        count += 1
        switch backend {
        case .shapefile(let writer?, _):
            try writer.write(try transformed(feature))
        case .shapefile(nil, var pending?):
            pending.features.append(try transformed(feature))
            backend = .shapefile(nil, pending: pending)
        case .shapefile(nil, nil):
            break
        case .geoJSON(var writer, let handle):
            try writer.write(feature)  // the writer applies toWGS84 itself
            backend = .geoJSON(writer, handle)
        case .esriJSON(var collection):
            collection.features.append(feature)
            backend = .esriJSON(collection)
        }
    }

    func finish() throws -> Report {
        var report = Report(count: count)
        switch backend {
        case .shapefile(let writer?, _):
            let r = try writer.finish()
            report.renames = r.renames
            report.warnings = r.warnings
        case .shapefile(nil, let pending?):
            let r = try ShapefileWriter.write(pending, to: path, prj: pending.crs)
            report.renames = r.renames
            report.warnings = r.warnings
        case .shapefile(nil, nil):
            break
        case .geoJSON(var writer, let handle):
            try writer.end()
            try handle.close()
        case .esriJSON(let collection):
            guard let wkid = crs?.epsgCode ?? (crs == nil ? 4326 : nil) else {
                throw FormatError(file: path, "Esri JSON needs a CRS with an EPSG code; \(crs?.name ?? "") has none (use --to-crs EPSG:n)")
            }
            try EsriJSONWriter.write(collection, to: URL(fileURLWithPath: path),
                                     options: EsriJSONWriter.Options(wkid: wkid), transform: transformer)
        }
        return report
    }

    private func transformed(_ feature: Feature) throws -> Feature {
        guard let transformer, let g = feature.geometry else { return feature }
        var f = feature
        do {
            f.geometry = try g.transformed(by: transformer)
        } catch {
            throw FormatError(file: path, location: "feature \(feature.id?.description ?? "?")", "cannot reproject: \(error)")
        }
        return f
    }
}
