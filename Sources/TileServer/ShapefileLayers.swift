import Foundation
import GeoCore
import GeoFormats
import GeoProjection

/// The shapefiles of the data folder as GeoJSON layers, by file name without `.shp`. Each
/// request opens its layer and reads it feature by feature, reprojecting each to WGS 84 as it
/// goes, so no layer is ever held whole in memory (a download streams whatever the file's size).
/// Only names of files that exist in the folder are served, so no request can reach a path
/// outside it.
final class ShapefileLayers: Sendable {
    let directory: URL

    init(directory: URL) { self.directory = directory }

    /// The layer names on offer.
    var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.lowercased().hasSuffix(".shp") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// Opens layer `name` for one download.
    /// - Throws: `APIError` 404 for a name that is not a shapefile of the folder; 500 (as
    ///   `APIError`) when the file, its header or its `.prj` cannot be read.
    func open(named name: String) throws -> ShapefileLayerReader {
        guard names.contains(name) else {
            throw APIError.notFound("no layer named '\(name)'; layers: incidents, \(names.joined(separator: ", "))")
        }
        do {
            return try ShapefileLayerReader(path: directory.appendingPathComponent(name + ".shp").path, name: name)
        } catch {
            throw APIError(.internalServerError, "unreadable layer", "\(name).shp: \(error)")
        }
    }
}

/// One open shapefile layer, read forwards once: its fields and its features in lon/lat.
final class ShapefileLayerReader: @unchecked Sendable {
    // @unchecked: handed once from the request handler to the task that writes the response
    // body, and used by that one task only (the reader and the PROJ transformer are not Sendable).
    let name: String
    let fields: [Field]
    private let reader: ShapefileReader
    private let transformer: Transformer?

    /// - Throws: `FormatError` for an unreadable file, `ProjectionError` for an unusable `.prj`.
    init(path: String, name: String) throws {
        self.name = name
        reader = try ShapefileReader(path: path)
        fields = reader.fields
        if let text = reader.crs {
            let crs = try CRS(text), wgs84 = try CRS.wgs84
            transformer = try crs.isEquivalent(to: wgs84) ? nil : Transformer(from: crs, to: wgs84)
        } else {
            transformer = nil
        }
    }

    /// The next feature in lon/lat, or nil at the end.
    /// - Throws: `FormatError` for a corrupt record, `ProjectionError` when a point cannot be
    ///   reprojected.
    func next() throws -> Feature? {
        guard var feature = try reader.next() else { return nil }
        if let transformer { feature.geometry = try feature.geometry?.transformed(by: transformer) }
        return feature
    }
}
