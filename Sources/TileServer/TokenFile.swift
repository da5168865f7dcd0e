import Foundation

/// Bearer tokens by role, as read from a token file (`bordermap serve --token-file FILE`).
///
/// One token a line, optionally followed by white space and its role: `write` (the default:
/// may POST /incidents and read) or `read` (may only read, for `--protect-reads` servers and
/// the viewer). Blank lines and lines starting with `#` are skipped. Example:
///
///     # uploader of the border-post feed
///     3f9c2e7a0b41d6e8   write
///     wall-display-7d21c0e5 read
public struct TokenFile: Sendable, Equatable {
    /// Tokens that may write (and read).
    public var write: Set<String> = []
    /// Tokens that may only read.
    public var read: Set<String> = []

    public init(write: Set<String> = [], read: Set<String> = []) {
        self.write = write
        self.read = read
    }

    /// Parses the text of a token file.
    /// - Throws: `TokenFileError` naming the line with an unknown role or more than two words.
    public init(text: String) throws {
        for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count <= 2 else {
                throw TokenFileError("line \(n + 1) has \(words.count) words; expected TOKEN or TOKEN ROLE (ROLE read or write)")
            }
            switch words.count == 2 ? words[1].lowercased() : "write" {
            case "write": write.insert(String(words[0]))
            case "read": read.insert(String(words[0]))
            default: throw TokenFileError("line \(n + 1): unknown role '\(words[1])' (use read or write)")
            }
        }
    }

    /// Reads the token file at `path`.
    /// - Throws: `TokenFileError` when it cannot be read or has a bad line.
    public init(path: String) throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw TokenFileError("cannot read the token file \(path): \(error.localizedDescription)")
        }
        do { try self.init(text: text) } catch let e as TokenFileError { throw TokenFileError("\(path): \(e.description)") }
    }
}

/// A token file that cannot be used, saying why.
public struct TokenFileError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
