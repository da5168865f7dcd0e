import Foundation
import XMLCoder

/// The workbook-level facts a sheet reader needs, from `xl/workbook.xml` and
/// `xl/_rels/workbook.xml.rels` (decoded with XMLCoder: both parts are small).
struct XLSXWorkbook: Sendable {
    /// One sheet: its name as Excel's tab shows it and the part holding its cells.
    struct Sheet: Sendable {
        var name: String
        var part: String
    }

    /// The sheets in the workbook's order.
    var sheets: [Sheet]
    /// Whether dates count from 1904-01-01 (Excel for Mac before 2011) instead of 1900.
    var date1904: Bool

    static let workbookPart = "xl/workbook.xml"
    static let relsPart = "xl/_rels/workbook.xml.rels"

    /// Reads both parts of `archive`.
    /// - Throws: `FormatError` naming the part when one is missing or malformed, or a sheet's
    ///   relationship id has no target.
    init(archive: XLSXArchive) throws {
        let book: WorkbookXML = try Self.decode(archive.read(Self.workbookPart), part: Self.workbookPart, file: archive.file)
        let rels: RelationshipsXML = try Self.decode(archive.read(Self.relsPart), part: Self.relsPart, file: archive.file)
        var targets: [String: String] = [:]
        for r in rels.relationship ?? [] { targets[r.id] = r.target }
        sheets = try (book.sheets.sheet ?? []).map { s in
            guard let target = targets[s.id] else {
                throw FormatError(file: archive.file, location: Self.relsPart, "no relationship \(s.id) for sheet '\(s.name)'")
            }
            return Sheet(name: s.name, part: Self.resolve(target))
        }
        let flag = book.workbookPr?.date1904?.lowercased()
        date1904 = flag == "1" || flag == "true"
    }

    /// A relationship target as a part name: `worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`,
    /// `/xl/worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`, `..` segments resolved.
    static func resolve(_ target: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        var parts: [Substring] = []
        for segment in joined.split(separator: "/") {
            if segment == ".." { _ = parts.popLast() } else if segment != "." { parts.append(segment) }
        }
        return parts.joined(separator: "/")
    }

    /// Decodes a small part with XMLCoder (whitespace in values kept).
    static func decode<T: Decodable>(_ bytes: [UInt8], part: String, file: String?) throws -> T {
        let decoder = XMLDecoder(trimValueWhitespaces: false)
        do { return try decoder.decode(T.self, from: Data(bytes)) } catch {
            throw FormatError(file: file, location: part, "malformed XML or unexpected structure: \(error)")
        }
    }

    // MARK: - XML shapes (only the elements and attributes used)

    private struct WorkbookXML: Decodable {
        struct Properties: Decodable { var date1904: String? }
        struct Sheets: Decodable { var sheet: [SheetXML]? }
        struct SheetXML: Decodable {
            var name: String
            var id: String
            enum CodingKeys: String, CodingKey {
                case name
                case id = "r:id"
            }
        }
        var workbookPr: Properties?
        var sheets: Sheets
    }

    private struct RelationshipsXML: Decodable {
        struct Relationship: Decodable {
            var id: String
            var target: String
            enum CodingKeys: String, CodingKey {
                case id = "Id"
                case target = "Target"
            }
        }
        var relationship: [Relationship]?
        enum CodingKeys: String, CodingKey { case relationship = "Relationship" }
    }
}
