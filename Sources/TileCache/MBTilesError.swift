/// Why an MBTiles file could not be opened, read or written; each message names the file.
public enum MBTilesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file is not an SQLite database, or not an MBTiles file BorderMap can use.
    case notMBTiles(path: String, reason: String)
    /// A newer BorderMap wrote the file (`metadata` row `bordermap:schema`).
    case newerSchema(path: String, found: Int, supported: Int)
    /// The file, or the folder it would be created in, is not writable.
    case readOnly(path: String)
    /// A tile key that names no tile (zoom, column, row or scale out of range).
    case invalidKey(TileKey, reason: String)
    /// A metadata value that cannot be understood.
    case badMetadata(path: String, name: String, value: String)
    /// SQLite refused an operation (its own message).
    case database(path: String, message: String)

    /// A one-line message naming the file and the problem.
    public var description: String {
        switch self {
        case let .notMBTiles(path, reason): return "\(path): not a BorderMap MBTiles file: \(reason)"
        case let .newerSchema(path, found, supported):
            return "\(path): written by a newer BorderMap (tile schema \(found); this one reads up to \(supported))"
        case let .readOnly(path): return "\(path): cannot write here (read-only file or folder)"
        case let .invalidKey(key, reason): return "tile key \(key): \(reason)"
        case let .badMetadata(path, name, value): return "\(path): metadata '\(name)' has an unusable value '\(value)'"
        case let .database(path, message): return "\(path): \(message)"
        }
    }
}
