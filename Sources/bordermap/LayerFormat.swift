import ArgumentParser
import Foundation

/// The vector formats the command line reads and writes, chosen by file extension.
enum LayerFormat: String, CaseIterable {
    case shapefile = "ESRI Shapefile"
    case geoJSON = "GeoJSON"
    case esriJSON = "Esri JSON"

    /// `.shp` → shapefile, `.geojson` → GeoJSON; `.json` is Esri JSON when writing (as ArcGIS's
    /// JSON To Features expects) and GeoJSON when reading (the file says which it is).
    init(path: String, writing: Bool) throws {
        switch (path as NSString).pathExtension.lowercased() {
        case "shp": self = .shapefile
        case "geojson": self = .geoJSON
        case "json": self = writing ? .esriJSON : .geoJSON
        case let ext:
            throw ValidationError(
                "\(path): unknown extension '.\(ext)'; use .shp (shapefile), .geojson (GeoJSON) or .json (Esri JSON when writing)")
        }
    }
}
