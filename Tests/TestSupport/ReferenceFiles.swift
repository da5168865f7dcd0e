import Foundation

/// The independent expected values in `shared/reference/` (beside the repository, read-only;
/// its README gives each file's format and tolerance). `BORDERMAP_REFERENCE_DIR` names another
/// folder. Tests load these and compare; they are never regenerated from our output.
public enum ReferenceFiles {
    /// The folder holding the reference files.
    public static var directory: URL {
        if let d = ProcessInfo.processInfo.environment["BORDERMAP_REFERENCE_DIR"], !d.isEmpty {
            return URL(fileURLWithPath: d)
        }
        return PythonOracle.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/reference")
    }

    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "reference file \(path) is missing (shared/ must sit beside the repository)" }
    }

    /// The URL of reference file `name`.
    /// - Throws: `Missing` when it does not exist, so a test cannot pass without its reference.
    public static func url(_ name: String) throws -> URL {
        let u = directory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: u.path) else { throw Missing(path: u.path) }
        return u
    }

    /// The file's bytes.
    public static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    /// A JSON reference file, parsed.
    public static func json(_ name: String) throws -> Any { try JSONSerialization.jsonObject(with: data(name)) }

    /// A comma-separated reference file as rows of cells (no quoting is used in these files);
    /// the header, when `header` is true, is returned apart.
    public static func csv(_ name: String, header: Bool = true) throws -> (header: [String], rows: [[String]]) {
        let lines = String(decoding: try data(name), as: UTF8.self).split(whereSeparator: \.isNewline)
        let cells = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard header, let first = cells.first else { return ([], cells) }
        return (first, Array(cells.dropFirst()))
    }
}
