import Foundation
import GeoCore

/// One DBF column as a writer lays it out: which property it holds and how.
struct DBFColumn {
    /// The property name in the features.
    var property: String
    /// The name written to the file (at most 10 bytes).
    var dbfName: String
    var type: FieldType
    var typeCode: Character
    var width: Int
    var decimals: Int
}

/// Chooses DBF columns for fields: names fitted to 10 bytes (`DBFFieldNaming`), types
/// (string `C`, integer and real `N`, boolean `L`, date `D`) and widths. A width or precision
/// a `Field` gives is used as a minimum; otherwise widths come from `values` (the longest
/// value), or defaults when there are none: text 80, integer 18, real 24 with 15 decimals.
/// Text is at most 254 bytes; integers wider than 18 digits get width up to 20 (GDAL reads them
/// as reals); reals needing more than 24 characters are written in exponent form, width 24.
enum DBFLayout {
    static func columns(fields: [Field], encoding: TextEncoding, values: ((String) -> [PropertyValue])?) throws -> [DBFColumn] {
        var naming = DBFFieldNaming(encoding: encoding)
        var out: [DBFColumn] = []
        for f in fields {
            let name = try naming.assign(f.name)
            let vals = values?(f.name) ?? []
            var c = DBFColumn(property: f.name, dbfName: name, type: f.type, typeCode: "C", width: 1, decimals: 0)
            switch f.type {
            case .string:
                let longest = vals.map { encoding.encode(DBFLayout.text($0)).bytes.count }.max()
                c.width = min(254, max(1, f.width ?? 0, longest ?? (f.width == nil ? 80 : 1)))
            case .integer:
                c.typeCode = "N"
                let longest = vals.map { DBFLayout.text($0).utf8.count }.max()
                c.width = min(20, max(1, f.width ?? 0, longest ?? (f.width == nil ? 18 : 1)))
            case .real:
                c.typeCode = "N"
                let decimals = f.precision ?? (vals.isEmpty ? 15 : vals.map(DBFLayout.decimalsNeeded).max() ?? 0)
                c.decimals = min(15, decimals)
                let longest = vals.compactMap { v -> Int? in
                    guard let d = v.doubleValue, d.isFinite else { return nil }
                    return String(format: "%.\(c.decimals)f", d).utf8.count
                }.max()
                c.width = max(f.width ?? 0, longest ?? (f.width == nil ? 24 : 1), c.decimals + 2)
                if c.width > 24 { c.width = 24; c.decimals = min(c.decimals, 15) }
            case .boolean:
                c.typeCode = "L"
                c.width = 1
            case .date:
                c.typeCode = "D"
                c.width = 8
            }
            out.append(c)
        }
        return out
    }

    /// Decimal places that write `v` without losing digits of its shortest form (at most 15).
    static func decimalsNeeded(_ v: PropertyValue) -> Int {
        guard let d = v.doubleValue, d.isFinite else { return 0 }
        let s = "\(d)"
        if s.contains("e") { return 15 }
        guard let dot = s.firstIndex(of: ".") else { return 0 }
        let frac = s[s.index(after: dot)...]
        return frac == "0" ? 0 : min(15, frac.count)
    }

    /// A value as text for a `C` column.
    static func text(_ v: PropertyValue) -> String {
        switch v {
        case .double(let d): "\(d)"
        default: v.description
        }
    }
}
