extension ExpressionParser {
    /// Parses the arguments of one supported operator. `args[i]` sits at `path[i + 1]`.
    mutating func parseOperator(_ op: String, _ args: [StyleJSON], expecting type: StyleValueType, path: String) -> StyleExpression? {
        func at(_ i: Int) -> String { "\(path)[\(i + 1)]" }
        switch op {
        case "get", "has":
            guard arity(op, args, { $0 == 1 }, "1 argument (a property name)", path) else { return nil }
            guard case .string(let name) = args[0] else {
                fail(at(0), "expected a property name string, found \(args[0].kindDescription)")
                return nil
            }
            return op == "get" ? .get(name) : .has(name)
        case "zoom", "heatmap-density":
            guard arity(op, args, { $0 == 0 }, "no arguments", path) else { return nil }
            return op == "zoom" ? .zoom : .heatmapDensity
        case "literal":
            guard arity(op, args, { $0 == 1 }, "1 argument", path) else { return nil }
            return constant(args[0], expecting: type, path: at(0), topLevel: false)
        case "==", "!=", "<", "<=", ">", ">=":
            guard arity(op, args, { $0 == 2 }, "2 arguments", path),
                  let comparison = StyleExpression.ComparisonOperator(rawValue: op) else { return nil }
            let a = parse(args[0], expecting: .value, path: at(0))
            let b = parse(args[1], expecting: .value, path: at(1))
            guard let a, let b else { return nil }
            if comparison != .equal, comparison != .notEqual {
                for (i, e) in [a, b].enumerated() {
                    if case .literal(let v) = e, v.number == nil, v.string == nil {
                        fail(at(i), "\"\(op)\" compares numbers or strings, found \(v.typeName)")
                        return nil
                    }
                }
            }
            return .compare(comparison, a, b)
        case "all", "any":
            let parts = args.enumerated().map { parse($0.element, expecting: .boolean, path: at($0.offset)) }
            guard parts.allSatisfy({ $0 != nil }) else { return nil }
            let xs = parts.compactMap { $0 }
            return op == "all" ? .all(xs) : .any(xs)
        case "!":
            guard arity(op, args, { $0 == 1 }, "1 argument", path),
                  let x = parse(args[0], expecting: .boolean, path: at(0)) else { return nil }
            return .not(x)
        case "coalesce":
            guard arity(op, args, { $0 >= 1 }, "at least 1 argument", path) else { return nil }
            let parts = args.enumerated().map { parse($0.element, expecting: type, path: at($0.offset)) }
            guard parts.allSatisfy({ $0 != nil }) else { return nil }
            return .coalesce(parts.compactMap { $0 })
        case "to-number":
            guard arity(op, args, { $0 >= 1 }, "at least 1 argument", path) else { return nil }
            let parts = args.enumerated().map { parse($0.element, expecting: .value, path: at($0.offset)) }
            guard parts.allSatisfy({ $0 != nil }) else { return nil }
            return .toNumber(parts.compactMap { $0 })
        case "to-string":
            guard arity(op, args, { $0 == 1 }, "1 argument", path),
                  let x = parse(args[0], expecting: .value, path: at(0)) else { return nil }
            return .toString(x)
        case "match":
            return parseMatch(args, expecting: type, path: path)
        case "case":
            guard arity(op, args, { $0 >= 3 && $0 % 2 == 1 }, "condition/output pairs and a fallback", path) else { return nil }
            var branches: [StyleExpression.CaseBranch] = []
            var ok = true
            for i in stride(from: 0, to: args.count - 1, by: 2) {
                let c = parse(args[i], expecting: .boolean, path: at(i))
                let o = parse(args[i + 1], expecting: type, path: at(i + 1))
                if let c, let o { branches.append(.init(condition: c, output: o)) } else { ok = false }
            }
            guard let fallback = parse(args[args.count - 1], expecting: type, path: at(args.count - 1)), ok else { return nil }
            return .caseOf(branches: branches, fallback: fallback)
        case "step":
            guard arity(op, args, { $0 >= 2 && $0 % 2 == 0 }, "an input, a base output and stop/output pairs", path) else { return nil }
            let input = parse(args[0], expecting: .number, path: at(0))
            let base = parse(args[1], expecting: type, path: at(1))
            let stops = parseStops(args, from: 2, expecting: type, path: path)
            guard let input, let base, let stops else { return nil }
            return .step(input: input, base: base, stops: stops)
        case "interpolate":
            return parseInterpolate(args, expecting: type, path: path)
        default:
            fail(path, "unknown expression operator \"\(op)\"")
            return nil
        }
    }

