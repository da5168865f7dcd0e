/// One paint or layout property of a layer: its expression (or the spec default when the
/// style does not set it), type and default.
///
/// Evaluation never fails: a result that is null or of the wrong type (an evaluation error in
/// MapLibre terms) gives the default, as MapLibre does.
public struct StyleProperty: Sendable, Hashable {
    /// Property name, e.g. `line-width`.
    public let name: String
    /// The type the value is checked and coerced to.
    public let type: StyleValueType
    /// The expression in the style, or a literal of the default when `isSet` is false.
    public let expression: StyleExpression
    /// The MapLibre default (`.null` for properties without one, like `line-dasharray`).
    public let defaultValue: StyleValue
    /// Whether the style sets the property (false: the default applies).
    public let isSet: Bool

    init(name: String, type: StyleValueType, expression: StyleExpression?, defaultValue: StyleValue) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.isSet = expression != nil
        if let expression {
            self.expression = expression
        } else if name == "heatmap-color" {
            self.expression = PropertySpec.defaultHeatmapColor
        } else {
            self.expression = .literal(defaultValue)
        }
    }

    /// A property with no definition: evaluates to `.null`.
    static func unknown(_ name: String) -> StyleProperty {
        StyleProperty(name: name, type: .value, expression: nil, defaultValue: .null)
    }

    /// True when the value is the same for every feature, zoom and density (evaluate once).
    public var isConstant: Bool { expression.isConstant }

    /// The value, coerced to the property's type (strings to colours for colour properties);
    /// the default when evaluation gives null or a value of the wrong type.
    public func evaluate(_ context: EvaluationContext) -> StyleValue {
        let v = expression.evaluate(context)
        switch type {
        case .number: return v.number.map(StyleValue.number) ?? defaultValue
        case .string: return v == .null ? defaultValue : .string(v.description)
        case .boolean: return v.bool.map(StyleValue.bool) ?? defaultValue
        case .color: return v.color.map(StyleValue.color) ?? defaultValue
        case .numberArray: return v.numbers != nil ? v : defaultValue
        case .stringArray: return v.strings != nil ? v : defaultValue
        case .enumeration(let names): return v.string.map { names.contains($0) } == true ? v : defaultValue
        case .value: return v
        }
    }

    /// The value as a number (0 when there is no numeric value nor default).
    public func number(_ context: EvaluationContext) -> Double { evaluate(context).number ?? 0 }
    /// The value as a colour, nil when neither it nor the default is one (e.g. unset `fill-outline-color`).
    public func color(_ context: EvaluationContext) -> StyleColor? { evaluate(context).color }
    /// The value as text ("" when none); numbers print as in JavaScript (`to-string`).
    public func string(_ context: EvaluationContext) -> String { evaluate(context).description }
    /// The value as a boolean (false when none).
    public func bool(_ context: EvaluationContext) -> Bool { evaluate(context).bool ?? false }
    /// The value as numbers (`line-dasharray`, `text-offset`), nil when none.
    public func numbers(_ context: EvaluationContext) -> [Double]? { evaluate(context).numbers }
    /// The value as strings (`text-font`), nil when none.
    public func strings(_ context: EvaluationContext) -> [String]? { evaluate(context).strings }
}
