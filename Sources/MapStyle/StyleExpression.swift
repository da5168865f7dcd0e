import Foundation

/// A parsed, type-checked MapLibre expression (the subset listed in DESIGN.md).
///
/// Get them from a decoded `Style` (or `StyleExpression.parse(json:expecting:)`); evaluate
/// with `evaluate(_:)`. Legacy filter syntax (`["==", "field", 1]`) is not
/// supported; write `["==", ["get", "field"], 1]`.
public indirect enum StyleExpression: Sendable, Hashable {
    /// A constant (a `literal`, or a bare JSON value already converted to the expected type).
    case literal(StyleValue)
    /// `["get", name]`: the feature property, or null when absent.
    case get(String)
    /// `["has", name]`: whether the feature has a non-null property of that name.
    case has(String)
    /// `==` `!=` `<` `<=` `>` `>=`.
    case compare(ComparisonOperator, StyleExpression, StyleExpression)
    /// `["all", ...]`: true unless some input is false (short-circuit).
    case all([StyleExpression])
    /// `["any", ...]`: true if some input is true (short-circuit).
    case any([StyleExpression])
    /// `["!", b]`.
    case not(StyleExpression)
    /// `["match", input, labels, output, ..., fallback]`; each branch lists its labels.
    case match(input: StyleExpression, branches: [MatchBranch], fallback: StyleExpression)
    /// `["case", cond, output, ..., fallback]`.
    case caseOf(branches: [CaseBranch], fallback: StyleExpression)
    /// `["step", input, base, stop, output, ...]`.
    case step(input: StyleExpression, base: StyleExpression, stops: [Stop])
    /// `["interpolate", kind, input, stop, output, ...]`.
    case interpolate(kind: Interpolation, input: StyleExpression, stops: [Stop])
    /// `["zoom"]`.
    case zoom
    /// `["heatmap-density"]`, 0...1.
    case heatmapDensity
    /// `["coalesce", ...]`: the first non-null input.
    case coalesce([StyleExpression])
    /// `["to-number", ...]`.
    case toNumber([StyleExpression])
    /// `["to-string", v]`.
    case toString(StyleExpression)

    /// Comparison operators.
    public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    /// One `match` branch: the labels (strings or numbers) and the output.
    public struct MatchBranch: Sendable, Hashable {
        public var labels: [StyleValue]
        public var output: StyleExpression
    }

    /// One `case` branch.
    public struct CaseBranch: Sendable, Hashable {
        public var condition: StyleExpression
        public var output: StyleExpression
    }

    /// One stop of `step` / `interpolate`: input value and output.
    public struct Stop: Sendable, Hashable {
        public var input: Double
        public var output: StyleExpression
    }

    /// Interpolation curve: `["linear"]` or `["exponential", base]` (base 1 is linear).
    public enum Interpolation: Sendable, Hashable {
        case linear
        case exponential(base: Double)

        /// MapLibre's interpolation factor of `x` between stops `lower` and `upper`, 0...1.
        public func factor(_ x: Double, lower: Double, upper: Double) -> Double {
            let difference = upper - lower
            let progress = x - lower
            guard difference != 0 else { return 0 }
            switch self {
            case .linear:
                return progress / difference
            case .exponential(let base):
                if base == 1 { return progress / difference }
                return (pow(base, progress) - 1) / (pow(base, difference) - 1)
            }
        }
    }

    /// True when the value does not depend on the feature, zoom or density.
    public var isConstant: Bool { !usesFeature && !usesZoom && !usesHeatmapDensity }

    /// True when the value reads feature properties (`get`, `has`).
    public var usesFeature: Bool {
        contains(where: { if case .get = $0 { true } else if case .has = $0 { true } else { false } })
    }
    /// True when the value reads `["zoom"]`.
    public var usesZoom: Bool { contains(where: { $0 == .zoom }) }
    /// True when the value reads `["heatmap-density"]`.
    public var usesHeatmapDensity: Bool { contains(where: { $0 == .heatmapDensity }) }

    /// The feature properties the value reads: the keys of its `get` and `has`.
    public var propertyNames: Set<String> {
        var names = Set<String>()
        func collect(_ e: StyleExpression) {
            switch e {
            case .get(let key), .has(let key): names.insert(key)
            default: break
            }
            e.children.forEach(collect)
        }
        collect(self)
        return names
    }

    /// The sub-expressions directly inside this one.
    var children: [StyleExpression] {
        switch self {
        case .literal, .get, .has, .zoom, .heatmapDensity: []
        case .compare(_, let a, let b): [a, b]
        case .all(let xs), .any(let xs), .coalesce(let xs), .toNumber(let xs): xs
        case .not(let x), .toString(let x): [x]
        case .match(let input, let branches, let fallback): [input] + branches.map(\.output) + [fallback]
        case .caseOf(let branches, let fallback): branches.flatMap { [$0.condition, $0.output] } + [fallback]
        case .step(let input, let base, let stops): [input, base] + stops.map(\.output)
        case .interpolate(_, let input, let stops): [input] + stops.map(\.output)
        }
    }

    private func contains(where test: (StyleExpression) -> Bool) -> Bool {
        test(self) || children.contains { $0.contains(where: test) }
    }
}
