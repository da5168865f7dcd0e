/// One problem found while decoding a style: the JSON path it concerns and what is wrong.
///
/// `description` is `path: message`, e.g.
/// `layers[3].paint.line-width: expected number or expression, found string "wide"`.
public struct StyleDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// JSON path such as `layers[3].paint.line-width`; empty for the document itself.
    public var path: String
    /// What is wrong, without the path.
    public var message: String

    /// Creates a diagnostic.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// The style could not be decoded; `diagnostics` lists every error found (not just the first).
public struct StyleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// All errors, in document order.
    public var diagnostics: [StyleDiagnostic]

    /// Creates an error from a non-empty list of diagnostics.
    public init(_ diagnostics: [StyleDiagnostic]) { self.diagnostics = diagnostics }

    public var description: String {
        "invalid style (\(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s")):\n"
            + diagnostics.map { "  " + $0.description }.joined(separator: "\n")
    }
}
