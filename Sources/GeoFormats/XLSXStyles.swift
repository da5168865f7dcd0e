import Foundation

/// Which cell styles of a workbook show numbers as dates or times, from `xl/styles.xml`
/// (decoded with XMLCoder): the `numFmtId` of each `cellXfs/xf`, classified by
/// `XLSXDateFormat`, with custom codes from `numFmts`.
struct XLSXStyles: Sendable {
    /// The date kind of each cell style index (`s` attribute of a cell), nil for non-dates.
    var dateKinds: [XLSXDateFormat.Kind?]

    static let part = "xl/styles.xml"

    /// No styles: every number is a plain number.
    init() { dateKinds = [] }

    /// Reads the styles part of `archive`; a workbook without one has no date styles.
    /// - Throws: `FormatError` naming the part when it is malformed.
    init(archive: XLSXArchive) throws {
        guard let bytes = try archive.readIfPresent(Self.part) else { dateKinds = []; return }
        let sheet: StyleSheetXML = try XLSXWorkbook.decode(bytes, part: Self.part, file: archive.file)
        var codes: [Int: String] = [:]
        for f in sheet.numFmts?.numFmt ?? [] {
            if let id = Int(f.numFmtId) { codes[id] = f.formatCode }
        }
        dateKinds = (sheet.cellXfs?.xf ?? []).map { xf in
            guard let id = xf.numFmtId.flatMap({ Int($0) }) else { return nil }
            return XLSXDateFormat.kind(numFmtId: id, formatCode: codes[id])
        }
    }

    /// The date kind of style `index`, nil for a non-date style or an index out of range.
    func dateKind(style index: Int) -> XLSXDateFormat.Kind? {
        dateKinds.indices.contains(index) ? dateKinds[index] : nil
    }

    private struct StyleSheetXML: Decodable {
        struct NumFmts: Decodable { var numFmt: [NumFmt]? }
        struct NumFmt: Decodable {
            var numFmtId: String
            var formatCode: String
        }
        struct CellXfs: Decodable { var xf: [Xf]? }
        struct Xf: Decodable { var numFmtId: String? }
        var numFmts: NumFmts?
        var cellXfs: CellXfs?
    }
}
