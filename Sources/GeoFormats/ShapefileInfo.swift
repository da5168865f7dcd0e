import GeoCore

/// A summary of a shapefile read from its headers alone (no records are decoded), for
/// `bordermap info` and similar.
public struct ShapefileInfo: Sendable, Hashable {
    /// Layer name: the file name without extension, or the name given for in-memory data.
    public var name: String?
    /// The shape type declared in the `.shp` header.
    public var shapeType: ShapeType
    /// Records in the `.shp` (from the `.shx`, or counted by walking record headers).
    public var recordCount: Int
    /// Bounding box from the `.shp` header, nil when it is not finite.
    public var boundingBox: BoundingBox?
    /// Z range from the header for Z types.
    public var zRange: ClosedRange<Double>?
    /// M range from the header for M/Z types when present.
    public var mRange: ClosedRange<Double>?
    /// Attribute columns from the `.dbf` (empty without one).
    public var fields: [Field]
    /// Encoding used for `.dbf` text, nil without a `.dbf`.
    public var encoding: TextEncoding?
    /// The `.prj` text, nil without one.
    public var crs: String?
    /// True when a `.shx` index was used; false when it was rebuilt from the `.shp`.
    public var hasIndex: Bool
    /// Whether the files are shorter than their headers declare (then `recordCount` counts
    /// records that cannot be read; `truncation.completeRecords` those that can).
    public var truncation: ShapefileTruncation
}
