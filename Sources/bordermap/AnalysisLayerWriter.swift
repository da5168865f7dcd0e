import Foundation
import GeoCore
import GeoFormats
import IncidentStore
import ArgumentParser

/// Writes an analysis result (hot spot polygons, Gi* cells, routes: WGS 84 features) in the
/// analyst export formats, chosen by `format` or by the file's extension: RFC 7946 GeoJSON
/// (`.geojson`), Esri JSON (`.json`, `esrijson`), a shapefile with a WGS 84 `.prj` (`.shp`), or
/// a GeoPackage (`.gpkg`) with one layer named `name`.
enum AnalysisLayerWriter {
    enum Format: String, CaseIterable {
        case geojson, esrijson, shp, gpkg

        /// The format named, or the one of the path's extension.
        init(named name: String?, path: String) throws {
            if let name {
                guard let f = Format(rawValue: name.lowercased()) else {
                    throw ValidationError("unknown format '\(name)'; use geojson, esrijson, shp or gpkg")
                }
                self = f
                return
            }
            switch (path as NSString).pathExtension.lowercased() {
            case "geojson": self = .geojson
            case "json": self = .esrijson
            case "shp": self = .shp
            case "gpkg": self = .gpkg
            default: throw ValidationError("cannot tell the format of \(path): use .geojson, .json (Esri JSON), .shp or .gpkg")
            }
        }
    }

    /// Writes `features` with `fields` to `path`.
    /// - Throws: the writers' errors (`FormatError`, `GeoPackageError`).
    static func write(_ features: [Feature], fields: [Field], name: String, to path: String, format: Format) throws {
        let collection = FeatureCollection(name: name, fields: fields, features: features)
        switch format {
        case .geojson: try GeoJSONWriter.write(collection, to: URL(fileURLWithPath: path))
        case .esrijson: try EsriJSONWriter.write(collection, to: URL(fileURLWithPath: path))
        case .shp: _ = try ShapefileWriter.write(collection, to: path, prj: ExportCommand.wgs84PRJ)
        case .gpkg:
            try GeoPackageWriter(options: GeoPackageWriteOptions(tableName: name, description: "BorderMap \(name)",
                                                                 spatialReference: .wgs84)).write(collection, to: path)
        }
    }
}
