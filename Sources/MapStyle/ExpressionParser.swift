/// Parses JSON into `StyleExpression`s, checking types against what the property expects and
/// collecting every error with its JSON path.
struct ExpressionParser {
    /// Errors found so far.
    var diagnostics: [StyleDiagnostic] = []

    /// Operators this module implements.
    static let supported: Set<String> = [
        "get", "has", "==", "!=", "<", "<=", ">", ">=", "all", "any", "!", "match", "case", "step",
        "interpolate", "zoom", "heatmap-density", "literal", "coalesce", "to-number", "to-string",
    ]
    /// Other MapLibre operators, recognised only to give a clear "not supported" error.
    static let unsupported: Set<String> = [
        "format", "concat", "upcase", "downcase", "number-format", "to-boolean", "to-color", "typeof",
        "string", "number", "boolean", "object", "array", "let", "var", "at", "in", "index-of", "slice",
        "length", "geometry-type", "id", "properties", "feature-state", "+", "-", "*", "/", "%", "^",
        "sqrt", "log10", "log2", "ln", "ln2", "abs", "min", "max", "round", "floor", "ceil", "pi", "e",
        "sin", "cos", "tan", "asin", "acos", "atan", "rgb", "rgba", "interpolate-hcl", "interpolate-lab",
        "image", "collator", "within", "distance", "line-progress", "accumulated", "is-supported-script",
        "resolved-locale", "global-state", "config", "to-rgba", "distance-from-center", "pitch",
    ]

    /// True when `json` is an array whose first element names an expression operator.
    static func looksLikeExpression(_ json: StyleJSON) -> Bool {
        guard case .array(let items) = json, case .string(let op)? = items.first else { return false }
        return supported.contains(op) || unsupported.contains(op)
    }

    /// Parses a property value or filter at the top level (where bare array constants are allowed
    /// for array-typed properties). Returns nil after recording an error.
    mutating func parseProperty(_ json: StyleJSON, expecting type: StyleValueType, path: String) -> StyleExpression? {
        if case .array = json, !Self.looksLikeExpression(json) {
            switch type {
            case .numberArray, .stringArray:
                return constant(json, expecting: type, path: path, topLevel: true)
            default:
                if case .array(let items) = json, case .string(let op)? = items.first {
                    fail(path, "unknown expression operator \"\(op)\"")
                } else {
                    fail(path, "expected \(type) or expression, found \(json.kindDescription)")
                }
                return nil
            }
        }
        if case .array = json { return parse(json, expecting: type, path: path) }
        return constant(json, expecting: type, path: path, topLevel: true)
    }

    mutating func fail(_ path: String, _ message: String) {
        diagnostics.append(StyleDiagnostic(path: path, message: message))
    }

    /// A JSON constant converted to the expected type, or nil after an error.
    mutating func constant(_ json: StyleJSON, expecting type: StyleValueType, path: String, topLevel: Bool) -> StyleExpression? {
        let orExpression = topLevel ? " or expression" : ""
        func mismatch() -> StyleExpression? {
            fail(path, "expected \(type)\(orExpression), found \(json.kindDescription)")
            return nil
        }
        switch (type, json) {
        case (.value, _):
            guard let v = StyleValue(json: json) else { return mismatch() }
            return .literal(v)
        case (_, .null):
            return .literal(.null)
        case (.number, .number(let n)): return .literal(.number(n))
        case (.string, .string(let s)): return .literal(.string(s))
        case (.boolean, .bool(let b)): return .literal(.bool(b))
        case (.color, .string(let s)):
            guard let c = StyleColor(css: s) else {
                fail(path, "expected color\(orExpression), found string \"\(s)\" (not a CSS colour)")
                return nil
            }
            return .literal(.color(c))
        case (.enumeration(let names), .string(let s)):
            guard names.contains(s) else { return mismatch() }
            return .literal(.string(s))
        case (.numberArray, .array(let items)):
            guard let v = StyleValue(json: json), v.numbers != nil else { return mismatch() }
            _ = items
            return .literal(v)
        case (.stringArray, .array):
            guard let v = StyleValue(json: json), v.strings != nil else { return mismatch() }
            return .literal(v)
        default:
            return mismatch()
        }
    }

    /// Static result type of an operator, used to check it against the expected type.
    static func resultType(of op: String, expecting type: StyleValueType) -> StyleValueType {
        switch op {
        case "get", "coalesce", "match", "case", "step", "interpolate", "literal": type
        case "has", "==", "!=", "<", "<=", ">", ">=", "all", "any", "!": .boolean
        case "zoom", "heatmap-density", "to-number": .number
        default: .string
        }
    }

    static func accepts(_ expected: StyleValueType, _ actual: StyleValueType) -> Bool {
        if expected == .value || actual == .value || expected == actual { return true }
        switch (expected, actual) {
        case (.enumeration, .string), (.color, .string): return true
        default: return false
        }
    }

    /// Parses any JSON in expression position (nested: arrays must be expressions).
    mutating func parse(_ json: StyleJSON, expecting type: StyleValueType, path: String) -> StyleExpression? {
        guard case .array(let items) = json else {
            return constant(json, expecting: type, path: path, topLevel: false)
        }
        guard case .string(let op)? = items.first else {
            fail(path, "expected an expression (an array starting with an operator name); wrap array constants in [\"literal\", ...]")
            return nil
        }
        if Self.unsupported.contains(op) {
            fail(path, "expression operator \"\(op)\" is not supported")
            return nil
        }
        guard Self.supported.contains(op) else {
            fail(path, "unknown expression operator \"\(op)\"")
            return nil
        }
        let produced = op == "get" ? StyleValueType.value : Self.resultType(of: op, expecting: type)
        guard Self.accepts(type, produced) else {
            fail(path, "expected \(type), found \(produced) expression \"\(op)\"")
            return nil
        }
        let args = Array(items.dropFirst())
        return parseOperator(op, args, expecting: type, path: path)
    }

    /// Checks the argument count; records an error when it is wrong.
    mutating func arity(_ op: String, _ args: [StyleJSON], _ valid: (Int) -> Bool, _ wanted: String, _ path: String) -> Bool {
        if valid(args.count) { return true }
        fail(path, "\"\(op)\" expects \(wanted), found \(args.count) argument\(args.count == 1 ? "" : "s")")
        return false
    }
}

extension StyleExpression {
    /// Parses an expression from JSON text (e.g. a `--where` filter on the command line).
    /// - Parameters:
    ///   - text: JSON such as `["==", ["get", "category"], "seizure"]`, or a constant.
    ///   - type: the result type required; `.boolean` for filters.
    /// - Throws: `StyleError` listing every problem, paths relative to the expression (`[2]`).
    public static func parse(json text: String, expecting type: StyleValueType) throws(StyleError) -> StyleExpression {
        let json: StyleJSON
        do { json = try StyleJSONParser.parse(Array(text.utf8)) } catch { throw StyleError([error]) }
        var parser = ExpressionParser()
        var expression: StyleExpression?
        if type == .boolean, let hint = StyleDecoder.legacyFilterHint(json) {
            parser.fail("", "legacy filter syntax is not supported; \(hint)")
        } else {
            expression = parser.parseProperty(json, expecting: type, path: "")
        }
        guard let expression, parser.diagnostics.isEmpty else {
            throw StyleError(parser.diagnostics.isEmpty ? [StyleDiagnostic(path: "", message: "invalid expression")] : parser.diagnostics)
        }
        return expression
    }
}
