import Foundation
import GeoCore

/// Reads a shapefile (`.shp` with `.shx`, `.dbf`, `.prj`, `.cpg` beside it) one feature at a
/// time. Records are read from disk on demand, so memory stays bounded by the largest record
/// (plus 8 bytes per record when the `.shx` is missing and the index is rebuilt).
///
/// Each feature's `id` is its 0-based record number (GDAL's FID). Records marked deleted in the
/// `.dbf` are skipped. Polygon rings are grouped into polygons by orientation and containment
/// (see `PolygonAssembly`); a PolyLine with one part is a `LineString`, with more a
/// `MultiLineString`. Errors are `FormatError`s naming the file and `record n` (1-based).
/// Not thread-safe.
public final class ShapefileReader {
    /// The `.shp` header.
    public let header: ShapefileHeader
    /// Attribute columns from the `.dbf`, in file order (empty without a `.dbf`).
    public let fields: [Field]
    /// Number of records in the `.shp`.
    public var recordCount: Int { index.count }
    /// The `.prj` text, nil when there is none.
    public let crs: String?
    /// Layer name (file name without extension).
    public let name: String?
    /// Problems that did not stop reading (at most 100 kept): rebuilt index, unclosed rings,
    /// lossy text, count mismatches.
    public var warnings: [String] { ownWarnings + (dbf?.warnings ?? []) }
    /// Whether the `.shp` or `.shx` is shorter than its header declares (checked on opening;
    /// reading stops with a `FormatError` at the first missing record).
    public let truncation: ShapefileTruncation

    private let shp: ByteSource
    private let index: ShapefileIndex
    private let dbf: DBFReader?
    private var ownWarnings: [String] = []
    private var cursor = 0

    /// Opens `path` (the `.shp`, or the name without extension) and its sibling files.
    /// `encoding` overrides the `.cpg` / language-driver choice for `.dbf` text.
    /// Throws `FormatError` when the `.shp` is missing or any header is invalid.
    public convenience init(path: String, encoding: TextEncoding? = nil) throws {
        var base = path
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "shp" || ext == "dbf" || ext == "shx" { base = (path as NSString).deletingPathExtension }
        func sibling(_ e: String) -> String? {
            let fm = FileManager.default
            for c in [base + "." + e, base + "." + e.uppercased()] where fm.fileExists(atPath: c) { return c }
            return nil
        }
        guard let shpPath = sibling("shp") else { throw FormatError(file: base + ".shp", "file not found") }
        let shx = try sibling("shx").map { try FileByteSource(path: $0) }
        let dbf = try sibling("dbf").map { try DBFReader(path: $0, encoding: encoding) }
        let prj = sibling("prj").flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        try self.init(shp: FileByteSource(path: shpPath), shx: shx, dbf: dbf, prj: prj,
                      name: (base as NSString).lastPathComponent)
    }

    /// Reads a shapefile held in memory (e.g. for fuzzing). `cpg` is the `.cpg` text; `encoding`
    /// overrides it. Throws `FormatError` when a header is invalid.
    public convenience init(shpData: Data, shxData: Data? = nil, dbfData: Data? = nil, prj: String? = nil,
                            cpg: String? = nil, encoding: TextEncoding? = nil, name: String? = nil) throws {
        let enc = encoding ?? cpg.flatMap(TextEncoding.init(codePageName:))
        let dbf = try dbfData.map { try DBFReader(data: $0, encoding: enc, name: name.map { $0 + ".dbf" }) }
        try self.init(shp: MemoryByteSource(shpData, name: name.map { $0 + ".shp" }),
                      shx: shxData.map { MemoryByteSource($0, name: name.map { $0 + ".shx" }) },
                      dbf: dbf, prj: prj, name: name)
    }

    init(shp: ByteSource, shx: ByteSource?, dbf: DBFReader?, prj: String?, name: String?) throws {
        self.shp = shp
        header = try ShapefileHeader(bytes: try shp.read(at: 0, count: min(shp.size, 100)), file: shp.name)
        index = try ShapefileIndex(shp: shp, shx: shx)
        truncation = ShapefileTruncation.check(shp: shp, header: header, shx: shx, index: index)
        self.dbf = dbf
        fields = dbf?.fields.map(\.field) ?? []
        let trimmed = prj?.trimmingCharacters(in: .whitespacesAndNewlines)
        crs = trimmed?.isEmpty == false ? trimmed : nil
        self.name = name
        if shx == nil { ownWarnings.append("no .shx index; rebuilt it from the .shp") }
        if let dbf, dbf.recordCount != index.count {
            ownWarnings.append(".dbf has \(dbf.recordCount) records but .shp has \(index.count); missing attributes read as null")
        }
    }

    /// The header summary, without reading any records.
    public var info: ShapefileInfo {
        ShapefileInfo(name: name, shapeType: header.shapeType, recordCount: recordCount,
                      boundingBox: header.boundingBox, zRange: header.zRange, mRange: header.mRange,
                      fields: fields, encoding: dbf?.encoding, crs: crs, hasIndex: index.fromShx, truncation: truncation)
    }

    /// The next feature that is not deleted, or nil at the end. Throws `FormatError` for a
    /// corrupt record; reading may continue with the record after it.
    public func next() throws -> Feature? {
        while cursor < recordCount {
            let i = cursor
            cursor += 1
            if let f = try feature(at: i) { return f }
        }
        return nil
    }

    /// Starts `next()` again from the first record.
    public func rewind() { cursor = 0 }

    /// Feature `i` (0-based), or nil when its `.dbf` record is marked deleted.
    /// Throws `FormatError` for an index out of range or a corrupt record.
    public func feature(at i: Int) throws -> Feature? {
        guard i >= 0, i < recordCount else {
            throw FormatError(file: shp.name, location: "record \(i + 1)", "no such record; the file has \(recordCount)")
        }
        var properties: [String: PropertyValue] = [:]
        if let dbf {
            if i < dbf.recordCount {
                guard let row = try dbf.record(at: i) else { return nil }
                properties = row
            } else {
                for f in fields { properties[f.name] = .null }
            }
        }
        return Feature(id: .integer(Int64(i)), geometry: try geometry(at: i), properties: properties)
    }

    /// The geometry of record `i` (nil for a Null shape).
    func geometry(at i: Int) throws -> Geometry? {
        let location = "record \(i + 1)"
        let (offset, indexLength) = try index.entry(i)
        if offset == 0 && indexLength == 0 { return nil }
        guard offset >= 100, offset <= shp.size - 8 else {
            throw FormatError(file: shp.name, location: location, "index points to byte \(offset), outside the \(shp.size)-byte .shp")
        }
        let h = try shp.read(at: offset, count: 8)
        var length = Int(h.int32BE(at: 4)) * 2
        if length < 0 || length > shp.size - offset - 8 {
            guard indexLength <= shp.size - offset - 8 else {
                throw FormatError(file: shp.name, location: location,
                                  "record declares \(length) bytes but only \(shp.size - offset - 8) remain in the file")
            }
            length = indexLength
        }
        let content = try shp.read(at: offset + 8, count: length)
        let (g, w) = try ShapefileRecordDecoder(file: shp.name, record: i + 1).decode(content)
        for m in w where ownWarnings.count < 100 { ownWarnings.append(m) }
        return g
    }

    /// Every feature as one collection (reads the whole file into memory).
    /// Throws the first `FormatError` met.
    public func readAll() throws -> FeatureCollection {
        rewind()
        var features: [Feature] = []
        while let f = try next() { features.append(f) }
        return FeatureCollection(name: name, fields: fields, features: features, crs: crs)
    }
}
