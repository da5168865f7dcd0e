import Foundation
import GeoCore
import GeoFormats
import GeoProjection

/// An input layer opened for reading: a shapefile streams record by record, a GeoJSON file is
/// parsed whole.
struct InputLayer {
    let path: String
    let format: LayerFormat
    let name: String?
    let fields: [Field]
    /// CRS text as the file declares it (`.prj` WKT, GeoJSON's `EPSG:4326`), nil when unknown.
    let crsText: String?
    /// Feature count when known before reading (the shapefile header, the parsed GeoJSON).
    let count: Int
    let shapefile: ShapefileReader?
    private let collection: FeatureCollection?
    private var nextIndex = 0

    init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw FormatError(file: path, "file not found") }
        self.path = path
        format = try LayerFormat(path: path, writing: false)
        switch format {
        case .shapefile:
            let reader = try ShapefileReader(path: path)
            shapefile = reader
            collection = nil
            name = reader.name
            fields = reader.fields
            crsText = reader.crs
            count = reader.recordCount
        case .geoJSON, .esriJSON:
            let fc = try GeoJSONReader.read(contentsOf: URL(fileURLWithPath: path))
            shapefile = nil
            collection = fc
            name = fc.name ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            fields = fc.fields
            crsText = fc.crs
            count = fc.features.count
        }
    }

    /// The next feature, or nil at the end.
    mutating func next() throws -> Feature? {
        if let shapefile { return try shapefile.next() }
        guard let collection, nextIndex < collection.features.count else { return nil }
        defer { nextIndex += 1 }
        return collection.features[nextIndex]
    }

    /// The declared CRS parsed by PROJ; nil when the file declares none.
    /// - Throws: `ProjectionError` when PROJ cannot read the declaration.
    func crs() throws -> CRS? {
        try crsText.map { try CRS($0) }
    }

    /// Warnings the reader collected (rebuilt index, lossy text, closed rings).
    var warnings: [String] { shapefile?.warnings ?? [] }
}
