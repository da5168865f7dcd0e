import GeoCore
import Foundation

/// A parsed JSON value as it appears in a style document.
///
/// Numbers are kept as `Double` (JSON has one number type). Object members keep their
/// document order in `object`, so diagnostics and hashes are deterministic.
public enum StyleJSON: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([StyleJSON])
    /// Members in document order; a later duplicate key replaces nothing (both are kept, lookups see the first).
    case object([(key: String, value: StyleJSON)])

    /// The member named `key` of an object (the first one if duplicated), else nil.
    public subscript(key: String) -> StyleJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// A short description used in error messages: `string "wide"`, `number 3`, `array`, `object`.
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool(let b): "boolean \(b)"
        case .number(let n): "number \(StyleJSON.format(n))"
        case .string(let s): "string \"\(s)\""
        case .array: "array"
        case .object: "object"
        }
    }

    /// Compact JSON text of the value.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return StyleJSON.format(n)
        case .string(let s): return StyleJSON.quote(s)
        case .array(let items): return "[" + items.map(\.description).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { StyleJSON.quote($0.key) + ":" + $0.value.description }.joined(separator: ",") + "}"
        }
    }

    /// Formats a number as JavaScript would print it (`2`, `2.5`, `1e+21` aside).
    static func format(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return String(n)
    }

    static func quote(_ s: String) -> String { JSONText.quoted(s) }

    public static func == (a: StyleJSON, b: StyleJSON) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(description)
    }
}
