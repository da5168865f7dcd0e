import GeoCore

/// The shape type of a shapefile (header byte 32, and the first field of every record).
public enum ShapeType: Int32, Sendable, Hashable, CaseIterable {
    /// 2-D types (codes 0, 1, 3, 5, 8).
    case null = 0, point = 1, polyLine = 3, polygon = 5, multiPoint = 8
    /// Types with Z and optional M (codes 11-18).
    case pointZ = 11, polyLineZ = 13, polygonZ = 15, multiPointZ = 18
    /// Types with M (codes 21-28).
    case pointM = 21, polyLineM = 23, polygonM = 25, multiPointM = 28
    /// Read as far as the header; records of this type are rejected.
    case multiPatch = 31

    /// The type ignoring Z and M: `.point`, `.polyLine`, `.polygon`, `.multiPoint`, `.null`, `.multiPatch`.
    public var base: ShapeType {
        switch self {
        case .pointZ, .pointM: .point
        case .polyLineZ, .polyLineM: .polyLine
        case .polygonZ, .polygonM: .polygon
        case .multiPointZ, .multiPointM: .multiPoint
        default: self
        }
    }

    /// True for the Z types (which carry M too, optionally).
    public var hasZ: Bool { [.pointZ, .polyLineZ, .polygonZ, .multiPointZ, .multiPatch].contains(self) }

    /// True for the M and Z types (Z records may still leave the M block out).
    public var hasM: Bool { hasZ || [.pointM, .polyLineM, .polygonM, .multiPointM].contains(self) }

    /// The variant of `base` with Z (and M) or with M only.
    static func make(base: ShapeType, z: Bool, m: Bool) -> ShapeType {
        switch (base, z, m) {
        case (.point, true, _): .pointZ
        case (.point, false, true): .pointM
        case (.polyLine, true, _): .polyLineZ
        case (.polyLine, false, true): .polyLineM
        case (.polygon, true, _): .polygonZ
        case (.polygon, false, true): .polygonM
        case (.multiPoint, true, _): .multiPointZ
        case (.multiPoint, false, true): .multiPointM
        default: base
        }
    }
}

/// The 100-byte header of a `.shp` or `.shx` file.
public struct ShapefileHeader: Sendable, Hashable {
    /// File length in bytes as the header declares it (stored in 16-bit words).
    public var fileLength: Int
    /// The shape type every non-null record has.
    public var shapeType: ShapeType
    /// Bounding box of all shapes, x/y in the data's units; nil when the header holds NaNs.
    public var boundingBox: BoundingBox?
    /// Z range (`min...max`) for Z types, else nil.
    public var zRange: ClosedRange<Double>?
    /// M range for M and Z types when present, else nil.
    public var mRange: ClosedRange<Double>?

    static let size = 100

    /// Parses a header; throws a `FormatError` for `file` when the magic number, version or shape
    /// type is wrong.
    init(bytes b: [UInt8], file: String?) throws {
        guard b.count >= Self.size else {
            throw FormatError(file: file, location: "header", "file is \(b.count) bytes, shorter than the 100-byte header")
        }
        guard b.int32BE(at: 0) == 9994 else {
            throw FormatError(file: file, location: "header", "not a shapefile: file code \(b.int32BE(at: 0)), expected 9994")
        }
        let version = b.int32LE(at: 28)
        guard version == 1000 else {
            throw FormatError(file: file, location: "header", "unsupported version \(version), expected 1000")
        }
        let raw = b.int32LE(at: 32)
        guard let t = ShapeType(rawValue: raw) else {
            throw FormatError(file: file, location: "header", "unknown shape type \(raw)")
        }
        shapeType = t
        fileLength = Int(b.int32BE(at: 24)) * 2
        let v = (0..<8).map { b.doubleLE(at: 36 + 8 * $0) }
        boundingBox = v[0...3].allSatisfy(\.isFinite) && v[0] <= v[2] && v[1] <= v[3]
            ? BoundingBox(minX: v[0], minY: v[1], maxX: v[2], maxY: v[3]) : nil
        zRange = t.hasZ && v[4].isFinite && v[5].isFinite && v[4] <= v[5] ? v[4]...v[5] : nil
        mRange = t.hasM && v[6] > -1e38 && v[6].isFinite && v[7].isFinite && v[6] <= v[7] ? v[6]...v[7] : nil
    }

    init(fileLength: Int, shapeType: ShapeType, boundingBox: BoundingBox?, zRange: ClosedRange<Double>?, mRange: ClosedRange<Double>?) {
        self.fileLength = fileLength
        self.shapeType = shapeType
        self.boundingBox = boundingBox
        self.zRange = zRange
        self.mRange = mRange
    }

    /// The 100 header bytes.
    func encoded() -> [UInt8] {
        var b: [UInt8] = []
        b.reserveCapacity(Self.size)
        b.appendInt32BE(9994)
        for _ in 0..<5 { b.appendInt32BE(0) }
        b.appendInt32BE(Int32(clamping: fileLength / 2))
        b.appendInt32LE(1000)
        b.appendInt32LE(shapeType.rawValue)
        let box = boundingBox ?? BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0)
        for v in [box.minX, box.minY, box.maxX, box.maxY] { b.appendDoubleLE(v) }
        b.appendDoubleLE(zRange?.lowerBound ?? 0)
        b.appendDoubleLE(zRange?.upperBound ?? 0)
        b.appendDoubleLE(mRange?.lowerBound ?? 0)
        b.appendDoubleLE(mRange?.upperBound ?? 0)
        return b
    }
}
