import GeoCore

/// The result of evaluating an expression: MapLibre's runtime value types.
public enum StyleValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case number(Double)
    case string(String)
    case bool(Bool)
    case color(StyleColor)
    case array([StyleValue])

    /// Converts a feature attribute: integers and reals become numbers, dates ISO strings.
    public init(_ property: PropertyValue) {
        switch property {
        case .null: self = .null
        case .string(let s): self = .string(s)
        case .integer(let i): self = .number(Double(i))
        case .double(let d): self = .number(d)
        case .bool(let b): self = .bool(b)
        case .date(let d): self = .string(d.description)
        }
    }

    /// Converts a JSON literal (objects become nil: object values are not supported).
    init?(json: StyleJSON) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .array(let items):
            var values: [StyleValue] = []
            for item in items {
                guard let v = StyleValue(json: item) else { return nil }
                values.append(v)
            }
            self = .array(values)
        case .object: return nil
        }
    }

    /// The number, if this is one.
    public var number: Double? { if case .number(let n) = self { return n }; return nil }
    /// The string, if this is one.
    public var string: String? { if case .string(let s) = self { return s }; return nil }
    /// The boolean, if this is one.
    public var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    /// The colour, if this is one or a string that parses as a CSS colour.
    public var color: StyleColor? {
        switch self {
        case .color(let c): c
        case .string(let s): StyleColor(css: s)
        default: nil
        }
    }
    /// The elements when every one is a number, else nil.
    public var numbers: [Double]? {
        guard case .array(let items) = self else { return nil }
        let ns = items.compactMap(\.number)
        return ns.count == items.count ? ns : nil
    }
    /// The elements when every one is a string, else nil.
    public var strings: [String]? {
        guard case .array(let items) = self else { return nil }
        let ss = items.compactMap(\.string)
        return ss.count == items.count ? ss : nil
    }

    /// The value's type name as MapLibre's `typeof` reports it.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .number: "number"
        case .string: "string"
        case .bool: "boolean"
        case .color: "color"
        case .array: "array"
        }
    }

    /// MapLibre's `to-string`: null is "", numbers print like JavaScript, colours as `rgba(...)`,
    /// arrays as JSON.
    public var description: String {
        switch self {
        case .null: ""
        case .number(let n): StyleJSON.format(n)
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .color(let c): c.description
        case .array(let items): "[" + items.map(\.jsonText).joined(separator: ",") + "]"
        }
    }

    private var jsonText: String {
        switch self {
        case .null: "null"
        case .string(let s): StyleJSON.quote(s)
        case .color(let c): StyleJSON.quote(c.description)
        default: description
        }
    }
}

/// Static type of an expression or property, checked when the style is decoded.
public enum StyleValueType: Sendable, Hashable, CustomStringConvertible {
    case number
    case string
    case boolean
    case color
    /// An array of numbers (`line-dasharray`, `text-offset`).
    case numberArray
    /// An array of strings (`text-font`).
    case stringArray
    /// A string from a fixed set (`line-cap`: butt, round, square).
    case enumeration([String])
    /// Any value (the result of `get`, or an untyped context).
    case value

    public var description: String {
        switch self {
        case .number: "number"
        case .string: "string"
        case .boolean: "boolean"
        case .color: "color"
        case .numberArray: "array of numbers"
        case .stringArray: "array of strings"
        case .enumeration(let names): "one of " + names.map { "\"\($0)\"" }.joined(separator: ", ")
        case .value: "value"
        }
    }
}
