import Foundation
import GeoCore

/// One column of a DBF table as the file declares it.
public struct DBFField: Sendable, Hashable {
    /// The name, decoded with the table's encoding (at most 10 bytes in the file).
    public var name: String
    /// The dBASE type letter: `C` text, `N`/`F` number, `L` logical, `D` date, others (`M`...)
    /// read as text.
    public var typeCode: Character
    /// Width in bytes.
    public var length: Int
    /// Decimal places (numbers).
    public var decimalCount: Int

    /// The format-independent field: `C` string; `N`/`F` real when it has decimals, integer when
    /// not and at most 18 wide, else real; `L` boolean; `D` date; anything else string.
    public var field: Field {
        let t: FieldType
        switch typeCode {
        case "N", "F": t = decimalCount > 0 || length > 18 ? .real : .integer
        case "L": t = .boolean
        case "D": t = .date
        default: t = .string
        }
        return Field(name: name, type: t, width: length, precision: t == .real ? decimalCount : nil)
    }
}

/// The fixed part of a DBF (dBASE III) file: counts, sizes, language driver and field list.
struct DBFHeader {
    var recordCount: Int
    var headerLength: Int
    var recordLength: Int
    var languageDriverID: UInt8
    /// Each field with its byte offset inside a record (after the deletion flag).
    var fields: [(field: DBFField, offset: Int, rawName: [UInt8])]

    /// Reads and checks the header; `encoding` decodes field names. Throws for a header that is
    /// truncated, inconsistent, or declares more records than the file holds.
    static func read(from src: ByteSource, encoding: TextEncoding?) throws -> DBFHeader {
        let file = src.name
        guard src.size >= 32 else { throw FormatError(file: file, location: "header", "file is \(src.size) bytes, shorter than the 32-byte DBF header") }
        let fixed = try src.read(at: 0, count: 32)
        let count = Int(fixed.uint32LE(at: 4)), headerLength = Int(fixed.uint16LE(at: 8))
        let recordLength = Int(fixed.uint16LE(at: 10))
        guard headerLength >= 33, headerLength <= src.size else {
            throw FormatError(file: file, location: "header", "header length \(headerLength) is impossible for a \(src.size)-byte file")
        }
        guard count == 0 || recordLength >= 1 else { throw FormatError(file: file, location: "header", "record length is 0") }
        let available = (src.size - headerLength) / max(recordLength, 1)
        guard count <= available else {
            throw FormatError(file: file, location: "header",
                              "declares \(count) records of \(recordLength) bytes but the file holds only \(available)")
        }
        let bytes = try src.read(at: 0, count: headerLength)
        let enc = encoding ?? TextEncoding(languageDriverID: fixed[29]) ?? .utf8
        var fields: [(DBFField, Int, [UInt8])] = []
        var pos = 32, offset = 1
        while pos + 32 <= headerLength, bytes[pos] != 0x0D {
            let d = Array(bytes[pos..<(pos + 32)])
            let rawName = Array(d[0..<11].prefix { $0 != 0 })
            let name = enc.decode(rawName).text.trimmingCharacters(in: .whitespaces)
            let length = Int(d[16]), decimals = Int(d[17])
            guard length > 0 else {
                throw FormatError(file: file, location: "field \(fields.count + 1)", "field '\(name)' has width 0")
            }
            let type = Character(Unicode.Scalar(d[11]))
            fields.append((DBFField(name: name, typeCode: type, length: length, decimalCount: decimals), offset, rawName))
            offset += length
            pos += 32
        }
        guard offset <= recordLength || count == 0 else {
            throw FormatError(file: file, location: "header", "fields take \(offset) bytes but records are \(recordLength) bytes")
        }
        return DBFHeader(recordCount: count, headerLength: headerLength, recordLength: recordLength,
                         languageDriverID: fixed[29], fields: fields)
    }
}
