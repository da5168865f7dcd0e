import Foundation
import GeoCore

extension GeoJSONWriter {
    /// The whole collection as GeoJSON bytes (see the type for the output rules). The collection
    /// `bbox` (with `writeBBox`) is computed from the transformed geometries.
    /// - Throws: `FormatError` when `toWGS84` fails.
    public static func data(for collection: FeatureCollection, options: Options = Options(),
                            toWGS84: (any CoordinateTransforming)? = nil) throws -> Data {
        var out = Data()
        try stream(collection, options: options, toWGS84: toWGS84) { out.append($0) }
        return out
    }

    /// Writes the collection to a file, replacing it, streaming in chunks.
    /// - Throws: `FormatError` with `file` set, for I/O failures or when `toWGS84` fails.
    public static func write(_ collection: FeatureCollection, to url: URL, options: Options = Options(),
                             toWGS84: (any CoordinateTransforming)? = nil) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: url) else {
            throw FormatError(file: url.path, "cannot create the file")
        }
        defer { try? handle.close() }
        do {
            try stream(collection, options: options, toWGS84: toWGS84) { try handle.write(contentsOf: $0) }
        } catch let e as FormatError {
            throw e.inFile(url.path)
        } catch {
            throw FormatError(file: url.path, "write failed: \(error.localizedDescription)")
        }
    }

    private static func stream(_ collection: FeatureCollection, options: Options,
                               toWGS84: (any CoordinateTransforming)?, sink: @escaping (Data) throws -> Void) throws {
        var bbox: BoundingBox?
        if options.writeBBox {
            for (i, f) in collection.features.enumerated() {
                guard var g = f.geometry else { continue }
                if let t = toWGS84 {
                    do { g = try g.transformed(by: t) } catch {
                        throw FormatError(location: "features[\(i)]", "cannot transform the geometry to WGS 84: \(error)")
                    }
                }
                if let b = g.boundingBox { bbox = bbox?.union(b) ?? b }
            }
        }
        var writer = GeoJSONWriter(options: options, toWGS84: toWGS84, sink: sink)
        try writer.begin(name: collection.name, fields: collection.fields, bbox: bbox)
        for f in collection.features { try writer.write(f) }
        try writer.end()
    }
}
