import GeoCore

/// Infers the attribute schema of features read from GeoJSON.
enum GeoJSONFieldInference {
    /// Fields in `order` (property names in first-seen document order) with merged types; converts values so each matches its
    /// field's type (integers in real fields stay `.integer`, which every consumer accepts as a
    /// number; values in string fields of mixed type become text; dates become `.date`).
    static func inferFields(_ features: inout [Feature], order: [String], detectDates: Bool) -> [Field] {
        var types: [String: FieldType?] = [:]
        var allDates: [String: Bool] = [:]
        for f in features {
            for (key, value) in f.properties {
                if types[key] == nil { types[key] = .some(nil) }
                let current = types[key] ?? nil
                types[key] = .some(merge(current, value))
                if case .string(let s) = value {
                    if allDates[key] != false { allDates[key] = isDate(s) }
                } else if !value.isNull {
                    allDates[key] = false
                }
            }
        }
        var fields: [Field] = []
        var toText: [String] = []
        var toDate: [String] = []
        for name in order {
            var type = (types[name] ?? nil) ?? .string
            if type == .string, detectDates, allDates[name] == true { type = .date; toDate.append(name) }
            if type == .string { toText.append(name) }
            fields.append(Field(name: name, type: type))
        }
        if !toText.isEmpty || !toDate.isEmpty {
            for i in features.indices {
                for name in toText {
                    guard let v = features[i].properties[name] else { continue }
                    switch v {
                    case .null, .string: break
                    default: features[i].properties[name] = .string(v.description)
                    }
                }
                for name in toDate {
                    if case .string(let s)? = features[i].properties[name], let d = CalendarDate(iso: s) {
                        features[i].properties[name] = .date(d)
                    }
                }
            }
        }
        return fields
    }

    /// True for exactly `YYYY-MM-DD` naming a valid Gregorian date.
    static func isDate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
        for k in [0, 1, 2, 3, 5, 6, 8, 9] where !(48...57).contains(u[k]) { return false }
        return CalendarDate(iso: s) != nil
    }

    private static func merge(_ current: FieldType?, _ value: PropertyValue) -> FieldType? {
        let t: FieldType
        switch value {
        case .null: return current
        case .string: t = .string
        case .integer: t = .integer
        case .double: t = .real
        case .bool: t = .boolean
        case .date: t = .date
        }
        guard let current, current != t else { return t }
        if Set([current, t]) == [.integer, .real] { return .real }
        return .string
    }
}
