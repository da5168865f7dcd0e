/// A parsed JSON value, as produced by `JSONParser`. Internal to GeoFormats.
///
/// Numbers keep both their `Double` value and, when the literal was an integer that fits,
/// its exact `Int64`. Arrays consisting only of numbers (GeoJSON positions) are stored as
/// `.numbers` to avoid one enum box per coordinate.
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double, Int64?)
    case string(String)
    case array([JSONValue])
    /// An array whose every element is a number (never empty).
    case numbers([Double])
    case object(JSONObject)

    /// A short name of the kind, for error messages ("a string", "an object").
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array, .numbers: "an array"
        case .object: "an object"
        }
    }

    /// The elements of an array (numbers re-boxed), or nil for other kinds.
    var arrayElements: [JSONValue]? {
        switch self {
        case .array(let a): a
        case .numbers(let n): n.map { .number($0, nil) }
        default: nil
        }
    }

    /// Compact JSON text of the value. Numbers from `.numbers` arrays are written in their
    /// shortest round-trip form (integral values without a fraction).
    var jsonText: String {
        var out: [UInt8] = []
        JSONValue.write(self, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ v: JSONValue, into out: inout [UInt8]) {
        switch v {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let d, let i):
            if let i { out.append(contentsOf: String(i).utf8) } else { out.append(contentsOf: JSONValue.shortest(d).utf8) }
        case .string(let s): JSONText.appendQuoted(s, to: &out)
        case .numbers(let ns):
            out.append(UInt8(ascii: "["))
            for (k, d) in ns.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: JSONValue.shortest(d).utf8)
            }
            out.append(UInt8(ascii: "]"))
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (k, e) in a.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                write(e, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (k, m) in o.members.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendQuoted(m.key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(m.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Integral doubles below 1e15 without ".0"; others in Swift's shortest round-trip form.
    static func shortest(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }
}

/// A JSON object: members in document order. Lookups return the last member with the key
/// (duplicate keys: last wins, as most parsers do).
struct JSONObject: Sendable {
    var members: [(key: String, value: JSONValue)]

    subscript(key: String) -> JSONValue? {
        for m in members.reversed() where m.key == key { return m.value }
        return nil
    }
}

/// Helpers for writing JSON text.
enum JSONText {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `s` as a JSON string literal: quotes, backslash and control characters escaped,
    /// everything else (including non-ASCII) written as UTF-8.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        appendQuoted(bytes: s.utf8, to: &out)
    }

    /// `appendQuoted(_:to:)` of text given as its UTF-8 bytes (taken to be valid UTF-8).
    @inline(__always)
    static func appendQuoted(bytes: some Sequence<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in bytes {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(92); out.append(b)
            case 0x0A: out.append(92); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(92); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(92); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 15)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
