import Foundation
import GeoCore

/// Writes a shapefile (`.shp`, `.shx`, `.dbf`, `.cpg`, and `.prj` when given) feature by
/// feature: records go to disk as they come and the headers are patched in `finish()`, so
/// memory does not grow with the layer. Not thread-safe.
///
/// Use `ShapefileWriter.write(_:to:prj:encoding:)` to write a whole `FeatureCollection` with
/// shape type and field widths chosen from the data.
public final class ShapefileWriter {
    /// The shape type every record has (or Null).
    public let shapeType: ShapeType
    private let files: [FileHandle]
    private let paths: (shp: String, shx: String, dbf: String)
    private let dbf: DBFRecordEncoder
    private var offset = 100
    private var count = 0
    private var coords: [Coordinate] = []
    private var box: BoundingBox?
    private var zRange: ClosedRange<Double>?
    private var mRange: ClosedRange<Double>?
    private var warnings: [String] = []
    private var buffers: [[UInt8]] = [[], [], []]
    private var finished = false

    /// Creates the files at `path` (with or without `.shp`), replacing existing ones.
    /// `fields` without widths get defaults (text 80, integer 18, real 24.15). Throws
    /// `FormatError` when a file cannot be created or a field name cannot be fitted.
    public convenience init(path: String, shapeType: ShapeType, fields: [Field], prj: String? = nil,
                            encoding: TextEncoding = .utf8) throws {
        let columns = try DBFLayout.columns(fields: fields, encoding: encoding, values: nil)
        try self.init(path: path, shapeType: shapeType, columns: columns, prj: prj, encoding: encoding)
    }

    init(path: String, shapeType: ShapeType, columns: [DBFColumn], prj: String?, encoding: TextEncoding) throws {
        guard shapeType != .multiPatch else { throw FormatError(file: path, "MultiPatch cannot be written") }
        let base = (path as NSString).pathExtension.lowercased() == "shp" ? (path as NSString).deletingPathExtension : path
        paths = (base + ".shp", base + ".shx", base + ".dbf")
        self.shapeType = shapeType
        dbf = DBFRecordEncoder(columns: columns, encoding: encoding)
        var handles: [FileHandle] = []
        for p in [paths.shp, paths.shx, paths.dbf] {
            guard FileManager.default.createFile(atPath: p, contents: nil), let h = FileHandle(forWritingAtPath: p) else {
                throw FormatError(file: p, "cannot create the file")
            }
            handles.append(h)
        }
        files = handles
        do {
            try (encoding.rawValue + "\n").write(toFile: base + ".cpg", atomically: true, encoding: .utf8)
            if let prj { try prj.write(toFile: base + ".prj", atomically: true, encoding: .utf8) }
        } catch {
            throw FormatError(file: base + ".cpg", "cannot write: \(error.localizedDescription)")
        }
        buffers[0] = [UInt8](repeating: 0, count: 100)
        buffers[1] = [UInt8](repeating: 0, count: 100)
        buffers[2] = dbf.header(count: 0)
    }

    deinit { for h in files { try? h.close() } }

    /// The `.dbf` name of each field, in column order.
    public var fieldNames: [ShapefileWriteReport.Rename] {
        dbf.columns.map { ShapefileWriteReport.Rename(original: $0.property, written: $0.dbfName) }
    }

    /// Appends one feature. Throws `FormatError` (location `feature n`, 0-based) when its
    /// geometry does not match the shape type or has non-finite coordinates, or after `finish()`.
    public func write(_ feature: Feature) throws {
        let location = "feature \(count)"
        guard !finished else { throw FormatError(file: paths.shp, location: location, "write after finish()") }
        var g = feature.geometry
        if case .point(let p)? = g, shapeType.base == .multiPoint { g = .multiPoint(MultiPoint([p])) }
        if let g, !g.isEmpty, ShapefileRecordEncoder.family(g) != shapeType.base {
            throw FormatError(file: paths.shp, location: location, "is a \(g.typeName) but the shapefile holds \(shapeType)")
        }
        let (content, cs) = try ShapefileRecordEncoder.encode(g, as: shapeType, location: location)
        guard offset + 8 + content.count <= Int(Int32.max) * 2 else {
            throw FormatError(file: paths.shp, location: location, "the .shp would exceed the 4 GiB shapefile limit")
        }
        buffers[0].appendInt32BE(Int32(count + 1))
        buffers[0].appendInt32BE(Int32(content.count / 2))
        buffers[0] += content
        buffers[1].appendInt32BE(Int32(offset / 2))
        buffers[1].appendInt32BE(Int32(content.count / 2))
        offset += 8 + content.count
        buffers[2] += dbf.record(feature.properties, row: count + 1) { w in
            if warnings.count < 100 { warnings.append(w) }
        }
        for c in cs {
            let b = BoundingBox(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y)
            box = box?.union(b) ?? b
            if let z = c.z { zRange = min(zRange?.lowerBound ?? z, z)...max(zRange?.upperBound ?? z, z) }
            if let m = c.m { mRange = min(mRange?.lowerBound ?? m, m)...max(mRange?.upperBound ?? m, m) }
        }
        count += 1
        if buffers[0].count > 1 << 20 || buffers[2].count > 1 << 20 { try flush() }
    }

