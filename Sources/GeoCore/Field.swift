/// The type of an attribute column, independent of any file format.
public enum FieldType: String, Sendable, Hashable, CaseIterable {
    case string, integer, real, boolean, date
}

/// An attribute column: name, type, and the width/precision a fixed-width format (DBF) uses.
public struct Field: Sendable, Hashable {
    public var name: String
    public var type: FieldType
    /// Characters (DBF: bytes) for strings and numbers; nil lets a writer choose.
    public var width: Int?
    /// Decimal places for reals; nil lets a writer choose.
    public var precision: Int?

    public init(name: String, type: FieldType, width: Int? = nil, precision: Int? = nil) {
        self.name = name
        self.type = type
        self.width = width
        self.precision = precision
    }
}
