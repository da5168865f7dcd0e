import Foundation

extension StyleExpression {
    /// Evaluates the expression.
    ///
    /// MapLibre semantics: a missing property is null; `==`/`!=` on values of different types
    /// give false/true; an ordering comparison of mismatched types, a non-boolean input to
    /// `all`/`any`/`!`, or an unconvertible `to-number` is an evaluation error, returned here as
    /// `.null` (a property then falls back to its default, a filter to false).
    public func evaluate(_ context: EvaluationContext) -> StyleValue {
        switch self {
        case .literal(let v):
            return v
        case .get(let name):
            return context.properties[name].map(StyleValue.init) ?? .null
        case .has(let name):
            guard let v = context.properties[name] else { return .bool(false) }
            return .bool(!v.isNull)
        case .compare(let op, let a, let b):
            return Self.compare(op, a.evaluate(context), b.evaluate(context))
        case .all(let xs):
            for x in xs {
                guard let b = x.evaluate(context).bool else { return .null }
                if !b { return .bool(false) }
            }
            return .bool(true)
        case .any(let xs):
            for x in xs {
                guard let b = x.evaluate(context).bool else { return .null }
                if b { return .bool(true) }
            }
            return .bool(false)
        case .not(let x):
            guard let b = x.evaluate(context).bool else { return .null }
            return .bool(!b)
        case .match(let input, let branches, let fallback):
            let v = input.evaluate(context)
            for branch in branches where branch.labels.contains(v) {
                return branch.output.evaluate(context)
            }
            return fallback.evaluate(context)
        case .caseOf(let branches, let fallback):
            for branch in branches where branch.condition.evaluate(context).bool == true {
                return branch.output.evaluate(context)
            }
            return fallback.evaluate(context)
        case .step(let input, let base, let stops):
            guard let x = input.evaluate(context).number else { return .null }
            guard let i = Self.lastStop(atOrBelow: x, stops) else { return base.evaluate(context) }
            return stops[i].output.evaluate(context)
        case .interpolate(let kind, let input, let stops):
            guard let x = input.evaluate(context).number else { return .null }
            return Self.interpolate(kind, x, stops, context)
        case .zoom:
            return .number(context.zoom)
        case .heatmapDensity:
            return .number(context.heatmapDensity)
        case .coalesce(let xs):
            for x in xs {
                let v = x.evaluate(context)
                if v != .null { return v }
            }
            return .null
        case .toNumber(let xs):
            for x in xs {
                if let n = Self.toNumber(x.evaluate(context)) { return .number(n) }
            }
            return .null
        case .toString(let x):
            return .string(x.evaluate(context).description)
        }
    }

    /// MapLibre's `to-number` conversion of one value: null 0, booleans 0/1, numeric strings
    /// (an empty or blank string is 0, as JavaScript's `Number`), else nil.
    static func toNumber(_ v: StyleValue) -> Double? {
        switch v {
        case .null: return 0
        case .bool(let b): return b ? 1 : 0
        case .number(let n): return n
        case .string(let s):
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.isEmpty { return 0 }
            guard let n = Double(t), n.isFinite || t.lowercased().contains("infinity") else { return nil }
            return n
        default: return nil
        }
    }

    static func compare(_ op: ComparisonOperator, _ a: StyleValue, _ b: StyleValue) -> StyleValue {
        switch op {
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        default: break
        }
        let order: Int
        switch (a, b) {
        case (.number(let x), .number(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let x), .string(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
        default: return .null
        }
        switch op {
        case .less: return .bool(order < 0)
        case .lessOrEqual: return .bool(order <= 0)
        case .greater: return .bool(order > 0)
        default: return .bool(order >= 0)
        }
    }

    /// Index of the last stop whose input is <= x (stops ascend), nil when x is below the first.
    static func lastStop(atOrBelow x: Double, _ stops: [Stop]) -> Int? {
        var lo = 0, hi = stops.count - 1, found: Int?
        while lo <= hi {
            let mid = (lo + hi) / 2
            if stops[mid].input <= x { found = mid; lo = mid + 1 } else { hi = mid - 1 }
        }
        return found
    }

    static func interpolate(_ kind: Interpolation, _ x: Double, _ stops: [Stop], _ context: EvaluationContext) -> StyleValue {
        guard let first = stops.first, let last = stops.last else { return .null }
        if x <= first.input { return first.output.evaluate(context) }
        if x >= last.input { return last.output.evaluate(context) }
        guard let i = lastStop(atOrBelow: x, stops), i + 1 < stops.count else { return last.output.evaluate(context) }
        let t = kind.factor(x, lower: stops[i].input, upper: stops[i + 1].input)
        return mix(stops[i].output.evaluate(context), stops[i + 1].output.evaluate(context), t)
    }

    /// Interpolates numbers, colours (premultiplied RGB, as MapLibre) and equal-length number arrays.
    static func mix(_ a: StyleValue, _ b: StyleValue, _ t: Double) -> StyleValue {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            return .number(x + (y - x) * t)
        case (.array, .array):
            guard let xs = a.numbers, let ys = b.numbers, xs.count == ys.count else { return .null }
            return .array(zip(xs, ys).map { .number($0 + ($1 - $0) * t) })
        default:
            guard let x = a.color, let y = b.color else { return .null }
            return .color(StyleColor.interpolate(x, y, t))
        }
    }
}
