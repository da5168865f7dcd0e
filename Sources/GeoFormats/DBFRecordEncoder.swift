import Foundation
import GeoCore

/// Encodes the DBF header and records for a set of columns (dBASE III, version byte 0x03).
///
/// Nulls are written as GDAL's shapelib writes them (text blank, numbers `*`, date `00000000`),
/// except logical nulls: blank rather than `?`, because GDAL 3.6 reads `?` as the text "?".
/// Text longer than its column is cut on a character boundary, with a warning.
struct DBFRecordEncoder {
    let columns: [DBFColumn]
    let encoding: TextEncoding
    var recordLength: Int { 1 + columns.reduce(0) { $0 + $1.width } }
    var headerLength: Int { 32 + 32 * columns.count + 1 }

    /// The header for `count` records, dated `date` (UTC today by default).
    func header(count: Int, date: Date = Date()) -> [UInt8] {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC") ?? cal.timeZone
        let ymd = cal.dateComponents([.year, .month, .day], from: date)
        var b: [UInt8] = [0x03, UInt8(clamping: (ymd.year ?? 2000) - 1900), UInt8(clamping: ymd.month ?? 1), UInt8(clamping: ymd.day ?? 1)]
        b.appendInt32LE(Int32(truncatingIfNeeded: count))
        b.appendUInt16LE(UInt16(clamping: headerLength))
        b.appendUInt16LE(UInt16(clamping: recordLength))
        b += [UInt8](repeating: 0, count: 17)
        b.append(encoding.languageDriverID)
        b += [0, 0]
        for c in columns {
            var name = Array(encoding.encode(c.dbfName).bytes.prefix(10))
            name += [UInt8](repeating: 0, count: 11 - name.count)
            b += name
            b.append(UInt8(ascii: c.typeCode.unicodeScalars.first ?? "C"))
            b += [0, 0, 0, 0, UInt8(clamping: c.width), UInt8(clamping: c.decimals)]
            b += [UInt8](repeating: 0, count: 14)
        }
        b.append(0x0D)
        return b
    }

    /// One record (deletion flag first). `warn` receives problems such as cut text.
    func record(_ properties: [String: PropertyValue], row: Int, warn: (String) -> Void) -> [UInt8] {
        var b: [UInt8] = [0x20]
        b.reserveCapacity(recordLength)
        for c in columns {
            let v = properties[c.property] ?? .null
            b += cell(v, c, row: row, warn: warn)
        }
        return b
    }

    private func cell(_ v: PropertyValue, _ c: DBFColumn, row: Int, warn: (String) -> Void) -> [UInt8] {
        func padLeft(_ s: String) -> [UInt8] {
            let u = Array(s.utf8)
            if u.count > c.width {
                warn("row \(row): '\(c.dbfName)' value \(s) does not fit in width \(c.width); written as null")
                return [UInt8](repeating: 0x2A, count: c.width)
            }
            return [UInt8](repeating: 0x20, count: c.width - u.count) + u
        }
        if v == .null {
            switch c.typeCode {
            case "N": return [UInt8](repeating: 0x2A, count: c.width)
            case "L": return [0x20]
            case "D": return [UInt8](repeating: 0x30, count: 8)
            default: return [UInt8](repeating: 0x20, count: c.width)
            }
        }
        switch c.type {
        case .integer:
            if case .integer(let i) = v { return padLeft(String(i)) }
            if let d = v.doubleValue, d.isFinite { return padLeft(String(format: "%.0f", d)) }
        case .real:
            if let d = v.doubleValue, d.isFinite {
                let s = String(format: "%.\(c.decimals)f", d)
                return padLeft(s.utf8.count <= c.width ? s : String(format: "%.\(max(0, c.width - 8))e", d))
            }
        case .boolean:
            if case .bool(let t) = v { return [t ? 0x54 : 0x46] }
        case .date:
            if case .date(let d) = v, (0...9999).contains(d.year) {
                return Array(d.description.replacingOccurrences(of: "-", with: "").utf8)
            }
        case .string:
            let (bytes, lossy) = encoding.encode(DBFLayout.text(v))
            if lossy { warn("row \(row): '\(c.dbfName)': characters not in \(encoding.rawValue) written as '?'") }
            var out = bytes
            if out.count > c.width {
                warn("row \(row): '\(c.dbfName)' text cut to \(c.width) bytes")
                out = encoding.encode(DBFFieldNaming(encoding: encoding).prefix(DBFLayout.text(v), bytes: c.width)).bytes
            }
            return out + [UInt8](repeating: 0x20, count: c.width - out.count)
        }
        warn("row \(row): '\(c.dbfName)': value '\(v)' does not suit a \(c.type.rawValue) column; written as null")
        return cell(.null, c, row: row, warn: warn)
    }
}