    private func flush() throws {
        for (i, h) in files.enumerated() where !buffers[i].isEmpty {
            do { try h.write(contentsOf: buffers[i]) } catch {
                throw FormatError(file: [paths.shp, paths.shx, paths.dbf][i], "write failed: \(error.localizedDescription)")
            }
            buffers[i].removeAll(keepingCapacity: true)
        }
    }

    /// Writes the final headers and closes the files. Returns what was written.
    public func finish() throws -> ShapefileWriteReport {
        guard !finished else { throw FormatError(file: paths.shp, "finish() was already called") }
        finished = true
        buffers[2].append(0x1A)
        try flush()
        let header = ShapefileHeader(fileLength: offset, shapeType: shapeType, boundingBox: box,
                                     zRange: shapeType.hasZ ? (zRange ?? 0...0) : nil, mRange: mRange)
        var shx = header
        shx.fileLength = 100 + 8 * count
        let heads = [header.encoded(), shx.encoded(), dbf.header(count: count)]
        for (i, h) in files.enumerated() {
            do {
                try h.seek(toOffset: 0)
                try h.write(contentsOf: heads[i])
                try h.close()
            } catch {
                throw FormatError(file: [paths.shp, paths.shx, paths.dbf][i], "write failed: \(error.localizedDescription)")
            }
        }
        return ShapefileWriteReport(shapeType: shapeType, recordCount: count, fieldNames: fieldNames, warnings: warnings)
    }

    /// Writes `collection` to `path` (with or without `.shp`): shape type chosen from the
    /// geometries, DBF columns from `collection.allFields` with widths from the data, text in
    /// `encoding` (UTF-8 by default, declared in `.cpg`), `prj` as the `.prj` (else
    /// `collection.crs` when it is WKT, or ESRI's WGS 84 WKT when it is `EPSG:4326`/`OGC:CRS84`;
    /// other CRS codes write no `.prj`, since this module does not depend on PROJ). Returns the renames and warnings. Throws `FormatError`
    /// naming the feature for mixed geometry types, GeometryCollections, non-finite coordinates.
    @discardableResult
    public static func write(_ collection: FeatureCollection, to path: String, prj: String? = nil,
                             encoding: TextEncoding = .utf8) throws -> ShapefileWriteReport {
        let type: ShapeType, columns: [DBFColumn]
        do {
            type = try ShapefileRecordEncoder.shapeType(for: collection.features.map(\.geometry)) { "feature \($0)" }
            columns = try DBFLayout.columns(fields: collection.allFields, encoding: encoding) { name in
                collection.features.compactMap { f in f.properties[name].flatMap { $0 == .null ? nil : $0 } }
            }
        } catch let e as FormatError {
            throw e.inFile(path)
        }
        let wkt = collection.crs.flatMap { crs -> String? in
            if crs.contains("[") { return crs }
            return ["EPSG:4326", "OGC:CRS84", "WGS84"].contains(crs.uppercased()) ? esriWGS84 : nil
        }
        let writer = try ShapefileWriter(path: path, shapeType: type, columns: columns, prj: prj ?? wkt, encoding: encoding)
        for f in collection.features { try writer.write(f) }
        return try writer.finish()
    }

    /// ESRI's WKT for WGS 84 geographic (what ArcGIS and GDAL write for EPSG:4326).
    static let esriWGS84 = #"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],"#
        + #"PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#
}
