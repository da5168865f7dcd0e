import Foundation
import GeoCore
import GeoFormats
import GeoProjection

/// The shapefiles of the data folder as GeoJSON layers, by file name without `.shp`: read and
/// reprojected to WGS 84 on first request, then kept (the sample layers are a few MB).
/// Only names of files that exist in the folder are served, so no request can reach a path
/// outside it.
final class ShapefileLayers: Sendable {
    let directory: URL
    private let loaded = Locked([String: FeatureCollection]())

    init(directory: URL) { self.directory = directory }

    /// The layer names on offer.
    var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.lowercased().hasSuffix(".shp") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// The features of layer `name`, lon/lat.
    /// - Throws: `APIError` 404 for a name that is not a shapefile of the folder; 500-class
    ///   errors (as `APIError`) when the file cannot be read.
    func collection(named name: String) throws -> FeatureCollection {
        if let c = loaded.withLock({ $0[name] }) { return c }
        guard names.contains(name) else {
            throw APIError.notFound("no layer named '\(name)'; layers: incidents, \(names.joined(separator: ", "))")
        }
        let path = directory.appendingPathComponent(name + ".shp").path
        do {
            var collection = try ShapefileReader(path: path).readAll()
            if let text = collection.crs {
                let crs = try CRS(text), wgs84 = try CRS.wgs84
                if !(try crs.isEquivalent(to: wgs84)) {
                    let t = try Transformer(from: crs, to: wgs84)
                    collection.features = try collection.features.map { f in
                        var f = f
                        f.geometry = try f.geometry?.transformed(by: t)
                        return f
                    }
                }
                collection.crs = nil
            }
            let result = collection
            loaded.withLock { $0[name] = result }
            return result
        } catch {
            throw APIError(.internalServerError, "unreadable layer", "\(name).shp: \(error)")
        }
    }
}
