import Foundation

/// Which worksheet of a workbook to read.
public enum XLSXSheet: Sendable, Hashable, CustomStringConvertible {
    /// The first sheet in the workbook's order (the default).
    case first
    /// The sheet with this name (exact match first, then ignoring case).
    case named(String)
    /// The sheet at this 1-based position in the workbook's order.
    case index(Int)

    /// Reads a command-line value: a number is a 1-based index, anything else a name.
    public init(argument: String) {
        if let i = Int(argument.trimmingCharacters(in: .whitespaces)) { self = .index(i) } else { self = .named(argument) }
    }

    /// `first sheet`, `sheet 'Name'`, `sheet 2`.
    public var description: String {
        switch self {
        case .first: "first sheet"
        case .named(let n): "sheet '\(n)'"
        case .index(let i): "sheet \(i)"
        }
    }
}
