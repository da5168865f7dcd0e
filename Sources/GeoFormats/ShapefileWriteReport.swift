/// What a shapefile writer did: the shape type it chose, how it renamed fields, and warnings.
public struct ShapefileWriteReport: Sendable, Hashable {
    /// A field whose name had to change to fit DBF's 10-byte names.
    public struct Rename: Sendable, Hashable {
        /// The property name in the features.
        public var original: String
        /// The name in the `.dbf`.
        public var written: String
    }

    /// The shape type written to the `.shp` header.
    public var shapeType: ShapeType
    /// Records written.
    public var recordCount: Int
    /// Every field with its name in the `.dbf`, in column order.
    public var fieldNames: [Rename]
    /// Problems that did not stop writing (values cut or nulled, characters replaced); at most
    /// 100 kept.
    public var warnings: [String]

    /// Only the fields whose names changed.
    public var renames: [Rename] { fieldNames.filter { $0.original != $0.written } }
}
