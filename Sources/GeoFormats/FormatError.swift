/// An error reading or writing a file, saying which file, where in it, and what was wrong.
///
/// `location` is format-specific: `record 12` for a shapefile, `row 7` for DBF/CSV,
/// `features[3].geometry.coordinates[0]` (a JSON path) for GeoJSON, `byte 1024` for binary data.
public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (path as given), or nil for in-memory data.
    public var file: String?
    /// Where in the file, or nil when the problem is the file as a whole.
    public var location: String?
    /// What was wrong, in words a user can act on.
    public var message: String

    public init(file: String? = nil, location: String? = nil, _ message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// `file: location: message`, leaving out the parts that are unknown.
    public var description: String {
        [file, location, message].compactMap { $0 }.joined(separator: ": ")
    }

    /// The same error attributed to `file` when it had none.
    public func inFile(_ path: String) -> FormatError {
        var e = self
        if e.file == nil { e.file = path }
        return e
    }
}