    /// Stops `args[from...]` as (number literal, output) pairs in strictly ascending order.
    mutating func parseStops(_ args: [StyleJSON], from start: Int, expecting type: StyleValueType, path: String) -> [StyleExpression.Stop]? {
        var stops: [StyleExpression.Stop] = []
        var ok = true
        for i in stride(from: start, to: args.count - 1, by: 2) {
            let output = parse(args[i + 1], expecting: type, path: "\(path)[\(i + 2)]")
            guard case .number(let x) = args[i] else {
                fail("\(path)[\(i + 1)]", "stop input must be a number literal, found \(args[i].kindDescription)")
                ok = false
                continue
            }
            if let last = stops.last, x <= last.input {
                fail("\(path)[\(i + 1)]", "stop inputs must be strictly ascending (\(StyleJSON.format(x)) after \(StyleJSON.format(last.input)))")
                ok = false
            }
            if let output { stops.append(.init(input: x, output: output)) } else { ok = false }
        }
        return ok ? stops : nil
    }

    mutating func parseInterpolate(_ args: [StyleJSON], expecting type: StyleValueType, path: String) -> StyleExpression? {
        guard arity("interpolate", args, { $0 >= 4 && $0 % 2 == 0 }, "a type, an input and stop/output pairs", path) else { return nil }
        switch type {
        case .number, .color, .numberArray, .value: break
        default:
            fail(path, "\"interpolate\" produces numbers, colours or arrays of numbers, but \(type) is expected")
            return nil
        }
        var kind: StyleExpression.Interpolation?
        switch args[0] {
        case .array(let k) where k.first == .string("linear") && k.count == 1:
            kind = .linear
        case .array(let k) where k.first == .string("exponential") && k.count == 2:
            if case .number(let base) = k[1], base > 0 { kind = .exponential(base: base) } else {
                fail("\(path)[1][1]", "exponential base must be a positive number, found \(k[1].kindDescription)")
            }
        default:
            fail("\(path)[1]", "interpolation type must be [\"linear\"] or [\"exponential\", base] (cubic-bezier is not supported), found \(args[0])")
        }
        let input = parse(args[1], expecting: .number, path: "\(path)[2]")
        let stops = parseStops(args, from: 2, expecting: type, path: path)
        guard let kind, let input, let stops else { return nil }
        return .interpolate(kind: kind, input: input, stops: stops)
    }

    mutating func parseMatch(_ args: [StyleJSON], expecting type: StyleValueType, path: String) -> StyleExpression? {
        guard arity("match", args, { $0 >= 4 && $0 % 2 == 0 }, "an input, label/output pairs and a fallback", path) else { return nil }
        let input = parse(args[0], expecting: .value, path: "\(path)[1]")
        var branches: [StyleExpression.MatchBranch] = []
        var seen: Set<StyleValue> = []
        var ok = true
        for i in stride(from: 1, to: args.count - 1, by: 2) {
            let labelPath = "\(path)[\(i + 1)]"
            let raw: [StyleJSON]
            if case .array(let xs) = args[i] { raw = xs } else { raw = [args[i]] }
            var labels: [StyleValue] = []
            for label in raw {
                switch label {
                case .string(let s): labels.append(.string(s))
                case .number(let n): labels.append(.number(n))
                default:
                    fail(labelPath, "match labels must be strings or numbers, found \(label.kindDescription)")
                    ok = false
                }
            }
            if raw.isEmpty { fail(labelPath, "match label array is empty"); ok = false }
            for label in labels where !seen.insert(label).inserted {
                fail(labelPath, "match label \(label.typeName) \"\(label)\" is repeated")
                ok = false
            }
            let output = parse(args[i + 1], expecting: type, path: "\(path)[\(i + 2)]")
            if let output { branches.append(.init(labels: labels, output: output)) } else { ok = false }
        }
        let fallback = parse(args[args.count - 1], expecting: type, path: "\(path)[\(args.count)]")
        guard let input, let fallback, ok else { return nil }
        return .match(input: input, branches: branches, fallback: fallback)
    }
}
